// Every format, imported through the real service into a real database with the Kaspersky ban in
// force: the endpoints it creates or matches, their findings and states, the evidence they carry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpointNamed, expectCountersConsistent, findingStatuses, importWorld, openFindings, runImport } from "./helpers";

let w: Awaited<ReturnType<typeof importWorld>>;
beforeAll(async () => {
  w = await importWorld();
});
afterAll(() => w.close());

const named = (h: string) => {
  const e = endpointNamed(w.db, h);
  if (!e) throw new Error(`no endpoint ${h}`);
  return e;
};

describe("Intune discovered apps (CSV with BOM, quoted commas, an empty version, a duplicate row, an iOS device)", () => {
  it("creates the Windows and macOS endpoints with their findings; skips iOS; counts the duplicate", async () => {
    const r = await runImport(w.db, w.agencyId, "intune-appinvrawdata.csv");
    expect(r).toMatchObject({ status: "applied", source: "intune", rows: 10, rowsSkipped: 1, duplicateRows: 1, devices: 3, created: 3, errorCount: 0 });
    expect(named("PC-JUS-001")).toMatchObject({ state: "banned", evidence: "intune", osPlatform: "windows", agencyId: w.agencyId });
    expect(openFindings(w.db, named("PC-JUS-001").id)).toEqual(["kaspersky-endpoint-security:installed", "kaspersky-network-agent:installed"]);
    expect(named("MAC-JUS-003")).toMatchObject({ state: "banned", osPlatform: "darwin" });
    expect(openFindings(w.db, named("MAC-JUS-003").id)).toEqual(["kaspersky-endpoint-security:installed"]);
    // No Security Center data in an inventory: nothing proves protection on Windows.
    expect(named("PC-JUS-002")).toMatchObject({ state: "unprotected", evidence: "intune" });
    expect(endpointNamed(w.db, "IPHONE-JUS-17")).toBeUndefined();
    const acrobat = w.db.$client.prepare("select name, publisher, version from software where name like 'Adobe Acrobat%'").get();
    expect(acrobat).toEqual({ name: "Adobe Acrobat Reader DC - Dutch, MUI", publisher: "Adobe Systems, Inc.", version: "24.002.20759" });
    expect(w.db.$client.prepare("select version from software where name = '7-Zip 23.01 (x64)'").get()).toEqual({ version: "" });
    expectCountersConsistent(w.db);
  });

  it("never stores the user columns", () => {
    const dump =
      JSON.stringify(w.db.$client.prepare("select * from software").all()) +
      JSON.stringify(w.db.$client.prepare("select * from endpoints").all()) +
      JSON.stringify(w.db.$client.prepare("select * from audit_log").all()) +
      JSON.stringify(w.db.$client.prepare("select * from import_devices").all());
    for (const personal of ["anna.devries", "Anna de Vries", "5c1e2f3a-0b9d-4c8e-a7f6-1d2e3c4b5a60", "Bram Jansen"]) expect(dump).not.toContain(personal);
  });

  it("the localised CSV (semicolons, CRLF) and the JSON export of the same inventory change nothing", async () => {
    for (const file of ["intune-semicolon.csv", "intune-appinvrawdata.json"]) {
      const r = await runImport(w.db, w.agencyId, file);
      expect(r, file).toMatchObject({ status: "applied", devices: 3, created: 0, updated: 0, unchanged: 3 });
    }
    expect(named("PC-JUS-001").state).toBe("banned");
  });
});

