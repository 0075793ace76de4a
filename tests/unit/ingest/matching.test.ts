// Identity, slots and product-level grouping: what makes two reports "the same software", why an
// upgrade keeps its slot, how products and their components are grouped, and what protects.
import { describe, expect, it } from "vitest";
import type { SoftwareEntry } from "~/agent/src/protocol";
import { groupProducts, isProtected, type PresentObs } from "~/server/findings/evaluate";
import { classifyEntry, fingerprint, hash53, identityKey, normalisedName, slotOf, type SoftwareInfo } from "~/server/ingest/software";
import { Coverage } from "~/server/policy/coverage";

const info = (e: SoftwareEntry, id = 1): SoftwareInfo => {
  const c = classifyEntry(e);
  return { id, source: e.source, version: e.version ?? "", vendor: c.vendor, product: c.product, category: c.category, kind: c.kind, wscAntivirus: c.wscAntivirus };
};
const present = (...entries: [SoftwareEntry, boolean?][]): PresentObs[] => entries.map(([e, enabled], i) => ({ info: info(e, i + 1), enabled: enabled ?? null }));
const BOD = new Coverage([{ id: 1, slug: "bod", vendors: ["kaspersky"], categories: null }], "1");
const NL = new Coverage([{ id: 2, slug: "nl", vendors: ["kaspersky"], categories: ["antivirus"] }], "1");
const NONE = new Coverage([], "0");

describe("identity and slots", () => {
  it("fingerprints every identity field", () => {
    const e: SoftwareEntry = { source: "dpkg", name: "kesl", version: "12", identifier: "kesl" };
    expect(fingerprint(identityKey(e))).not.toBe(fingerprint(identityKey({ ...e, version: "13" })));
    expect(fingerprint(identityKey(e))).toBe(fingerprint(identityKey({ ...e })));
  });

  it("keeps the slot across versions (package identifier, or the display name without its version)", () => {
    expect(slotOf({ source: "dpkg", name: "kesl", version: "11", identifier: "kesl" })).toBe(slotOf({ source: "dpkg", name: "kesl", version: "12", identifier: "kesl" }));
    expect(normalisedName("Malwarebytes version 4.5.14.210")).toBe(normalisedName("Malwarebytes version 4.6.1"));
    expect(normalisedName("Kaspersky Security Center 14 Network Agent")).toBe("kaspersky security center network agent");
    const msi = (code: string, v: string): SoftwareEntry => ({ source: "windows-uninstall", name: "Kaspersky Endpoint Security for Windows", version: v, identifier: code });
    expect(slotOf(msi("{A}", "11.10"))).toBe(slotOf(msi("{B}", "11.11")));
  });

  it("separates Security Center registrations by product and class, and sources from each other", () => {
    const wsc = (name: string, cls: string): SoftwareEntry => ({ source: "windows-security-center", name, identifier: cls });
    expect(slotOf(wsc("Windows Defender", "AntiVirusProduct"))).not.toBe(slotOf(wsc("ESET Security", "AntiVirusProduct")));
    expect(slotOf(wsc("Windows Defender", "AntiVirusProduct"))).not.toBe(slotOf(wsc("Windows Defender", "FirewallProduct")));
    expect(slotOf({ source: "dpkg", name: "kesl", identifier: "kesl" })).not.toBe(slotOf({ source: "rpm", name: "kesl", identifier: "kesl" }));
  });

  it("hashes to safe integers, stably", () => {
    expect(Number.isSafeInteger(hash53("anything"))).toBe(true);
    expect(hash53("dpkg\u0000kesl")).toBe(hash53("dpkg\u0000kesl"));
  });

  it("classifies on the server and marks components and unknown security-looking entries", () => {
    expect(classifyEntry({ source: "windows-driver", name: "klif", identifier: "klif" })).toMatchObject({ vendor: "kaspersky", kind: "component" });
    expect(classifyEntry({ source: "dpkg", name: "kesl", identifier: "kesl" })).toMatchObject({ product: "kaspersky-endpoint-security", kind: "product" });
    expect(classifyEntry({ source: "dpkg", name: "acme-antivirus-daemon", identifier: "acme-antivirus-daemon" })).toMatchObject({ vendor: null, unrecognized: true });
    expect(classifyEntry({ source: "dpkg", name: "bash", identifier: "bash" })).toMatchObject({ vendor: null, unrecognized: false });
    expect(classifyEntry({ source: "dpkg", name: "bash", identifier: "bash", unrecognized: true })).toMatchObject({ vendor: null, unrecognized: true });
  });
});

