// What the demo may do with a database, on either engine: seed an empty one (or none), reuse one it
// seeded itself (the demo marker, db/demo-marker.ts), or with --reset start that one over. A
// database holding anything else is never touched: the demo stops, saying why, before it writes.
export type DemoContents = { tablesWithRows: string[]; demoMarker: string | null };
export type DemoPlan = { action: "seed" | "reuse" } | { action: "refuse"; reason: string };

/** `contents` null: no database yet. `where` names it for people; `instead` says what to give the demo. */
export function planDemo(contents: DemoContents | null, opts: { where: string; reset: boolean; instead: string }): DemoPlan {
  if (!contents || contents.tablesWithRows.length === 0) return { action: "seed" };
  if (contents.demoMarker) return { action: opts.reset ? "seed" : "reuse" };
  const some = contents.tablesWithRows.slice(0, 4).join(", ") + (contents.tablesWithRows.length > 4 ? ", …" : "");
  return {
    action: "refuse",
    reason: `${opts.where} holds data the demo did not make (rows in ${some}): the demo ${opts.reset ? "resets" : "uses"} only an empty database or one it seeded itself, and leaves this one alone. ${opts.instead}`,
  };
}
