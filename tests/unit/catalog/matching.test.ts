// Identity, slots and product-level grouping: what makes two reports "the same software", why an
// upgrade keeps its slot, how products and their components are grouped, and what protects.
import { describe, expect, it } from "vitest";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { groupProducts, isProtected, type PresentObs } from "~/server/findings/evaluate";
import { classifyEntry, fingerprint, hash53, identityKey, normalisedName, slotOf, type SoftwareInfo } from "~/server/catalog/software";
import { Coverage } from "~/server/policy/coverage";

const info = (e: SoftwareEntry, id = 1): SoftwareInfo => {
  const c = classifyEntry(e);
  return { id, source: e.source, version: e.version ?? "", vendor: c.vendor, product: c.product, category: c.category, kind: c.kind, wscAntivirus: c.wscAntivirus };
};
const present = (...entries: [SoftwareEntry, boolean?][]): PresentObs[] => entries.map(([e, enabled], i) => ({ info: info(e, i + 1), enabled: enabled ?? null }));
const scope = (p: { id: number; slug: string; vendors: string[]; categories: string[] | null }) => ({ products: [], agencyId: null, ...p });
const BOD = new Coverage([scope({ id: 1, slug: "bod", vendors: ["kaspersky"], categories: null })], "1");
const NL = new Coverage([scope({ id: 2, slug: "nl", vendors: ["kaspersky"], categories: ["antivirus"] })], "1");
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
    expect(isProtected("windows", present(defender(true)), BOD, 1)).toBe(true);
    expect(isProtected("windows", present(defender(false)), BOD, 1)).toBe(false);
    expect(isProtected("windows", present(kesWsc), NONE, 1)).toBe(true);
    expect(isProtected("windows", present(kesWsc), BOD, 1)).toBe(false);
    // A firewall registration is not antivirus protection.
    expect(isProtected("windows", present([{ source: "windows-security-center", name: "Windows Defender", identifier: "FirewallProduct" }, true]), BOD, 1)).toBe(false);
    // Installed but not registered in Security Center: no evidence it protects.
    expect(isProtected("windows", present([{ source: "windows-uninstall", name: "ESET Endpoint Security", publisher: "ESET, spol. s r.o." }]), BOD, 1)).toBe(false);
  });

  it("elsewhere: a present antivirus or EDR of a vendor not covered", () => {
    const clamav: SoftwareEntry = { source: "dpkg", name: "clamav", identifier: "clamav" };
    const kesl: SoftwareEntry = { source: "dpkg", name: "kesl", identifier: "kesl" };
    const agent: SoftwareEntry = { source: "dpkg", name: "klnagent64", identifier: "klnagent64" };
    expect(isProtected("linux", present([clamav]), BOD, 1)).toBe(true);
    expect(isProtected("linux", present([kesl]), NL, 1)).toBe(false);
    expect(isProtected("linux", present([kesl]), NONE, 1)).toBe(true);
    expect(isProtected("linux", present([agent]), NONE, 1)).toBe(false); // a management agent protects nothing
  });

  it("coverage honours category scopes", () => {
    expect(NL.covers("kaspersky", null, "antivirus", 1)).toBe(true);
    expect(NL.covers("kaspersky", null, "management-agent", 1)).toBe(false);
    expect(BOD.covers("kaspersky", null, "management-agent", 1)).toBe(true);
    expect(BOD.covering("kaspersky", null, null, 1)).toEqual({ ids: [1], json: "[1]" });
    expect(BOD.covers("drweb", null, "antivirus", 1)).toBe(false);
  });

  it("coverage by product and by agency subtree", () => {
    const paths: Record<number, string> = { 1: "/1/", 2: "/1/2/", 3: "/3/" };
    const cov = new Coverage([{ id: 7, slug: "local", vendors: [], products: ["eset-endpoint-antivirus"], categories: null, agencyId: 1 }], "1", (id) => paths[id]);
    expect(cov.covers("eset", "eset-endpoint-antivirus", "antivirus", 2)).toBe(true); // in the subtree of agency 1
    expect(cov.covers("eset", "eset-endpoint-antivirus", "antivirus", 3)).toBe(false); // another ministry
    expect(cov.covers("eset", "eset-endpoint-antivirus", "antivirus", null)).toBe(false);
    expect(cov.covers("eset", "eset-smart-security", "antivirus", 2)).toBe(false); // another product of the vendor
  });

  it("generic evidence: an unknown Security Center antivirus or Endpoint Security extension is an unidentified product that protects", () => {
    const wsc: SoftwareEntry = { source: "windows-security-center", name: "Acme Endpoint Shield", publisher: "Acme", identifier: "AntiVirusProduct" };
    expect(classifyEntry(wsc)).toMatchObject({ vendor: "unidentified", product: "unidentified-antivirus", category: "antivirus", unrecognized: true, wscAntivirus: true });
    const es: SoftwareEntry = { source: "macos-system-extension", name: "Acme Shield", publisher: "ABCDE12345", identifier: "com.acme.shield.es", role: "endpoint-security" };
    expect(classifyEntry(es)).toMatchObject({ vendor: "unidentified", product: "unidentified-endpoint-security", category: "edr", unrecognized: true });
    expect(isProtected("darwin", present([es]), BOD, 1)).toBe(true);
    // Without the Endpoint Security role the same extension proves nothing.
    expect(classifyEntry({ ...es, role: undefined })).toMatchObject({ vendor: null });
  });
});
