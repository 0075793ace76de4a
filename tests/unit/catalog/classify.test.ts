// Classification of realistic entries from every source against the built-in catalog, plus the
// matcher's decision order on a small synthetic catalog.
import { describe, expect, it } from "vitest";
import type { Classification, SoftwareEntry } from "~/agent/shared/protocol";
import { SOURCES } from "~/agent/shared/protocol";
import { BUILTIN_CATALOG, createMatcher, FALLBACK_SOURCES } from "~/agent/shared/catalog";
import type { CatalogData } from "~/agent/shared/catalog";
import rawCases from "../../fixtures/catalog/classify-cases.json";

type Case = { entry: SoftwareEntry; expect: Classification | null };
const CASES = rawCases as Case[];
const matcher = createMatcher(BUILTIN_CATALOG);

const label = (e: SoftwareEntry) => `${e.source}: ${e.name}${e.identifier && e.identifier !== e.name ? ` [${e.identifier}]` : ""}${e.publisher ? ` (${e.publisher})` : ""}`;

describe("built-in catalog classifies the fixture cases", () => {
  it.each(CASES.map((c) => [label(c.entry), c] as const))("%s", (_, c) => {
    expect(matcher.classify(c.entry)).toEqual(c.expect);
  });
});

describe("the fixture keeps its coverage", () => {
  const bySource = new Map<string, number>();
  for (const c of CASES) bySource.set(c.entry.source, (bySource.get(c.entry.source) ?? 0) + 1);
  const formsByVendor = new Map<string, Set<string>>();
  for (const c of CASES) {
    if (!c.expect) continue;
    const forms = formsByVendor.get(c.expect.vendor) ?? new Set<string>();
    forms.add(c.entry.source);
    formsByVendor.set(c.expect.vendor, forms);
  }

  it("has cases from every source", () => {
    for (const s of SOURCES) expect(bySource.get(s) ?? 0, s).toBeGreaterThan(0);
  });

  it("has 60+ non-security entries, including non-security software from security vendors", () => {
    const nulls = CASES.filter((c) => c.expect === null).map((c) => c.entry.name);
    expect(nulls.length).toBeGreaterThanOrEqual(60);
    for (const n of [
      "Avast Secure Browser",
      "AVG Secure Browser",
      "CCleaner",
      "Avast Cleanup Premium",
      "Microsoft Edge",
      "Cisco Webex Meetings",
      "Google Chrome",
      "python3",
      "openssl",
      "ca-certificates",
    ]) {
      expect(nulls).toContain(n);
    }
  });

  it("covers Kaspersky, Dr.Web and Qihoo 360 in many forms and 25+ other vendors in 2+ sources", () => {
    expect(formsByVendor.get("kaspersky")?.size).toBeGreaterThanOrEqual(10);
    expect(formsByVendor.get("drweb")?.size).toBeGreaterThanOrEqual(7);
    expect(formsByVendor.get("qihoo360")?.size).toBeGreaterThanOrEqual(4);
    const others = [...formsByVendor].filter(([v, forms]) => !["kaspersky", "drweb", "qihoo360"].includes(v) && forms.size >= 2);
    expect(others.length).toBeGreaterThanOrEqual(25);
  });
});

