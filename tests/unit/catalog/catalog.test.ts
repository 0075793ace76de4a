// Integrity of the built-in catalog data, its content version, the lookup helpers, and the
// heuristic that flags unknown security software.
import { describe, expect, it } from "vitest";
import { CATEGORIES, PLATFORMS, SOURCES } from "~/agent/shared/protocol";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { BUILTIN_CATALOG, CATALOG_DATA, catalogVersion, createMatcher, findProduct, findVendor } from "~/agent/shared/catalog";
import type { CatalogData, Signature } from "~/agent/shared/catalog";

const vendors = CATALOG_DATA.vendors;
const products = vendors.flatMap((v) => v.products);
const allSignatures = (): Signature[] => vendors.flatMap((v) => [...(v.exclude ?? []), ...v.products.flatMap((p) => p.signatures)]);
const allPatterns = (): string[] => [...vendors.flatMap((v) => v.publishers), ...allSignatures().flatMap((s) => [s.name, s.publisher, s.identifier].filter((p): p is string => p !== undefined))];

describe("catalog integrity", () => {
  it("has at least 28 vendors, including the required slugs", () => {
    expect(vendors.length).toBeGreaterThanOrEqual(28);
    const slugs = vendors.map((v) => v.slug);
    for (const s of [
      "kaspersky",
      "drweb",
      "qihoo360",
      "microsoft",
      "crowdstrike",
      "sentinelone",
      "sophos",
      "eset",
      "bitdefender",
      "trendmicro",
      "trellix",
      "mcafee",
      "broadcom",
      "gendigital",
      "malwarebytes",
      "paloalto",
      "vmware",
      "cisco",
      "clamav",
      "withsecure",
      "gdata",
      "watchguard",
      "webroot",
      "fortinet",
      "checkpoint",
      "elastic",
      "wazuh",
    ]) {
      expect(slugs).toContain(s);
    }
  });

  it("uses unique lowercase vendor and product slugs", () => {
    const slugRe = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    const vendorSlugs = vendors.map((v) => v.slug);
    const productSlugs = products.map((p) => p.slug);
    expect(new Set(vendorSlugs).size).toBe(vendorSlugs.length);
    expect(new Set(productSlugs).size).toBe(productSlugs.length);
    for (const s of [...vendorSlugs, ...productSlugs]) expect(s, s).toMatch(slugRe);
  });

  it("gives every vendor products, a valid fallback and a valid country", () => {
    for (const v of vendors) {
      expect(v.products.length, v.slug).toBeGreaterThan(0);
      if (v.fallbackProduct)
        expect(
          v.products.map((p) => p.slug),
          v.slug,
        ).toContain(v.fallbackProduct);
      if (v.country) expect(v.country, v.slug).toMatch(/^[A-Z]{2}$/);
    }
  });

  it("gives every product a valid category, signatures and removal guides", () => {
    for (const p of products) {
      expect(CATEGORIES, p.slug).toContain(p.category);
      expect(p.signatures.length, p.slug).toBeGreaterThan(0);
      for (const g of p.removal ?? []) {
        expect(PLATFORMS, p.slug).toContain(g.platform);
        expect(g.steps.length, p.slug).toBeGreaterThan(0);
        for (const step of g.steps) expect(step.trim().length, p.slug).toBeGreaterThan(0);
      }
    }
  });

  it("has signatures that name at least one field and only known sources", () => {
    for (const s of allSignatures()) {
      expect(s.name ?? s.publisher ?? s.identifier, JSON.stringify(s)).toBeDefined();
      const sources = s.source === undefined ? [] : Array.isArray(s.source) ? s.source : [s.source];
      for (const src of sources) expect(SOURCES, JSON.stringify(s)).toContain(src);
    }
  });

  it("has patterns that compile, never match an empty string, and use no backreferences", () => {
    for (const p of allPatterns()) {
      const re = new RegExp(p, "i");
      expect(re.test(""), `pattern matches everything: ${p}`).toBe(false);
      // Patterns are joined into union prefilters: numbered/named backreferences would break.
      expect(p, p).not.toMatch(/\\[1-9]|\\k</);
    }
  });

  it("compiles into a matcher", () => {
    expect(() => createMatcher(CATALOG_DATA)).not.toThrow();
  });

  it("gives the banned vendors removal guides for their main products", () => {
    for (const slug of ["kaspersky-endpoint-security", "kaspersky-network-agent", "drweb-anti-virus", "qihoo360-total-security"]) {
      expect(findProduct(CATALOG_DATA, slug)?.product.removal?.length, slug).toBeGreaterThan(0);
    }
    const kes = findProduct(CATALOG_DATA, "kaspersky-endpoint-security")?.product.removal ?? [];
    expect(kes.map((g) => g.platform).sort()).toEqual(["darwin", "linux", "windows"]);
    const windowsSteps = kes.find((g) => g.platform === "windows")?.steps.join("\n") ?? "";
    expect(windowsSteps).toMatch(/KLLOGIN/);
    expect(windowsSteps).toMatch(/kavremvr\.exe/);
    expect(windowsSteps).toMatch(/Network Agent/);
  });
});