describe("product groups", () => {
  it("installed when a product entry is present, remnants when only components are", () => {
    const kesl: SoftwareEntry = { source: "dpkg", name: "kesl", version: "12.1", identifier: "kesl" };
    const unit: SoftwareEntry = { source: "linux-systemd", name: "kesl.service", identifier: "kesl.service" };
    expect(groupProducts(present([kesl], [unit])).get("kaspersky-endpoint-security")).toMatchObject({ presence: "installed", version: "12.1" });
    expect(groupProducts(present([unit])).get("kaspersky-endpoint-security")).toMatchObject({ presence: "remnants" });
    expect(groupProducts(present([{ source: "dpkg", name: "bash", identifier: "bash" }])).size).toBe(0);
  });
});

describe("protection", () => {
  const defender = (enabled: boolean): [SoftwareEntry, boolean] => [{ source: "windows-security-center", name: "Windows Defender", identifier: "AntiVirusProduct" }, enabled];
  const kesWsc: [SoftwareEntry, boolean] = [{ source: "windows-security-center", name: "Kaspersky Endpoint Security for Windows", identifier: "AntiVirusProduct" }, true];

  it("Windows: an enabled Security Center antivirus not covered by a policy", () => {
    expect(isProtected("windows", present(defender(true)), BOD)).toBe(true);
    expect(isProtected("windows", present(defender(false)), BOD)).toBe(false);
    expect(isProtected("windows", present(kesWsc), NONE)).toBe(true);
    expect(isProtected("windows", present(kesWsc), BOD)).toBe(false);
    // A firewall registration is not antivirus protection.
    expect(isProtected("windows", present([{ source: "windows-security-center", name: "Windows Defender", identifier: "FirewallProduct" }, true]), BOD)).toBe(false);
    // Installed but not registered in Security Center: no evidence it protects.
    expect(isProtected("windows", present([{ source: "windows-uninstall", name: "ESET Endpoint Security", publisher: "ESET, spol. s r.o." }]), BOD)).toBe(false);
  });

  it("elsewhere: a present antivirus or EDR of a vendor not covered", () => {
    const clamav: SoftwareEntry = { source: "dpkg", name: "clamav", identifier: "clamav" };
    const kesl: SoftwareEntry = { source: "dpkg", name: "kesl", identifier: "kesl" };
    const agent: SoftwareEntry = { source: "dpkg", name: "klnagent64", identifier: "klnagent64" };
    expect(isProtected("linux", present([clamav]), BOD)).toBe(true);
    expect(isProtected("linux", present([kesl]), NL)).toBe(false);
    expect(isProtected("linux", present([kesl]), NONE)).toBe(true);
    expect(isProtected("linux", present([agent]), NONE)).toBe(false); // a management agent protects nothing
  });

  it("coverage honours category scopes", () => {
    expect(NL.covers("kaspersky", "antivirus")).toBe(true);
    expect(NL.covers("kaspersky", "management-agent")).toBe(false);
    expect(BOD.covers("kaspersky", "management-agent")).toBe(true);
    expect(BOD.covering("kaspersky", null)).toEqual({ ids: [1], json: "[1]" });
    expect(BOD.covers("drweb", "antivirus")).toBe(false);
  });
});