describe("Defender Vulnerability Management (JSON pages with @odata.nextLink, CPE-style names)", () => {
  it("finds Kaspersky in Defender's names, matches pc-jus-001.justice.example.gov to PC-JUS-001 and creates the rest", async () => {
    const before = named("PC-JUS-001");
    const r = await runImport(w.db, w.agencyId, "defender-software-inventory.json");
    expect(r).toMatchObject({ status: "applied", source: "defender", rows: 6, rowsSkipped: 1, devices: 3, created: 2, ambiguous: 0 });
    expect(named("PC-JUS-001").id).toBe(before.id); // the same machine in two tools is one endpoint
    expect(named("PC-JUS-001").evidence).toBe("defender");
    expect(named("srv-jus-010.justice.example.gov")).toMatchObject({ state: "banned", osPlatform: "windows" });
    expect(openFindings(w.db, named("srv-jus-010.justice.example.gov").id)).toEqual(["kaspersky-windows-server:installed"]);
    expect(openFindings(w.db, named("lnx-jus-020").id)).toEqual(["kaspersky-endpoint-security:installed"]);
    const origins = w.db.$client.prepare("select distinct origin from observations where endpoint_id = ? order by origin").all(before.id);
    expect(origins).toEqual([{ origin: "defender" }, { origin: "intune" }]);
    expectCountersConsistent(w.db);
  });

  it("reads the advanced-hunting CSV export too (same devices: matched by Defender's device id)", async () => {
    const r = await runImport(w.db, w.agencyId, "defender-tvm-advanced-hunting.csv");
    expect(r).toMatchObject({ status: "applied", devices: 2, created: 0 });
    expect(r.updated + r.unchanged).toBe(2);
    expect(openFindings(w.db, named("PC-JUS-001").id)).toEqual(["kaspersky-endpoint-security:installed", "kaspersky-network-agent:installed"]);
  });
});

describe("Configuration Manager (both Add/Remove Programs views, entries without a name)", () => {
  it("creates PC-JUS-004 banned and PC-JUS-005 with ESET, and takes the inventory time as collected-at", async () => {
    const r = await runImport(w.db, w.agencyId, "configmgr-add-remove-programs.csv");
    expect(r).toMatchObject({ status: "applied", source: "configmgr", rows: 9, rowsSkipped: 1, duplicateRows: 1, devices: 3 });
    // Matched by hostname to the Intune endpoint; Intune's inventory is newer, so it stays the evidence.
    const pc2 = named("PC-JUS-002");
    expect(pc2.evidence).toBe("intune");
    expect(w.db.$client.prepare("select count(*) as n from observations where endpoint_id = ? and origin = 'configmgr'").get(pc2.id)).toEqual({ n: 2 });
    expect(openFindings(w.db, named("PC-JUS-004").id)).toEqual(["kaspersky-endpoint-security:installed", "kaspersky-network-agent:installed"]);
    expect(named("PC-JUS-004").lastCollectedAt).toBe(Date.UTC(2024, 4, 1, 22, 5, 40));
    expect(named("PC-JUS-005").state).toBe("unprotected");
  });
});

describe("osquery", () => {
  it("reads osqueryd's result log: snapshots, diffs that remove, Security Center state", async () => {
    const r = await runImport(w.db, w.agencyId, "osqueryd-results.log");
    expect(r).toMatchObject({ status: "applied", source: "osquery", devices: 2, created: 2 });
    expect(named("PC-JUS-006").state).toBe("banned");
    // Kaspersky came and went in the diffs; Defender is registered and on: protected.
    expect(named("PC-JUS-007").state).toBe("clean");
    expect(findingStatuses(w.db, named("PC-JUS-007").id)).toEqual([]);
  });

  it("reads osqueryi --json output; a package removed but configured (deinstall ok config-files) is not installed", async () => {
    const before = named("lnx-jus-020");
    const r = await runImport(w.db, w.agencyId, "osqueryi-deb-packages.json");
    expect(r).toMatchObject({ status: "applied", devices: 1, rowsSkipped: 1, created: 0 });
    expect(named("lnx-jus-020").id).toBe(before.id);
    expect(openFindings(w.db, before.id)).toEqual(["kaspersky-endpoint-security:installed", "kaspersky-network-agent:installed"]);
  });
});

describe("Fleet", () => {
  it("matches the Mac by hostname, creates the Linux host, skips ChromeOS and browser extensions", async () => {
    const mac = named("MAC-JUS-003");
    const r = await runImport(w.db, w.agencyId, "fleet-hosts.json");
    expect(r).toMatchObject({ status: "applied", source: "fleet", devices: 2, created: 1, rowsSkipped: 3 });
    expect(named("MAC-JUS-003").id).toBe(mac.id);
    expect(named("lnx-jus-021").state).toBe("banned");
    expect(endpointNamed(w.db, "chromebook-jus-50")).toBeUndefined();
    expectCountersConsistent(w.db);
  });
});
