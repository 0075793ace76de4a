// The local catalog overlay end to end with the real agent bundle over real HTTP: an agent reports
// a package the catalog does not know (flagged unrecognized, the endpoint unprotected); an officer
// classifies it; at once, without a check-in, the endpoint is re-evaluated (clean: it has an
// antivirus now); the catalog endpoint's ETag changes; the agent's next run downloads the new
// catalog and reports the package as recognised (no unrecognized flag, the new catalog version).
// Then a local ban on the new vendor bans the endpoint, and suppressing the entry as "not security
// software" clears it again; both without a check-in.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { classifyEntries, suppressEntries } from "~/server/reevaluation/overlay";
import { createLocalPolicy } from "~/server/policy/local";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { ROOT } from "../../support/server";
import { type Api, rawRequest, startApi } from "../ingest/api-server";
import { freshDb, makeAgency, makeToken, type TestDb } from "../ingest/helpers";

const AGENT = path.join(ROOT, "agent", "dist", "muster-agent.js");
const OFFICER = { userId: null, label: "officer@test" };

const DPKG_STATUS = `Package: bash
Status: install ok installed
Priority: required
Maintainer: Matthias Klose <doko@debian.org>
Architecture: amd64
Version: 5.2.15-2+b7
Description: GNU Bourne Again SHell

Package: acme-antivirus
Status: install ok installed
Priority: optional
Maintainer: Acme Security <packages@acme.example>
Architecture: amd64
Version: 3.1.4-1
Description: Acme on-access antivirus daemon
`;

