// How imports behave: an inventory is a snapshot (only devices in it change), a refused import
// changes nothing, the same file twice changes nothing, an agent report supersedes an import and
// an import never overrides a newer one, ambiguous devices wait for an officer, no match crosses
// agencies, and an import can be undone while nothing later touched its endpoints.
import { saidText } from "~/server/i18n/errors";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALL } from "~/server/access/scope";
import { isPostgres } from "~/server/db/client";
import { listAmbiguities, resolveAmbiguity } from "~/server/import/ambiguities";
import { IMPORTED_NAMED, importedEndpointsNamed } from "~/server/ingest/store-enroll";
import { undoImport } from "~/server/import/undo";
import { requestWaiver } from "~/server/findings/waivers";
import { createUser } from "~/server/users/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { hashMachineId } from "~/agent/shared/machine-id";
import { E, enroll, events, makeToken, report, send } from "../ingest/helpers";
import { dataDigest, endpointNamed, expectCountersConsistent, findingStatuses, FIXTURES, importWorld, OFFICER, openFindings, runImport, writeFile } from "./helpers";
import { tableDigest } from "../reliability/support";

let w: Awaited<ReturnType<typeof importWorld>>;
beforeEach(async () => {
  w = await importWorld();
});
afterEach(() => w.close());

const INTUNE = fs.readFileSync(path.join(FIXTURES, "intune-appinvrawdata.csv"), "utf8");
const HEADER = INTUNE.split("\n")[0]!;
const rowsOf = (device: string) => INTUNE.split("\n").filter((l) => l.includes(`,${device},`));
const named = (h: string) => endpointNamed(w.db, h)!;

describe("an inventory is a snapshot of the devices it lists", () => {
  it("removes what a newer export no longer lists for a device in it; leaves devices missing from it alone", async () => {
    await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const pc2 = named("PC-JUS-002");
    // PC-JUS-001 without Kaspersky; PC-JUS-002 not in the export at all.
    const next = [HEADER, ...rowsOf("PC-JUS-001").filter((l) => !l.includes("Kaspersky")), ...rowsOf("MAC-JUS-003")].join("\n");
    const r = await runImport(w.db, w.agencyId, writeFile(w.dir, "intune-2.csv", next));
    expect(r).toMatchObject({ status: "applied", devices: 2, updated: 1, unchanged: 1 });
    expect(findingStatuses(w.db, named("PC-JUS-001").id)).toEqual(["kaspersky-endpoint-security:resolved", "kaspersky-network-agent:resolved"]);
    expect(named("PC-JUS-001").state).toBe("unprotected");
    expect(events(w.db, named("PC-JUS-001").id).map((e) => `${e.kind}:${e.product}`)).toEqual([
      "detected:kaspersky-endpoint-security",
      "detected:kaspersky-network-agent",
      "removed:kaspersky-endpoint-security",
      "removed:kaspersky-network-agent",
    ]);
    expect(named("PC-JUS-002")).toEqual(pc2); // not "clean": it goes stale by the usual rule
    expectCountersConsistent(w.db);
  });
});

