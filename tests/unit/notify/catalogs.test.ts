// The notification catalogs (server/notify/messages/*.ts): every language has exactly the ids
// English has, every message parses, and uses the same placeholders (plural, select and number
// arguments included) as the English one, so no e-mail ever shows an empty or a raw "{name}".
import { describe, expect, it } from "vitest";
import { LOCALES, parseMessage, t } from "~/server/notify/i18n";
import { EN, type MessageId } from "~/server/notify/messages/en";
import { NL } from "~/server/notify/messages/nl";

const CATALOGS: Record<string, Record<string, string>> = { en: EN, nl: NL };

type Parsed = ReturnType<typeof parseMessage>;
/** Argument names used anywhere in a message, with their kind ("count:plural", "agency:plain"). */
function args(nodes: Parsed, out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (typeof n === "string" || n.arg === "#") continue;
    out.add(`${n.arg}:${n.type}`);
    if ("options" in n) for (const branch of n.options.values()) args(branch, out);
  }
  return out;
}

describe("notification catalogs", () => {
  it("registers every catalog, and nothing else", () => {
    expect([...LOCALES].sort()).toEqual(Object.keys(CATALOGS).sort());
  });

  it.each(Object.keys(CATALOGS).filter((l) => l !== "en"))("%s has exactly the ids English has, with the same placeholders", (locale) => {
    const other = CATALOGS[locale]!;
    expect(
      Object.keys(other).filter((id) => !(id in EN)),
      "ids only in this language",
    ).toEqual([]);
    expect(
      Object.keys(EN).filter((id) => !(id in other)),
      "ids missing from this language",
    ).toEqual([]);
    for (const [id, text] of Object.entries(other)) {
      expect(text.trim(), id).not.toBe("");
      expect([...args(parseMessage(text))].sort(), `${locale}: ${id}`).toEqual([...args(parseMessage(EN[id as MessageId]))].sort());
    }
  });

  it("writes Dutch for nl and nl-BE, with Dutch plurals and number grouping", () => {
    expect(t("nl", "event.finding.new.title", { count: 1, agency: "Politie (POL)" })).toBe("1 nieuwe bevinding van verboden software in Politie (POL)");
    expect(t("nl-BE", "event.finding.new.title", { count: 12345, agency: "Politie (POL)" })).toBe("12.345 nieuwe bevindingen van verboden software in Politie (POL)");
    expect(t("nl", "event.deadline.near.title", { days: 0, agency: "Politie" })).toBe("De uiterste datum van Politie is vandaag");
    expect(t("nl", "event.agency.status.title", { agency: "Politie", status: "overdue" })).toBe("Politie is te laat");
    expect(t("nl", "common.greeting", { name: "An" })).toBe("Beste An,");
  });
});
