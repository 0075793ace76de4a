// The catalog format's local overlay and generic evidence, in the shared matcher: local rules
// outrank everything built in (the newest first), a local "not security software" rule suppresses
// a match and the agent's unrecognized flag; the version changes with the overlay; Security Center
// and Endpoint Security extensions are evidence of protection even when the catalog does not know
// them. And the data's own consistency: every driver a vendor's data names classifies to that vendor.
import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG, catalogVersion, CATALOG_DATA, createMatcher, genericEvidence, type CatalogOverlay } from "~/agent/shared/catalog";
import { vendorFolder } from "~/agent/src/collectors/windows-security-center";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { catalogFromJson } from "~/agent/src/state/catalog-cache";

const KESL: SoftwareEntry = { source: "dpkg", name: "kesl", identifier: "kesl" };
const ACME: SoftwareEntry = { source: "dpkg", name: "acme-antivirus", identifier: "acme-antivirus" };
const overlay = (rules: CatalogOverlay["rules"]): CatalogOverlay => ({
  revision: 1,
  vendors: [{ slug: "local-acme", name: "Acme" }],
  products: [{ slug: "local-acme-av", vendor: "local-acme", name: "Acme AV", category: "antivirus" }],
  rules,
});
const ACME_RULE = { id: "local-1", signature: { source: "dpkg" as const, identifier: "^acme-antivirus$" }, result: { vendor: "local-acme", product: "local-acme-av", category: "antivirus" as const } };

describe("local overlay in the matcher", () => {
  it("classifies what the release does not know, and keeps the built-in version when there is no overlay", () => {
    const plain = createMatcher(CATALOG_DATA);
    expect(plain.classify(ACME)).toBeNull();
    const m = createMatcher({ ...CATALOG_DATA, local: overlay([ACME_RULE]) });
    expect(m.classify(ACME)).toEqual(ACME_RULE.result);
    expect(catalogVersion({ ...CATALOG_DATA, local: overlay([ACME_RULE]) })).not.toBe(BUILTIN_CATALOG.version);
    expect(catalogVersion(CATALOG_DATA)).toBe(BUILTIN_CATALOG.version);
  });

  it("outranks the release and suppresses; the newest rule is tried first", () => {
    const suppressKesl = { id: "local-2", signature: { identifier: "^kesl$" }, result: null };
    const m = createMatcher({ ...CATALOG_DATA, local: overlay([suppressKesl]) });
    expect(m.classify(KESL)).toBeNull();
    expect(m.looksLikeSecurity(KESL)).toBe(false);
    const rules = [{ ...suppressKesl, id: "local-3", signature: { identifier: "^acme-antivirus$" } }, ACME_RULE]; // newest first, as served
    expect(createMatcher({ ...CATALOG_DATA, local: overlay(rules) }).classify(ACME)).toBeNull();
  });

  it("a served catalog with an overlay round-trips through the agent's parser, and a tampered one is refused", () => {
    const data = { ...CATALOG_DATA, local: overlay([ACME_RULE]) };
    const served = JSON.parse(JSON.stringify({ ...data, version: catalogVersion(data) }));
    expect(catalogFromJson(served).version).toBe(catalogVersion(data));
    served.local.rules[0].result.vendor = "kaspersky";
    expect(() => catalogFromJson(served)).toThrow(/does not match its version/);
    expect(() => catalogFromJson({ ...served, local: { rules: "x" } })).toThrow(/malformed local overlay/);
  });
});

describe("generic evidence of protection", () => {
  it("Security Center registrations and Endpoint Security extensions, only those", () => {
    expect(genericEvidence({ source: "windows-security-center", name: "Acme", identifier: "AntiVirusProduct" })).toMatchObject({ vendor: "unidentified", category: "antivirus" });
    expect(genericEvidence({ source: "windows-security-center", name: "Acme", identifier: "FirewallProduct" })).toMatchObject({ category: "firewall" });
    expect(genericEvidence({ source: "macos-system-extension", name: "Acme", identifier: "com.acme.es", role: "endpoint-security" })).toMatchObject({ category: "edr" });
    expect(genericEvidence({ source: "macos-system-extension", name: "Acme", identifier: "com.acme.net" })).toBeNull();
    expect(genericEvidence({ source: "windows-uninstall", name: "Acme Antivirus" })).toBeNull();
  });

  it("the vendor string of a Security Center product is its folder under Program Files", () => {
    expect(vendorFolder("C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\wmiav.exe")).toBe("Kaspersky Lab");
    expect(vendorFolder("%ProgramFiles%\\Windows Defender\\MsMpeng.exe")).toBe("Windows Defender");
    expect(vendorFolder("windowsdefender://")).toBeUndefined();
    expect(vendorFolder(42)).toBeUndefined();
  });
});

describe("catalog data consistency", () => {
  it("every driver a vendor's data names classifies to that vendor", () => {
    const m = createMatcher(BUILTIN_CATALOG);
    const wrong: string[] = [];
    for (const v of BUILTIN_CATALOG.vendors) {
      for (const p of v.products) {
        for (const s of p.signatures) {
          if (s.source !== "windows-driver" || !s.identifier) continue;
          const inner = /^\^\(\?:(.*)\)\$$/.exec(s.identifier)?.[1];
          if (!inner || /[()[\]]|\\[a-z]/i.test(inner.replace(/\\\./g, ""))) continue; // only plain alternations
          for (const alt of inner.split("|")) {
            const id = alt.replace(/\\\./g, ".");
            const got = m.classify({ source: "windows-driver", name: id, identifier: id });
            if (got?.vendor !== v.slug) wrong.push(`${v.slug}/${p.slug} ${id}: ${got?.vendor ?? "nothing"}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("no built-in slug looks like a local one", () => {
    for (const v of BUILTIN_CATALOG.vendors) {
      expect(v.slug.startsWith("local-"), v.slug).toBe(false);
      for (const p of v.products) expect(p.slug.startsWith("local-"), p.slug).toBe(false);
    }
  });
});