describe("bad input", () => {
  it("refuses a file with bad rows, names each by line, and changes no stored data", async () => {
    await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const before = dataDigest(w.db.$client);
    const bad = [HEADER, rowsOf("PC-JUS-002")[0], "x,Only,three", rowsOf("PC-JUS-001")[0]!.replace("PC-JUS-001", "PC-NEW-1"), `k,Tool,Pub,1,1,,PC-NEW-2,Windows 11,10,Windows,u,e@x,n`].join("\n");
    const r = await runImport(w.db, w.agencyId, writeFile(w.dir, "bad.csv", bad));
    expect(r.status).toBe("refused");
    expect(r.errors).toMatchObject([
      { line: 3, message: "3 field(s) where the header has 13 (a delimiter inside an unquoted value?)" },
      { line: 5, message: "DeviceId is empty" },
    ]);
    expect(r.message).toMatch(/^2 bad rows: nothing was imported\. First: line 3/);
    // Said once, read in each reader's language: the outcome and each bad row in Dutch too.
    expect(saidText(r.said!, "nl")).toMatch(/^2 geweigerde regels: er is niets geïmporteerd\. De eerste staat op regel 3: 3 veld\(en\), terwijl de kopregel er 13 heeft/);
    expect(saidText(r.errors[1]!.said, "nl")).toBe("DeviceId is leeg");
    expect(dataDigest(w.db.$client)).toBe(before);
    expect(endpointNamed(w.db, "PC-NEW-1")).toBeUndefined();
    const audit = w.db.$client.prepare("select action, details from audit_log where object_type = 'import' order by id desc limit 1").get() as { action: string; details: string };
    expect(audit.action).toBe("import.refuse");
    expect(JSON.parse(audit.details)).toMatchObject({ source: "intune", errors: 2, rows: 4 });
  });

  it("says which format was expected and which columns are missing; refuses what is no inventory", async () => {
    const before = dataDigest(w.db.$client);
    const noDevice = await runImport(w.db, w.agencyId, writeFile(w.dir, "x.csv", "ApplicationName,ApplicationVersion,DeviceName,Platform\nA,1,PC,Windows\n"), { source: "intune" });
    expect(noDevice).toMatchObject({ status: "refused" });
    expect(noDevice.message).toContain("Intune Discovered apps export");
    expect(noDevice.message).toContain("lacks the column DeviceId");
    const wrongTool = await runImport(w.db, w.agencyId, path.join(FIXTURES, "defender-tvm-advanced-hunting.csv"), { source: "configmgr" });
    expect(wrongTool.message).toContain("lacks the columns ResourceID, Netbios_Name0, DisplayName0, Publisher0, Version0, ProdID0");
    const notInventory = await runImport(w.db, w.agencyId, writeFile(w.dir, "notes.txt", "Dear colleague,\nplease find attached\n"));
    expect(notInventory).toMatchObject({ status: "refused", source: null });
    expect(notInventory.message).toMatch(/^The file is not an inventory Muster reads\. Expected one of: Microsoft Intune/);
    const truncated = await runImport(w.db, w.agencyId, writeFile(w.dir, "cut.json", fs.readFileSync(path.join(FIXTURES, "fleet-hosts.json"), "utf8").slice(0, 900)));
    expect(truncated.status).toBe("refused");
    expect(truncated.errors[0]!.message).toMatch(/ends inside a JSON value/);
    expect(dataDigest(w.db.$client)).toBe(before);
  });
});

describe("the same file twice", () => {
  it("changes nothing the second time", async () => {
    const first = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const before = dataDigest(w.db.$client);
    const again = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    expect(again).toMatchObject({ status: "duplicate", message: `This file was already imported (import #${first.id}); nothing changed.` });
    expect(dataDigest(w.db.$client)).toBe(before);
  });
});

describe("agent and imports", () => {
  it("an enrolling agent takes the imported endpoint over, its report supersedes the import, an older export changes nothing, a newer one counts", async () => {
    const now = Date.now();
    await runImport(w.db, w.agencyId, "configmgr-add-remove-programs.csv");
    const imported = named("PC-JUS-004");
    expect(imported.state).toBe("banned");
    const dev = enroll(w.db, makeToken(w.db, w.agencyId), { platform: "windows", hostname: "pc-jus-004.justice.example.gov", hardwareId: "hw-pc-jus-004-0000", now });
    expect(dev.endpointId).toBe(imported.id);
    // The agent: Kaspersky is gone, Defender is on.
    const agentReport = { ...report(dev, [E.defenderWsc(true)], { collectedAt: now - 3_600_000 }), hostname: "PC-JUS-004" };
    expect(send(w.db, dev, agentReport, now).status).toBe(200);
    expect(named("PC-JUS-004")).toMatchObject({ id: imported.id, state: "clean", evidence: "agent" });
    expect(findingStatuses(w.db, imported.id)).toEqual(["kaspersky-endpoint-security:resolved", "kaspersky-network-agent:resolved"]);
    expect(w.db.$client.prepare("select count(*) as n from observations where endpoint_id = ? and origin = 'configmgr' and removed_at is null").get(imported.id)).toEqual({ n: 0 });

    // The same inventory exported again (collected before the agent's report): superseded.
    const csv = fs.readFileSync(path.join(FIXTURES, "configmgr-add-remove-programs.csv"), "utf8");
    const older = await runImport(w.db, w.agencyId, writeFile(w.dir, "cm-again.csv", `${csv}16777299,PC-JUS-099,Notepad++ (64-bit x64),Notepad++ Team,8.6.5,,,2024-05-02 07:00:00.000\n`));
    expect(older).toMatchObject({ status: "applied", superseded: 1 });
    expect(named("PC-JUS-004")).toMatchObject({ state: "clean", evidence: "agent" });

    // A newer export that lists Kaspersky again: the agent's report is older, the export counts.
    const stamp = new Date(now - 600_000).toISOString().replace("T", " ").replace("Z", "");
    const newer = csv
      .split("\n")
      .filter((l) => l.startsWith("ResourceID") || l.includes("PC-JUS-004"))
      .map((l) => l.replace(/2024-05-01 22:05:40\.000/, stamp))
      .join("\n");
    const r = await runImport(w.db, w.agencyId, writeFile(w.dir, "cm-newer.csv", newer));
    expect(r).toMatchObject({ status: "applied", updated: 1 });
    expect(named("PC-JUS-004")).toMatchObject({ state: "banned", evidence: "configmgr" });
    expect(w.db.$client.prepare("select reopen_count as n from findings where endpoint_id = ? and product = 'kaspersky-endpoint-security'").get(imported.id)).toEqual({ n: 1 });
    expectCountersConsistent(w.db);
  });
});