describe("catalog version", () => {
  const clone = (): CatalogData => structuredClone(CATALOG_DATA);

  it("is 16 hex characters and is the built-in catalog's version", () => {
    expect(BUILTIN_CATALOG.version).toMatch(/^[0-9a-f]{16}$/);
    expect(catalogVersion(CATALOG_DATA)).toBe(BUILTIN_CATALOG.version);
    // A Catalog (data + version) hashes like its data, and survives the JSON round trip the
    // server's catalog endpoint and the agent's cache put it through.
    expect(catalogVersion(BUILTIN_CATALOG)).toBe(BUILTIN_CATALOG.version);
    expect(catalogVersion(JSON.parse(JSON.stringify(BUILTIN_CATALOG)) as CatalogData)).toBe(BUILTIN_CATALOG.version);
  });

  it("is stable: same data, a deep copy, or a copy with keys in another order give the same version", () => {
    expect(catalogVersion(clone())).toBe(BUILTIN_CATALOG.version);
    const reordered = JSON.parse(JSON.stringify(CATALOG_DATA), (_k, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    ) as CatalogData;
    expect(Object.keys(reordered.vendors[0] ?? {})).not.toEqual(Object.keys(CATALOG_DATA.vendors[0] ?? {}));
    expect(catalogVersion(reordered)).toBe(BUILTIN_CATALOG.version);
  });

  it("changes when any single datum changes", () => {
    // Every leaf of the data (strings: slugs, names, patterns, steps, sources ...), changed one
    // at a time, must give a version different from the original and from every other change.
    type Leaf = { get: () => string; set: (v: string) => void };
    const leavesOf = (node: unknown, out: Leaf[] = []): Leaf[] => {
      if (node && typeof node === "object") {
        const obj = node as Record<string, unknown>;
        for (const k of Object.keys(obj)) {
          const child = obj[k];
          if (typeof child === "string") out.push({ get: () => obj[k] as string, set: (v) => void (obj[k] = v) });
          else leavesOf(child, out);
        }
      }
      return out;
    };
    // A JSON copy, not structuredClone: the source shares objects (e.g. one removal guide used
    // by several products), and each occurrence must count as its own datum.
    const data = JSON.parse(JSON.stringify(CATALOG_DATA)) as CatalogData;
    const leaves = leavesOf(data);
    expect(leaves.length).toBeGreaterThan(1000);
    // Each version hashes the whole catalog: every leaf would cost minutes on the grown catalog, so
    // an evenly spread sample of about 700 leaves (every kind of field, every vendor file) is changed.
    const stride = Math.max(1, Math.ceil(leaves.length / 700));
    const sample = leaves.filter((_, i) => i % stride === 0);
    const seen = new Set<string>([BUILTIN_CATALOG.version]);
    for (const leaf of sample) {
      const original = leaf.get();
      leaf.set(`${original}x`);
      const changed = catalogVersion(data);
      leaf.set(original);
      expect(changed, original).not.toBe(BUILTIN_CATALOG.version);
      seen.add(changed);
    }
    expect(seen.size).toBe(sample.length + 1); // no two single changes collide
    expect(catalogVersion(data)).toBe(BUILTIN_CATALOG.version); // restored
  });

  it("changes when order, structure or optional fields change", () => {
    const swapped = clone();
    const [a, b] = swapped.vendors;
    if (a && b) swapped.vendors.splice(0, 2, b, a);
    expect(catalogVersion(swapped)).not.toBe(BUILTIN_CATALOG.version);

    const added = clone();
    added.vendors[0]?.products[0]?.signatures.push({ name: "^New Product" });
    expect(catalogVersion(added)).not.toBe(BUILTIN_CATALOG.version);

    const recategorised = clone();
    const p = recategorised.vendors[0]?.products[0];
    if (p) p.category = p.category === "edr" ? "antivirus" : "edr";
    expect(catalogVersion(recategorised)).not.toBe(BUILTIN_CATALOG.version);

    const withExclude = clone();
    const v0 = withExclude.vendors[0];
    if (v0) v0.exclude = [...(v0.exclude ?? []), { name: "^Something Else$" }];
    expect(catalogVersion(withExclude)).not.toBe(BUILTIN_CATALOG.version);

    const noRemoval = clone();
    const withRemoval = noRemoval.vendors.flatMap((v) => v.products).find((x) => x.removal);
    if (withRemoval) delete withRemoval.removal;
    expect(catalogVersion(noRemoval)).not.toBe(BUILTIN_CATALOG.version);
  });
});

describe("lookups", () => {
  it("finds vendors and products by slug", () => {
    expect(findVendor(BUILTIN_CATALOG, "kaspersky")?.name).toBe("Kaspersky");
    expect(findVendor(BUILTIN_CATALOG, "nope")).toBeUndefined();
    const found = findProduct(BUILTIN_CATALOG, "kaspersky-network-agent");
    expect(found?.vendor.slug).toBe("kaspersky");
    expect(found?.product.category).toBe("management-agent");
    expect(findProduct(BUILTIN_CATALOG, "nope")).toBeUndefined();
  });

  it("can find every product any classification returns", () => {
    for (const v of vendors) for (const p of v.products) expect(findProduct(BUILTIN_CATALOG, p.slug)?.vendor.slug).toBe(v.slug);
  });
});

describe("looksLikeSecurity (for entries the catalog does not know)", () => {
  const m = createMatcher(BUILTIN_CATALOG);
  const win = (name: string, publisher?: string): SoftwareEntry => ({ source: "windows-uninstall", name, ...(publisher ? { publisher } : {}) });
  const deb = (name: string): SoftwareEntry => ({ source: "dpkg", name, identifier: name });

  it.each([
    win("Acme AntiVirus Pro 2025"),
    win("SuperShield Anti-Virus"),
    win("ZeroDay Anti-Malware Free"),
    win("Contoso Endpoint Protection Agent"),
    win("Fabrikam Endpoint Security"),
    win("Northwind EDR Sensor"),
    win("Northwind XDR Collector"),
    win("Tailspin Internet Security 2024"),
    win("Tailspin Total Security"),
    win("Litware Firewall"),
    win("Litware Threat Defense"),
    win("Contoso Malware Scanner"),
    win("Fabrikam Ransomware Protection"),
    win("Woodgrove Sentinel Agent"),
    win("Falcon Guard", "Unknown Ltd"),
    win("Contoso Intrusion Prevention"),
    win("Acme VPN Client"),
    win("Acme Password Manager"),
    win("Acme Parental Control"),
    win("Антивирус Пример"),
    win("Защита рабочих станций"),
    win("Межсетевой экран Пример"),
    win("Пример Интернет-безопасность"),
    win("某某杀毒"),
    win("某某防火墙"),
    win("终端安全管理系统"),
    win("Beispiel Virenschutz"),
    win("Beispiel Endpunktschutz"),
    win("Exemple Pare-feu"),
    win("Ejemplo Cortafuegos"),
    deb("firewalld"),
    deb("clamtk"),
    deb("rkhunter"),
    deb("chkrootkit"),
    deb("suricata"),
    deb("ossec-hids-server"),
    deb("crowdsec"),
  ])("flags $name", (e) => {
    expect(m.classify(e) === null ? m.looksLikeSecurity(e) : true).toBe(true);
  });

  it.each([
    deb("libsecret-1-0"),
    deb("python3-cryptography"),
    deb("ca-certificates"),
    deb("openssl"),
    deb("libssl3"),
    deb("gnupg"),
    deb("apparmor"),
    deb("apparmor-utils"),
    deb("selinux-policy-default"),
    deb("libselinux1"),
    deb("iptables"),
    deb("nftables"),
    deb("libclamav11"),
    deb("redis-sentinel"),
    deb("python3-falcon"),
    deb("libconvert-xdr-perl"),
    deb("firewalld-doc"),
    deb("seahorse"),
    deb("openssh-server"),
    win("Security Update for Microsoft Office 2016 (KB5002700) 64-Bit Edition", "Microsoft Corporation"),
    win("Sicherheitsupdate für Microsoft Word 2016 (KB5002623) 64-Bit-Edition", "Microsoft Corporation"),
    win("Microsoft Edge", "Microsoft Corporation"),
    win("Avast Secure Browser", "Avast Software"),
    win("AVG Secure Browser", "AVG Technologies"),
    win("CCleaner", "Piriform"),
    win("Google Chrome", "Google LLC"),
    win("Yandex", "ООО «ЯНДЕКС»"),
    win("7-Zip 23.01 (x64)", "Igor Pavlov"),
    win("Sentinel Runtime", "Thales"),
    win("Sentinel HASP Run-time", "SafeNet, Inc."),
    win("Mozilla Firefox (x64 en-US)", "Mozilla"),
    win("Threaded Comments Viewer"),
    win("KeyCloak Token Helper"),
  ])("does not flag $name", (e) => {
    expect(m.classify(e)).toBeNull();
    expect(m.looksLikeSecurity(e)).toBe(false);
  });
});