describe("matcher decision order (synthetic catalog)", () => {
  const data: CatalogData = {
    vendors: [
      {
        slug: "acme",
        name: "Acme Security",
        publishers: ["^Acme\\b"],
        fallbackProduct: "acme-other",
        exclude: [{ name: "^Acme (?:Browser|Cleaner)" }],
        products: [
          { slug: "acme-av", name: "Acme AV", category: "antivirus", signatures: [{ name: "^Acme (?:Antivirus|Browser)" }, { source: "windows-service", identifier: "^AcmeSvc$" }] },
          {
            slug: "acme-vpn",
            name: "Acme VPN",
            category: "vpn",
            signatures: [
              { source: ["dpkg", "rpm"], identifier: "^acme-vpn$" },
              { name: "^Acme VPN", publisher: "^Acme\\b" },
            ],
          },
          { slug: "acme-other", name: "Acme other", category: "other-security", signatures: [{ name: "^Acme" }] },
        ],
      },
      {
        slug: "bigco",
        name: "BigCo (no fallback)",
        publishers: ["^BigCo\\b"],
        products: [{ slug: "bigco-fw", name: "BigCo Firewall", category: "firewall", signatures: [{ source: "windows-security-center", name: "^BigCo Firewall$" }] }],
      },
    ],
  };
  const m = createMatcher(data);
  const e = (over: Partial<SoftwareEntry>): SoftwareEntry => ({ source: "windows-uninstall", name: "x", ...over });

  it("an exclude beats a product signature that matches the same entry", () => {
    expect(m.classify(e({ name: "Acme Browser 2.0", publisher: "Acme Inc" }))).toBeNull();
    expect(m.looksLikeSecurity(e({ name: "Acme Browser antivirus edition" }))).toBe(false);
  });

  it("a product signature beats the vendor fallback", () => {
    expect(m.classify(e({ name: "Acme Antivirus 12", publisher: "Acme Inc" }))).toEqual({ vendor: "acme", product: "acme-av", category: "antivirus" });
  });

  it("requires every field a signature names (AND), and a missing field never matches", () => {
    expect(m.classify(e({ name: "Acme VPN", publisher: "Acme Inc" }))?.product).toBe("acme-vpn");
    // Without the publisher the VPN signature fails; the fallback product's own name signature applies.
    expect(m.classify(e({ name: "Acme VPN" }))?.product).toBe("acme-other");
  });

  it("applies source-restricted signatures only to those sources", () => {
    expect(m.classify({ source: "dpkg", name: "acme-vpn", identifier: "acme-vpn" })?.product).toBe("acme-vpn");
    expect(m.classify({ source: "snap", name: "other", identifier: "acme-vpn" })).toBeNull();
    expect(m.classify({ source: "windows-service", name: "Helper", identifier: "AcmeSvc" })?.product).toBe("acme-av");
    expect(m.classify({ source: "windows-driver", name: "Helper", identifier: "AcmeSvc" })).toBeNull();
    // A source the matcher does not know only meets source-less signatures.
    const unknown = "windows-future" as SoftwareEntry["source"];
    expect(m.classify({ source: unknown, name: "Acme Antivirus" })?.product).toBe("acme-av");
    expect(m.classify({ source: unknown, name: "x", identifier: "AcmeSvc" })).toBeNull();
  });

  it("an identifier signature outranks a name-only one", () => {
    // Name says "Acme VPN" but the service key is the antivirus's: the identifier decides.
    expect(m.classify({ source: "windows-service", name: "Acme VPN", publisher: "Acme Inc", identifier: "AcmeSvc" })?.product).toBe("acme-av");
  });

  it("falls back on the publisher only for sources whose publisher names the shipper", () => {
    expect(FALLBACK_SOURCES).toContain("windows-uninstall");
    expect(FALLBACK_SOURCES).not.toContain("linux-systemd");
    const unknown = { name: "Helper Tool", publisher: "Acme Inc" };
    expect(m.classify(e(unknown))).toEqual({ vendor: "acme", product: "acme-other", category: "other-security" });
    expect(m.classify({ source: "dpkg", identifier: "helper", ...unknown })?.product).toBe("acme-other");
    expect(m.classify({ source: "linux-systemd", identifier: "helper.service", ...unknown })).toBeNull();
    expect(m.classify({ source: "windows-security-center", ...unknown })).toBeNull();
  });

  it("a vendor without fallbackProduct classifies nothing on its publisher alone", () => {
    expect(m.classify(e({ name: "BigCo Office", publisher: "BigCo Corp" }))).toBeNull();
    expect(m.classify({ source: "windows-security-center", name: "BigCo Firewall" })).toEqual({ vendor: "bigco", product: "bigco-fw", category: "firewall" });
  });

  it("matches case-insensitively and returns a fresh object each time", () => {
    const a = m.classify(e({ name: "ACME ANTIVIRUS" }));
    expect(a?.product).toBe("acme-av");
    if (a) a.product = "tampered";
    expect(m.classify(e({ name: "acme antivirus" }))?.product).toBe("acme-av");
  });

  it("compares names and publishers in normal form: trademark signs, spacing, web addresses", () => {
    expect(m.classify(e({ name: "Acme\u00ae  Antivirus\u2122 " }))?.product).toBe("acme-av");
    for (const publisher of ["www.acme.com", "https://www.acme.com/download", "http://acme.com", " Acme\u2122  Inc "]) {
      expect(m.classify(e({ name: "Helper Tool", publisher }))?.product, publisher).toBe("acme-other");
    }
    // Identifiers are exact keys and stay as they are; an address of another company is not Acme's.
    expect(m.classify({ source: "windows-service", name: "Helper", identifier: " AcmeSvc" })).toBeNull();
    expect(m.classify(e({ name: "Helper Tool", publisher: "https://example.org/acme" }))).toBeNull();
  });

  it("rejects a catalog with an invalid pattern or a dangling fallback, naming the problem", () => {
    const bad: CatalogData = { vendors: [{ slug: "x", name: "X", publishers: [], products: [{ slug: "x", name: "X", category: "antivirus", signatures: [{ name: "(" }] }] }] };
    expect(() => createMatcher(bad)).toThrow(/invalid pattern "\("/);
    const dangling: CatalogData = { vendors: [{ slug: "x", name: "X", publishers: ["^X"], fallbackProduct: "nope", products: [] }] };
    expect(() => createMatcher(dangling)).toThrow(/fallbackProduct nope/);
  });
});

describe("Windows Security Center registrations get the right category", () => {
  // `identifier` is the WMI class (or MpComputerStatus on Windows Server, where there is no
  // Security Center and the agent reads Defender's own status).
  it.each([
    ["Windows Defender", "AntiVirusProduct", "microsoft-defender-antivirus", "antivirus"],
    ["Microsoft Defender Antivirus", "AntiSpywareProduct", "microsoft-defender-antivirus", "antivirus"],
    ["Microsoft Defender Antivirus", "MpComputerStatus", "microsoft-defender-antivirus", "antivirus"],
    ["Windows Firewall", "FirewallProduct", "windows-firewall", "firewall"],
    ["Windows Defender Firewall", "FirewallProduct", "windows-firewall", "firewall"],
    ["Kaspersky Endpoint Security for Windows", "AntiVirusProduct", "kaspersky-endpoint-security", "antivirus"],
    ["Kaspersky Endpoint Security for Windows", "FirewallProduct", "kaspersky-endpoint-security", "firewall"],
    ["Kaspersky Internet Security", "FirewallProduct", "kaspersky-internet-security", "firewall"],
    ["McAfee Firewall", "FirewallProduct", "mcafee-firewall", "firewall"],
    ["CrowdStrike Falcon Sensor", "AntiVirusProduct", "crowdstrike-falcon", "edr"],
    ["360 Total Security", "AntiVirusProduct", "qihoo360-total-security", "antivirus"],
  ])("%s (%s)", (name, identifier, product, category) => {
    const c = matcher.classify({ source: "windows-security-center", name, identifier, state: { enabled: true, upToDate: true } });
    expect(c?.product).toBe(product);
    expect(c?.category).toBe(category);
  });
});
