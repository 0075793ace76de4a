// Admin CLI commands for local policies and the local catalog overlay: the same services the
// dashboard calls, audited as the CLI user.
import fs from "node:fs";
import path from "node:path";
import { getAgencyByCode } from "../agencies/service";
import { cliActor } from "../audit/log";
import { bootstrap } from "../bootstrap";
import { exportOverlay } from "../catalog/exchange";
import { importOverlay } from "../reevaluation/overlay-import";
import type { Db } from "../db/client";
import { createLocalPolicy, newPolicyVersion, policyText, updateLocalPolicy, type LocalPolicyInput } from "../policy/local";
import { getPolicy } from "../policy/service";
import { type Command, UsageError } from "./commands";

type Values = Record<string, string | boolean | undefined>;

const POLICY_OPTIONS = {
  slug: { type: "string" },
  title: { type: "string" },
  jurisdiction: { type: "string" },
  "legal-reference": { type: "string" },
  "legal-url": { type: "string" },
  summary: { type: "string" },
  measure: { type: "string" },
  vendors: { type: "string" },
  products: { type: "string" },
  categories: { type: "string" },
  effective: { type: "string" },
  deadline: { type: "string" },
  agency: { type: "string" },
} as const;

const POLICY_USAGE =
  "--title T --jurisdiction J --legal-reference R [--legal-url URL] --measure ban|advisory [--vendors a,b] [--products x,y] [--categories antivirus,edr] --effective YYYY-MM-DD [--deadline YYYY-MM-DD] [--agency CODE] [--summary S]";

const list = (v: string | boolean | undefined) =>
  typeof v === "string"
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

async function ready(): Promise<Db> {
  return (await bootstrap({ actor: cliActor() })).db;
}

/** The policy text from the flags; `base` (an existing policy's text) fills what is not given. */
function policyFromFlags(db: Db, values: Values, base?: LocalPolicyInput): LocalPolicyInput {
  const s = (k: string) => (typeof values[k] === "string" ? (values[k] as string) : undefined);
  const measure = s("measure");
  if (measure !== undefined && measure !== "ban" && measure !== "advisory") throw new UsageError("--measure must be ban or advisory");
  let agencyId = base?.agencyId ?? null;
  const agency = s("agency");
  if (agency !== undefined) {
    if (agency === "" || agency.toLowerCase() === "all") agencyId = null;
    else {
      const a = getAgencyByCode(db, agency);
      if (!a) throw new UsageError(`No agency with code ${agency.toUpperCase()}`);
      agencyId = a.id;
    }
  }
  const cats = list(values.categories);
  return {
    name: s("title") ?? base?.name ?? "",
    jurisdiction: s("jurisdiction") ?? base?.jurisdiction ?? "",
    legalReference: s("legal-reference") ?? base?.legalReference ?? "",
    legalUrl: s("legal-url") ?? base?.legalUrl ?? null,
    summary: s("summary") ?? base?.summary ?? "",
    status: measure === "advisory" ? "advisory" : measure === "ban" ? "banned" : (base?.status ?? "banned"),
    vendors: list(values.vendors) ?? base?.vendors ?? [],
    products: list(values.products) ?? base?.products ?? [],
    categories: cats ? (cats.length && !cats.includes("all") ? (cats as LocalPolicyInput["categories"]) : null) : (base?.categories ?? null),
    effectiveDate: s("effective") ?? base?.effectiveDate ?? "",
    deadline: s("deadline") ?? base?.deadline ?? null,
    agencyId,
  };
}

function existing(db: Db, values: Values) {
  const slug = typeof values.slug === "string" ? values.slug.trim() : "";
  if (!slug) throw new UsageError("--slug is required");
  try {
    return getPolicy(db, slug);
  } catch {
    throw new UsageError(`No policy with slug ${slug} (see: npm run admin -- list-policies)`);
  }
}

export const POLICY_COMMANDS: Record<string, Command> = {
  "create-policy": {
    summary: "Create a local policy (not in force; then activate-policy --slug S shows its impact and puts it in force).",
    usage: POLICY_USAGE,
    options: POLICY_OPTIONS,
    async run(values) {
      const db = await ready();
      const p = createLocalPolicy(db, cliActor(), policyFromFlags(db, values));
      console.log(`Created local policy ${p.slug} (version ${p.version}, not in force)`);
    },
  },
  "update-policy": {
    summary: "Change a local policy that was never in force (flags not given keep their value).",
    usage: `--slug S [${POLICY_USAGE}]`,
    options: POLICY_OPTIONS,
    async run(values) {
      const db = await ready();
      const before = existing(db, values);
      const p = updateLocalPolicy(db, cliActor(), before.id, policyFromFlags(db, values, policyText(before)));
      console.log(`Updated local policy ${p.slug}`);
    },
  },
  "new-policy-version": {
    summary: "Make a new version of a local policy that has been in force (flags not given keep their value); activating it replaces the old one.",
    usage: `--slug S [${POLICY_USAGE}]`,
    options: POLICY_OPTIONS,
    async run(values) {
      const db = await ready();
      const before = existing(db, values);
      const p = newPolicyVersion(db, cliActor(), before.id, policyFromFlags(db, values, policyText(before)));
      console.log(`Created ${p.slug} (version ${p.version} of ${before.slug}, not in force)`);
    },
  },
  "export-catalog": {
    summary: "Write the local catalog overlay (rules, local vendors and products) to FILE as JSON.",
    usage: "FILE",
    options: {},
    async run(_values, positionals) {
      const target = positionals[0];
      if (!target) throw new UsageError("Give the file to write: npm run admin -- export-catalog FILE");
      const db = await ready();
      const file = exportOverlay(db);
      fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
      fs.writeFileSync(target, `${JSON.stringify(file, null, 2)}\n`);
      console.log(`Wrote ${file.rules.length} rule(s), ${file.vendors.length} local vendor(s), ${file.products.length} local product(s) to ${target}`);
    },
  },
  "import-catalog": {
    summary: "Add the entries of an overlay file exported by another deployment; re-evaluates the endpoints they affect.",
    usage: "FILE",
    options: {},
    async run(_values, positionals) {
      const source = positionals[0];
      if (!source) throw new UsageError("Give the overlay file: npm run admin -- import-catalog FILE");
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(source, "utf8"));
      } catch (err) {
        throw new UsageError(`${source} is not a readable JSON file (${(err as Error).message})`);
      }
      const db = await ready();
      const r = await importOverlay(db, cliActor(), parsed, { reevaluate: "sync" });
      console.log(`Imported ${r.value.added} rule(s), ${r.value.alreadyPresent} already present; ${r.endpoints} endpoint(s) re-evaluated`);
      for (const c of r.value.conflicts) console.error(`not imported: ${c}`);
    },
  },
};
