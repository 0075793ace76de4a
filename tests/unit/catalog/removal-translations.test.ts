// The catalog's removal guides in other languages (server/catalog/removal-<lang>.ts, Dutch today):
// every step of the built-in catalog has its translation, none is left for a step no guide has any
// more, and the commands, paths, flags and quoted labels of each English step are in its
// translation unchanged. Guides are shown translated only when all their steps are; otherwise in
// English, marked as English.
import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG } from "~/agent/shared/catalog";
import { guideSteps, REMOVAL_TRANSLATIONS } from "~/server/catalog/removal-steps";
import { REMOVAL_STEPS_NL } from "~/server/catalog/removal-nl";
import { noteLocalCatalog, removalGuides } from "~/server/catalog/names";
import { commandTokens } from "./removal-tokens";

const guides = BUILTIN_CATALOG.vendors.flatMap((v) => v.products.flatMap((p) => (p.removal ?? []).map((g) => ({ where: `${p.slug} (${g.platform})`, steps: g.steps }))));
const steps = new Set(guides.flatMap((g) => g.steps));

describe.each(Object.entries(REMOVAL_TRANSLATIONS))("removal guides in %s", (lang, table) => {
  it("covers every step of the built-in catalog", () => {
    expect(guides.length).toBeGreaterThan(50);
    const missing = guides.flatMap((g) => g.steps.filter((s) => !Object.hasOwn(table, s)).map((s) => `${g.where}: ${s}`));
    expect(missing, `steps without a translation in server/catalog/removal-${lang}.ts`).toEqual([]);
  });

  it("has no translation of a step no guide has any more", () => {
    expect(
      Object.keys(table).filter((s) => !steps.has(s)),
      `stale entries in server/catalog/removal-${lang}.ts`,
    ).toEqual([]);
  });

  it("keeps every command, path, flag and quoted label of the English step", () => {
    const lost = Object.entries(table).flatMap(([en, tr]) =>
      commandTokens(en)
        .filter((tok) => !tr.includes(tok))
        .map((tok) => `${tok}  in: ${tr}`),
    );
    expect(lost).toEqual([]);
    expect(Object.values(table).filter((tr) => !tr.trim())).toEqual([]);
  });
});

describe("removal guides shown", () => {
  it("has the Dutch translations registered", () => {
    expect(REMOVAL_TRANSLATIONS.nl).toBe(REMOVAL_STEPS_NL);
  });

  it("finds the tokens a translation must keep", () => {
    expect(commandTokens(`Run "C:\\Program Files\\X\\u.exe" /S --force 'Remove agent', then sudo apt-get purge x-agent or sudo rpm -e x; see \`tool -v\`.`)).toEqual(
      expect.arrayContaining(["C:\\Program Files\\X\\u.exe", "/S", "--force", "Remove agent", "tool -v", "sudo apt-get purge x-agent", "sudo rpm -e x"]),
    );
    expect(commandTokens("Remove Kaspersky's agent, then reboot.")).toEqual([]);
  });

  it("shows a guide in Dutch when all its steps are translated, else in English marked as such", () => {
    const [known] = [...steps];
    expect(guideSteps([known!], "nl")).toEqual({ steps: [REMOVAL_STEPS_NL[known!]], lang: "nl" });
    expect(guideSteps([known!], "en")).toEqual({ steps: [known], lang: "en" });
    expect(guideSteps([known!, "A step written after the last translation."], "nl")).toEqual({ steps: [known, "A step written after the last translation."], lang: "en" });
    expect(guideSteps([known!], "de")).toEqual({ steps: [known], lang: "en" });
    expect(guideSteps(["constructor"], "nl").lang).toBe("en");
  });

  it("gives local overlay products no guide (officers write none)", () => {
    noteLocalCatalog({ revision: 7, vendors: [{ slug: "local-acme", name: "Acme" }], products: [{ slug: "local-acme-av", vendor: "local-acme", name: "Acme AV", category: "antivirus" }], rules: [] });
    try {
      expect(removalGuides("local-acme-av")).toEqual([]);
    } finally {
      noteLocalCatalog(undefined);
    }
  });
});