describe("matching", () => {
  it("leaves a device whose hostname names two endpoints for an officer, then matches it by its id once linked", async () => {
    const token = makeToken(w.db, w.agencyId);
    const a = enroll(w.db, token, { platform: "windows", hostname: "PC-JUS-001", hardwareId: "hw-aaaaaaaaaaaa" });
    enroll(w.db, token, { platform: "windows", hostname: "pc-jus-001.old.example.gov", hardwareId: "hw-bbbbbbbbbbbb" });
    const before = tableDigest(w.db.$client, (t) => !["endpoints", "observations", "findings"].includes(t));
    const r = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    expect(r).toMatchObject({ status: "applied", ambiguous: 1, created: 2 });
    expect(tableDigest(w.db.$client, (t) => !["endpoints", "observations", "findings"].includes(t))).not.toBe(before);
    expect(openFindings(w.db, a.endpointId)).toEqual([]); // nothing guessed
    const [amb] = listAmbiguities(w.db, ALL);
    expect(amb).toMatchObject({ hostname: "PC-JUS-001", source: "intune", reason: "2 endpoints of the agency are named PC-JUS-001" });
    expect(amb!.candidates.map((c) => c.id).sort()).toEqual([a.endpointId, a.endpointId + 1]);

    resolveAmbiguity(w.db, OFFICER, ALL, { id: amb!.id, endpointId: a.endpointId });
    expect(listAmbiguities(w.db, ALL)).toEqual([]);
    const again = await runImport(w.db, w.agencyId, "intune-semicolon.csv");
    expect(again).toMatchObject({ ambiguous: 0, updated: 1, unchanged: 2 });
    expect(openFindings(w.db, a.endpointId)).toEqual(["kaspersky-endpoint-security:installed", "kaspersky-network-agent:installed"]);
  });

  it("never matches an endpoint of another agency", async () => {
    const other = enroll(w.db, makeToken(w.db, w.otherAgencyId), { platform: "windows", hostname: "PC-JUS-001", hardwareId: "hw-other-agency-1" });
    await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const pcs = w.db.$client.prepare("select id, agency_id as agencyId from endpoints where hostname = 'PC-JUS-001' order by id").all();
    expect(pcs).toEqual([
      { id: other.endpointId, agencyId: w.otherAgencyId },
      { id: other.endpointId + 1, agencyId: w.agencyId },
    ]);
    expect(openFindings(w.db, other.endpointId)).toEqual([]);
  });

  it("matches a host to the agent's endpoint by hardware UUID when the names differ; a placeholder UUID matches nothing", async () => {
    // The Mac's agent enrolled under another name; it sends its machine id hashed, as the agent does.
    const mac = enroll(w.db, makeToken(w.db, w.agencyId), { platform: "darwin", hostname: "jdoe-mbp", hardwareId: hashMachineId("3E1B2F4A-7C6D-5E8F-9A0B-1C2D3E4F5A6B") });
    // A machine whose id is all zeros is not Fleet's zero-UUID host (a placeholder, not an identity).
    const zero = enroll(w.db, makeToken(w.db, w.agencyId), { platform: "linux", hostname: "lnx-other", hardwareId: hashMachineId("00000000-0000-0000-0000-000000000000") });
    const r = await runImport(w.db, w.agencyId, "fleet-hosts.json");
    expect(r).toMatchObject({ status: "applied", devices: 2, created: 1 });
    expect(endpointNamed(w.db, "MAC-JUS-003")).toBeUndefined();
    const linked = w.db.$client.prepare("select source_device_id as device, endpoint_id as endpointId from import_devices order by source_device_id").all();
    expect(linked).toContainEqual({ device: "41", endpointId: mac.endpointId });
    expect(linked).not.toContainEqual(expect.objectContaining({ endpointId: zero.endpointId }));
    expect(openFindings(w.db, mac.endpointId)).toEqual(["kaspersky-endpoint-security:installed"]);
    expectCountersConsistent(w.db);
  });

  it("an enrolling agent finds the imported endpoint named like it (or as its FQDN) through the hostname index, not by reading the agency", async () => {
    await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const named = (h: string) => importedEndpointsNamed(w.db, w.agencyId, h);
    const imported = endpointNamed(w.db, "PC-JUS-001")!.id;
    expect(named("pc-jus-001")).toEqual([imported]);
    w.db.$client.prepare("update endpoints set hostname = 'PC-JUS-001.corp.justice.example' where id = ?").run(imported);
    expect(named("PC-JUS-001")).toEqual([imported]);
    expect(named("PC-JUS-00")).toEqual([]);
    expect(importedEndpointsNamed(w.db, w.otherAgencyId, "PC-JUS-001")).toEqual([]);
    // Every enrollment asks: reading the agency's endpoints made enrolling the n-th one cost n rows.
    if (isPostgres(w.db)) {
      // PostgreSQL has no `indexed by`: its planner chooses by statistics, and on this small table the
      // agency's index (one row) is cheapest. With the scan and the agency's indexes out of the way
      // (dropped in a transaction rolled back), the plan shows both ranges read from the hostname index.
      const $ = w.db.$client;
      $.exec("begin");
      try {
        $.exec("set local enable_seqscan = off");
        const others = $.prepare("select indexname as name from pg_indexes where tablename = 'endpoints' and indexdef like '%agency_id%'").all() as { name: string }[];
        for (const { name } of others) $.exec(`drop index "${name}"`);
        const plan = ($.prepare(`explain ${IMPORTED_NAMED}`).all("x", "x.", "x/", 1) as { "QUERY PLAN": string }[]).map((r) => r["QUERY PLAN"]).join("; ");
        // The index holds lower(hostname collate "C") (SQLite's NOCASE; drizzle/pg 0007).
        expect(plan).toMatch(/Index Scan on endpoints_hostname_idx[^;]*; +Index Cond: \(lower\(\(hostname\)::text\) = 'x'::text\)/);
        expect(plan).toMatch(/Index Scan on endpoints_hostname_idx[^;]*; +Index Cond: \(\(lower\(\(hostname\)::text\) >= 'x\.'::text\) AND \(lower\(\(hostname\)::text\) < 'x\/'::text\)\)/);
      } finally {
        $.exec("rollback");
      }
      return;
    }
    const plan = (w.db.$client.prepare(`explain query plan ${IMPORTED_NAMED}`).all("x", "x.", "x/", 1) as { detail: string }[]).map((r) => r.detail).join("; ");
    expect(plan).toContain("USING INDEX endpoints_hostname_idx (hostname=?)");
    expect(plan).toContain("USING INDEX endpoints_hostname_idx (hostname>? AND hostname<?)");
  });
});

