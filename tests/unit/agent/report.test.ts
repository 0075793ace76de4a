import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG, createMatcher } from "~/agent/shared/catalog/index";
import { normalizeEntry, selectEntries } from "~/agent/src/report";
import type { SoftwareEntry } from "~/agent/shared/protocol";
import { LIMITS } from "~/agent/shared/protocol";
import type { Matcher } from "~/agent/shared/catalog/types";

const matcher = createMatcher(BUILTIN_CATALOG);

describe("data minimisation", () => {
  const entries: SoftwareEntry[] = [
    { source: "dpkg", name: "kesl", version: "12.1.0-1297", publisher: "AO Kaspersky Lab", identifier: "kesl" },
    { source: "dpkg", name: "bash", version: "5.2.15-2+b2", publisher: "Matthias Klose", identifier: "bash" },
    { source: "windows-security-center", name: "Some Unknown Shield", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } },
    { source: "windows-uninstall", name: "Acme Antivirus Pro", version: "1.0", publisher: "Acme Corp", identifier: "{0000}" },
    { source: "windows-uninstall", name: "7-Zip 23.01 (x64)", publisher: "Igor Pavlov", identifier: "7-Zip" },
    { source: "dpkg", name: "kesl", version: "12.1.0-1297", publisher: "AO Kaspersky Lab", identifier: "kesl" }, // duplicate
  ];
  const { selected, collectedCount } = selectEntries(entries, matcher);

  it("sends catalog matches, every Security Center product, and flags look-alikes as unrecognized", () => {
    expect(selected.map((s) => s.entry)).toEqual([
      { source: "dpkg", name: "kesl", version: "12.1.0-1297", publisher: "AO Kaspersky Lab", identifier: "kesl" },
      { source: "windows-security-center", name: "Some Unknown Shield", identifier: "AntiVirusProduct", state: { enabled: true, upToDate: true } },
      { source: "windows-uninstall", name: "Acme Antivirus Pro", version: "1.0", publisher: "Acme Corp", identifier: "{0000}", unrecognized: true },
    ]);
    expect(selected[0]?.classification?.vendor).toBe("kaspersky");
    expect(collectedCount).toBe(5);
  });

  it("ordinary software never leaves the machine", () => {
    const names = selected.map((s) => s.entry.name);
    expect(names).not.toContain("bash");
    expect(names).not.toContain("7-Zip 23.01 (x64)");
  });

  it("trims strings to the server's limit and drops empty fields", () => {
    const e = normalizeEntry({ source: "dpkg", name: ` ${"a".repeat(600)} `, version: "", publisher: "  " });
    expect(e).toEqual({ source: "dpkg", name: "a".repeat(LIMITS.stringLength) });
  });

  it("past the entry limit keeps Security Center first, then matches, then the unrecognized", () => {
    const everything: Matcher = { classify: (e) => (e.name.startsWith("m") ? { vendor: "v", product: "p", category: "antivirus" } : null), looksLikeSecurity: () => true };
    const many: SoftwareEntry[] = [
      ...Array.from({ length: LIMITS.softwareEntries }, (_, i) => ({ source: "dpkg" as const, name: `u${i}` })),
      { source: "dpkg", name: "m-matched" },
      { source: "windows-security-center", name: "wsc" },
    ];
    const r = selectEntries(many, everything);
    expect(r.selected).toHaveLength(LIMITS.softwareEntries);
    expect(r.truncated).toBe(2);
    const names = r.selected.map((s) => s.entry.name);
    expect(names).toContain("wsc");
    expect(names).toContain("m-matched");
    expect(names).not.toContain(`u${LIMITS.softwareEntries - 1}`);
  });
});

describe("the catalog narrowed to an endpoint's sources", () => {
  it("classifies every entry of those sources exactly as the full catalog does, with fewer signatures", async () => {
    const { catalogForSources } = await import("~/agent/src/state/catalog-cache");
    const { sourcesFor } = await import("~/agent/src/collectors/index");
    const { SOURCES } = await import("~/agent/shared/protocol");
    const count = (c: { vendors: { products: { signatures: unknown[] }[] }[] }) => c.vendors.flatMap((v) => v.products.flatMap((p) => p.signatures)).length;
    for (const platform of ["linux", "darwin", "windows"] as const) {
      const sources = sourcesFor(platform);
      const narrowed = catalogForSources(BUILTIN_CATALOG, sources);
      expect(count(narrowed)).toBeLessThan(count(BUILTIN_CATALOG));
      const small = createMatcher(narrowed);
      // every signature pattern of the full catalog, tried as name, identifier and publisher
      const probes = BUILTIN_CATALOG.vendors.flatMap((v) => [v.name, v.slug, ...v.products.flatMap((p) => [p.name, p.slug])]);
      for (const source of sources) {
        for (const probe of probes) {
          for (const e of [
            { source, name: probe },
            { source, name: probe, identifier: probe.toLowerCase() },
            { source, name: "x", publisher: probe },
          ] as SoftwareEntry[]) {
            expect(small.classify(e), `${platform} ${source} ${probe}`).toEqual(matcher.classify(e));
          }
        }
      }
      expect(SOURCES.filter((s) => !sources.includes(s)).length).toBeGreaterThan(0);
    }
  });
});
