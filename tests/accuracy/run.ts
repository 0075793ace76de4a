// npm run catalog:accuracy [-- --failures]: recall per category and false positives of the built-in
// catalog on every half of the labelled corpus (batch 1: tuning, held-out; batch 2: tuning-2,
// held-out-2; batch 3: tuning-3, held-out-3; batch 4: tuning-4, held-out-4; batch 5: tuning-5,
// held-out-5; batch 6: tuning-6, held-out-6; batch 7: tuning-7, held-out-7; batch 8: tuning-8, held-out-8; batch 9: tuning-9, held-out-9; batch 10: tuning-10, held-out-10; batch 11: tuning-11, held-out-11; batch 12: tuning-12, held-out-12; batch 13: tuning-13, held-out-13; batch 14: tuning-14, held-out-14; batch 15: tuning-15, held-out-15; batch 16: tuning-16, held-out-16; batch 17: tuning-17, held-out-17). --failures lists the tuning halves' misses and false positives (what to look at
// while improving the catalog); the held-out halves' are never printed unless --show-held-out is
// given, which spoils them as held-out measures.
import { BUILTIN_CATALOG, createMatcher } from "../../agent/shared/catalog";
import { HALVES, HELD_OUT, type Half, isHeldOut, type Rate, loadCorpus, measure, pct } from "./catalog-accuracy";

const args = new Set(process.argv.slice(2));
const matcher = createMatcher(BUILTIN_CATALOG);
const results = Object.fromEntries(HALVES.map((h) => [h, measure(loadCorpus(h), matcher)]));
const keys = [...new Set(HALVES.flatMap((h) => Object.keys(results[h]!.recall)))].sort((a, b) => (a.includes(" ") === b.includes(" ") ? a.localeCompare(b) : a.includes(" ") ? -1 : 1));
const W = 20;
const rate = (r: Rate | undefined, digits: number) => (r ? `${pct(r).toFixed(digits).padStart(5)}% (${r.hit}/${r.total})`.padEnd(W) : "".padEnd(W));
const row = (label: string, cells: string[], note = "") => console.log(`${label.padEnd(22)}${cells.join("")}${note}`);

console.log(`catalog ${BUILTIN_CATALOG.version}: ${BUILTIN_CATALOG.vendors.length} vendors`);
row(
  "recall",
  HALVES.map((h) => h.padEnd(W)),
);
for (const k of keys)
  row(
    k,
    HALVES.map((h) => rate(results[h]!.recall[k], 1)),
  );
row(
  "false positives",
  HALVES.map((h) => rate(results[h]!.falsePositives, 2)),
);
row(
  "sent as unrecognized",
  HALVES.map((h) => rate(results[h]!.flaggedUnrecognized, 2)),
  "  (ordinary software the agent would report for review)",
);
const show = (h: Half) => {
  const r = results[h]!;
  for (const m of r.misses) console.log(`  miss  ${h}: ${JSON.stringify(m.entry)} want ${m.label!.vendor}/${m.label!.category}, got ${JSON.stringify(matcher.classify(m.entry))}`);
  for (const w of r.wrong) console.log(`  false ${h}: ${JSON.stringify(w.entry)} got ${JSON.stringify(matcher.classify(w.entry))}`);
};
if (args.has("--failures")) for (const h of HALVES) if (!isHeldOut(h)) show(h);
if (args.has("--show-held-out")) for (const h of HELD_OUT) show(h);
