// The local overlay shared between deployments, and its relation to the built-in release: an export
// imported elsewhere re-classifies that deployment's endpoints at once; importing it again changes
// nothing; entries that contradict the receiving deployment's own are reported, not taken; a local
// rule that the release classifies differently is shown as a conflict, and the local rule wins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { exportOverlay } from "~/server/catalog/exchange";
import { importOverlay } from "~/server/reevaluation/overlay-import";
import { overlayOverview } from "~/server/catalog/overview";
import { classifyEntries, retireLocalRule, suppressEntries } from "~/server/reevaluation/overlay";
import { overlayRevision } from "~/server/catalog/store";
import { enroll, endpoint, freshDb, makeAgency, makeToken, report, send, T0, type TestDb } from "../ingest/helpers";

const SHIELD: SoftwareEntry = { source: "dpkg", name: "acme-antivirus", version: "3.1", identifier: "acme-antivirus", publisher: "Acme Security" };
const CLAMAV: SoftwareEntry = { source: "dpkg", name: "clamav", version: "1.0.7", identifier: "clamav" };
const exact = (value: string) => ({ mode: "exact" as const, value });
const opts = { reevaluate: "sync" as const };

describe("overlay export, import and conflicts", () => {
  let a: TestDb;
  let b: TestDb;
  let epB = 0;
  beforeAll(() => {
    a = freshDb();
    b = freshDb();
    const dev = enroll(b.db, makeToken(b.db, makeAgency(b.db, "B-1").id), { platform: "linux", now: T0 });
    send(b.db, dev, report(dev, [SHIELD]), T0 + 1000);
    epB = dev.endpointId;
  });
  afterAll(() => {
    a?.close();
    b?.close();
  });

  it("an export imported elsewhere applies there at once; a second import changes nothing", async () => {
    await classifyEntries(
      a.db,
      SYSTEM_ACTOR,
      { match: { source: "dpkg", identifier: exact("acme-antivirus") }, vendor: { newName: "Acme Security" }, product: { newName: "Acme Antivirus", category: "antivirus" } },
      opts,
    );
    await classifyEntries(a.db, SYSTEM_ACTOR, { match: { source: "dpkg", identifier: exact("eset-endpoint-antivirus-ng") }, vendor: { slug: "eset" }, product: { slug: "eset-endpoint" } }, opts);
    await suppressEntries(a.db, SYSTEM_ACTOR, { match: { source: null, name: { mode: "prefix", value: "Sentinel HASP" } } }, opts);
    const withdrawn = await suppressEntries(a.db, SYSTEM_ACTOR, { match: { source: null, name: exact("withdrawn rule") } }, opts);
    await retireLocalRule(a.db, SYSTEM_ACTOR, withdrawn.value.ruleId, opts);
    const file = exportOverlay(a.db);
    expect(file.rules).toHaveLength(3); // the withdrawn rule is not exported
    expect(file.vendors).toEqual([{ slug: "local-acme-security", name: "Acme Security" }]);
    expect(file.products).toEqual([{ slug: "local-acme-security-acme-antivirus", vendor: "local-acme-security", name: "Acme Antivirus", category: "antivirus" }]);

    expect(endpoint(b.db, epB).state).toBe("unprotected");
    const first = await importOverlay(b.db, SYSTEM_ACTOR, JSON.parse(JSON.stringify(file)), opts);
    expect(first.value).toEqual({ added: 3, alreadyPresent: 0, conflicts: [] });
    expect(first.endpoints).toBe(1);
    expect(endpoint(b.db, epB).state).toBe("clean");
    const revision = overlayRevision(b.db);
    const again = await importOverlay(b.db, SYSTEM_ACTOR, file, opts);
    expect(again.value).toEqual({ added: 0, alreadyPresent: 3, conflicts: [] });
    expect(overlayRevision(b.db)).toBe(revision); // nothing changed, the catalog version stays
    expect(b.db.$client.prepare("select count(*) as n from audit_log where action = 'catalog.import'").get()).toEqual({ n: 2 });
  });

  it("reports what contradicts this deployment's entries, and rejects what is not an overlay file", async () => {
    const file = exportOverlay(a.db);
    const renamed = {
      ...file,
      vendors: [{ slug: "local-acme-security", name: "Acme Holdings" }],
      rules: [{ ...file.rules.find((r) => r.product === "eset-endpoint")!, product: "eset-home", vendor: "eset" }],
    };
    const r = await importOverlay(b.db, SYSTEM_ACTOR, renamed, opts);
    expect(r.value.added).toBe(0);
    expect(r.value.conflicts).toEqual([
      'Vendor local-acme-security: named "Acme Security" here, "Acme Holdings" in the file',
      "Rule for eset-endpoint-antivirus-ng: eset-endpoint here, eset-home in the file",
    ]);
    for (const bad of [{}, { ...file, format: "something-else" }, { ...file, rules: [{ kind: "classify", match: { source: "dpkg" } }] }]) {
      await expect(importOverlay(b.db, SYSTEM_ACTOR, bad, opts)).rejects.toThrow();
    }
    // Text in a file is matched literally: "clam.*" is not a pattern.
    await importOverlay(b.db, SYSTEM_ACTOR, { ...file, vendors: [], products: [], rules: [{ kind: "suppress", match: { source: "dpkg", identifier: { mode: "exact", value: "clam.*" } } }] }, opts);
    const dev = enroll(b.db, makeToken(b.db, makeAgency(b.db, "B-2").id), { platform: "linux", now: T0 });
    send(b.db, dev, report(dev, [CLAMAV]), T0 + 2000);
    expect(endpoint(b.db, dev.endpointId).state).toBe("clean"); // ClamAV still counts as protection
  });

  it("shows where the built-in release disagrees with a local rule; the local rule wins", async () => {
    const dev = enroll(a.db, makeToken(a.db, makeAgency(a.db, "A-1").id), { platform: "linux", now: T0 });
    send(a.db, dev, report(dev, [CLAMAV]), T0 + 1000);
    await classifyEntries(
      a.db,
      SYSTEM_ACTOR,
      { match: { source: "dpkg", identifier: exact("clamav") }, vendor: { slug: "local-acme-security" }, product: { slug: "local-acme-security-acme-antivirus" } },
      opts,
    );
    const sw = a.db.$client.prepare("select vendor, product from software where identifier = 'clamav'").get();
    expect(sw).toEqual({ vendor: "local-acme-security", product: "local-acme-security-acme-antivirus" });
    const rule = overlayOverview(a.db).rules.find((x) => x.match.some((m) => m.value === "clamav"))!;
    expect(rule).toMatchObject({ conflict: true, entries: 1, endpoints: 1, builtin: { vendor: "clamav" } });
    expect(overlayOverview(a.db).rules.filter((x) => x.conflict)).toHaveLength(1);
  });
});