describe("undo", () => {
  const stateOf = () => tableDigest(w.db.$client, (t) => !["endpoints", "observations", "findings", "endpoint_events", "import_devices"].includes(t));

  it("takes an import back entirely: created endpoints go, matched ones return to what they were", async () => {
    const empty = stateOf();
    const first = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const afterFirst = stateOf();
    const next = [HEADER, ...rowsOf("PC-JUS-001").filter((l) => !l.includes("Kaspersky")), ...rowsOf("MAC-JUS-003")].join("\n");
    const second = await runImport(w.db, w.agencyId, writeFile(w.dir, "intune-2.csv", next));
    expect(named("PC-JUS-001").state).toBe("unprotected");

    expect(() => undoImport(w.db, OFFICER, ALL, first.id)).toThrow(`Import #${second.id} changed the same endpoints since: undo it first`);
    expect(undoImport(w.db, OFFICER, ALL, second.id)).toMatchObject({ endpointsRemoved: 0, endpointsRestored: 2 });
    expect(stateOf()).toBe(afterFirst);
    expect(named("PC-JUS-001").state).toBe("banned");
    expectCountersConsistent(w.db);

    expect(undoImport(w.db, OFFICER, ALL, first.id)).toMatchObject({ endpointsRemoved: 3 });
    expect(stateOf()).toBe(empty);
    expect(w.db.$client.prepare("select status from imports order by id").all()).toEqual([{ status: "undone" }, { status: "undone" }]);
    expectCountersConsistent(w.db);
    // Undone: the same file may be imported again.
    expect((await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv")).status).toBe("applied");
  });

  it("is refused once a waiver was requested for one of its findings", async () => {
    const r = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    const pc = named("PC-JUS-001");
    const findingId = (w.db.$client.prepare("select id from findings where endpoint_id = ? and status = 'open' limit 1").get(pc.id) as { id: number }).id;
    const { user } = await createUser(w.db, SYSTEM_ACTOR, { email: "officer@import.test", name: "Officer", role: "officer", password: "officer-password-123" });
    const officer = { id: user.id, role: "officer" as const };
    const farFuture = Date.now() + 30 * 86_400_000;
    requestWaiver(w.db, officer, OFFICER, ALL, {
      findingId,
      justification: "Laboratory machine without network until the audit.",
      compensatingControls: "Isolated network segment.",
      extensionReason: "Replacement after the deadline.",
      expiresAt: farFuture,
    });
    expect(() => undoImport(w.db, OFFICER, ALL, r.id)).toThrow("A waiver was requested for PC-JUS-001 since the import");
    expect(openFindings(w.db, pc.id)).not.toEqual([]);
  });

  it("is refused once an agent reported for one of the endpoints", async () => {
    const r = await runImport(w.db, w.agencyId, "configmgr-add-remove-programs.csv");
    const dev = enroll(w.db, makeToken(w.db, w.agencyId), { platform: "windows", hostname: "PC-JUS-005", hardwareId: "hw-pc-jus-005-0000" });
    send(w.db, dev, { ...report(dev, [E.defenderWsc(true)], { collectedAt: Date.now() }), hostname: "PC-JUS-005" }, Date.now());
    expect(() => undoImport(w.db, OFFICER, ALL, r.id)).toThrow("PC-JUS-005 reported through its agent since the import");
  });
});

describe("osquery diffs", () => {
  it("a log holding only later diffs adds and removes what they say and keeps the rest", async () => {
    await runImport(w.db, w.agencyId, "osqueryd-results.log");
    const pc = named("PC-JUS-006");
    expect(pc.state).toBe("banned");
    const diff = {
      name: "pack_muster_programs",
      hostIdentifier: "9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
      unixTime: Math.floor(Date.now() / 1000) - 60,
      counter: 7,
      decorations: { hostname: "PC-JUS-006", host_uuid: "9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d" },
      diffResults: {
        added: [{ name: "ESET Endpoint Security", version: "11.0.2032.0", publisher: "ESET, spol. s r.o.", identifying_number: "", install_source: "" }],
        removed: [
          {
            name: "Kaspersky Endpoint Security for Windows",
            version: "11.11.0.452",
            publisher: "AO Kaspersky Lab",
            identifying_number: "{9A017442-A662-4A9D-ADC2-B7C3F4F4D2E6}",
            install_source: "C:\\Windows\\TEMP\\",
          },
        ],
      },
    };
    const r = await runImport(w.db, w.agencyId, writeFile(w.dir, "later.log", `${JSON.stringify(diff)}\n`));
    expect(r).toMatchObject({ status: "applied", devices: 1, updated: 1 });
    const present = (
      w.db.$client.prepare("select s.name from observations o join software s on s.id = o.software_id where o.endpoint_id = ? and o.removed_at is null order by s.name").all(pc.id) as {
        name: string;
      }[]
    ).map((x) => x.name);
    // Firefox is not in the diff: still there. Security Center still names Kaspersky (its table had no diff): installed.
    expect(present).toEqual(["ESET Endpoint Security", "Kaspersky Endpoint Security for Windows", "Mozilla Firefox (x64 nl)", "Windows Firewall"]);
    expect(
      w.db.$client.prepare("select s.source from observations o join software s on s.id = o.software_id where o.endpoint_id = ? and o.removed_at is null and s.name like 'Kaspersky%'").all(pc.id),
    ).toEqual([{ source: "windows-security-center" }]);
  });
});