describe("local catalog overlay, with the real agent", () => {
  let t: TestDb;
  let api: Api;
  let dir: string;
  let root: string;
  let stateDir: string;
  // Asynchronous: the API answers from this process, so the agent must not block its event loop.
  const agent = async (...args: string[]) => {
    try {
      const r = await promisify(execFile)(process.execPath, [AGENT, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, MUSTER_AGENT_RETRY_BASE_MS: "50" } });
      return { code: 0, out: r.stdout };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: `${e.stdout}${e.stderr}` };
    }
  };
  const one = <T>(sql: string, ...args: unknown[]) => t.db.$client.prepare(sql).get(...args) as T;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, "agent", "build.mjs")], { cwd: ROOT, stdio: "pipe" });
    t = freshDb();
    dir = t.dir;
    root = path.join(dir, "root");
    stateDir = path.join(dir, "agent-state");
    fs.mkdirSync(path.join(root, "var", "lib", "dpkg"), { recursive: true });
    fs.mkdirSync(path.join(root, "etc"), { recursive: true });
    fs.writeFileSync(path.join(root, "var", "lib", "dpkg", "status"), DPKG_STATUS);
    fs.writeFileSync(path.join(root, "etc", "hostname"), "ws-overlay\n");
    fs.writeFileSync(path.join(root, "etc", "os-release"), 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_ID="12"\n');
    api = await startApi(t.db);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    t?.close();
  });

  it("classifies an unrecognized entry; endpoints change state at once; the agent fetches the catalog and recognises it", async () => {
    const agency = makeAgency(t.db, "OVL");
    const token = makeToken(t.db, agency.id);
    expect((await agent("enroll", "--server", api.url, "--token", token, "--state-dir", stateDir)).code).toBe(0);
    const run = () => agent("run", "--root", root, "--platform", "linux", "--state-dir", stateDir);
    const first = await run();
    expect(first.code, first.out).toBe(0);

    const endpoint = () => one<{ id: number; state: string; catalog_version: string }>("select id, state, catalog_version from endpoints");
    const sw = () =>
      one<{ id: number; vendor: string | null; product: string | null; unrecognized: number }>("select id, vendor, product, unrecognized from software where identifier = 'acme-antivirus'");
    expect(sw()).toMatchObject({ vendor: null, unrecognized: 1 });
    expect(endpoint()).toMatchObject({ state: "unprotected", catalog_version: BUILTIN_CATALOG.version });
    const before = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog" });
    expect(before.headers.etag).toBe(`"${BUILTIN_CATALOG.version}"`);

    // The officer classifies it: a new vendor and product, matched on the package name.
    const r = await classifyEntries(
      t.db,
      OFFICER,
      {
        softwareId: sw().id,
        match: { source: "dpkg", identifier: { mode: "exact", value: "acme-antivirus" } },
        vendor: { newName: "Acme Security" },
        product: { newName: "Acme Antivirus", category: "antivirus" },
      },
      { reevaluate: "sync" },
    );
    expect(r.endpoints).toBe(1);
    expect(sw()).toMatchObject({ vendor: "local-acme-security", product: "local-acme-security-acme-antivirus", unrecognized: 0 });
    expect(endpoint().state).toBe("clean"); // no check-in happened
    expect(one<{ n: number }>("select count(*) as n from checkins").n).toBe(1);
    const audit = one<{ action: string; actor: string; details: string }>("select action, actor, details from audit_log where action = 'catalog.classify'");
    expect(audit.actor).toBe("officer@test");
    expect(JSON.parse(audit.details)).toMatchObject({ vendor: "local-acme-security", endpointsAffected: 1 });

    // The catalog endpoint serves the new catalog under a new ETag; the old ETag no longer gets a 304.
    const after = await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog" });
    expect(after.status).toBe(200);
    expect(after.headers.etag).toBe(`"${r.catalogVersion}"`);
    expect(r.catalogVersion).not.toBe(BUILTIN_CATALOG.version);
    expect((after.json as { local: { rules: unknown[] } }).local.rules).toHaveLength(1);
    expect((await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog", headers: { "if-none-match": before.headers.etag as string } })).status).toBe(200);
    expect((await rawRequest(api.url, { method: "GET", path: "/api/agent/v1/catalog", headers: { "if-none-match": after.headers.etag as string } })).status).toBe(304);

    // The agent's next run downloads it and classifies with it.
    const second = await run();
    expect(second.code, second.out).toBe(0);
    expect(endpoint().catalog_version).toBe(r.catalogVersion);
    const scan = JSON.parse((await agent("scan", "--json", "--root", root, "--platform", "linux", "--state-dir", stateDir)).out) as {
      catalogVersion: string;
      software: { identifier?: string; unrecognized?: boolean }[];
    };
    expect(scan.catalogVersion).toBe(r.catalogVersion);
    const acme = scan.software.find((e) => e.identifier === "acme-antivirus");
    expect(acme).toBeDefined();
    expect(acme!.unrecognized).toBeUndefined();
    const classified = execFileSync(process.execPath, [AGENT, "classify", "-", "--state-dir", stateDir], {
      input: JSON.stringify([{ source: "dpkg", name: "acme-antivirus", identifier: "acme-antivirus" }]),
      encoding: "utf8",
    });
    expect(JSON.parse(classified)).toEqual([{ vendor: "local-acme-security", product: "local-acme-security-acme-antivirus", category: "antivirus" }]);

    // A local ban on the new vendor: banned, by re-evaluation.
    const ban = createLocalPolicy(t.db, SYSTEM_ACTOR, {
      name: "Ban on Acme Security",
      jurisdiction: "NL",
      legalReference: "Ministerial decision 2026/17",
      legalUrl: null,
      summary: "",
      status: "banned",
      vendors: ["local-acme-security"],
      products: [],
      categories: null,
      effectiveDate: "2026-01-01",
      deadline: null,
      agencyId: null,
    });
    await setPolicyActive(t.db, SYSTEM_ACTOR, { policyId: ban.id, active: true });
    expect(endpoint().state).toBe("banned");
    expect(one<{ product: string; status: string }>("select product, status from findings")).toEqual({ product: "local-acme-security-acme-antivirus", status: "open" });

    // Suppressed as "not security software": the finding is withdrawn (not resolved: nothing was removed).
    await suppressEntries(t.db, OFFICER, { softwareId: sw().id, match: { source: "dpkg", identifier: { mode: "exact", value: "acme-antivirus" } } }, { reevaluate: "sync" });
    expect(sw()).toMatchObject({ vendor: null });
    expect(endpoint().state).toBe("unprotected");
    expect(one<{ status: string }>("select status from findings")).toEqual({ status: "withdrawn" });
  }, 120_000);
});
