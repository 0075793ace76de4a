// The daily digest and the weekly summary of one person: the figures now for the agencies they
// follow, what changed in the period (new findings, removals, reinstalls from the daily history,
// complete UTC days), the alerts raised in it, and one row per agency. Sent also when nothing
// changed: then it says so.
import type { ProgressRow } from "../findings/progress";
import { addDays, parseDay } from "../lib/time";
import type { AgencyInfo, Person } from "./audience";
import { describeEvent, type StoredEvent } from "./describe";
import { type RenderedEmail, MAX_ITEMS, personFooter, render } from "./emails";
import { formatDay, formatShortDay, type Locale, t } from "./i18n";
import type { MessageId } from "./messages/en";
import type { Doc, Table, Tone } from "./render";

/** Agencies listed in one digest at most (the rest are counted, and on the Agencies page). */
const MAX_ROWS = 100;

export type Flows = { detections: number; removals: number; reinstalls: number };
export type DigestKind = "daily" | "weekly";

export type DigestInput = {
  kind: DigestKind;
  person: Person;
  /** Agency ids the digest covers (the person's scope narrowed to their choice). */
  covered: Set<number>;
  /** Complete UTC days covered, inclusive. */
  from: string;
  to: string;
  /** Agencies in tree order with their subtree figures (findings/progress). */
  progress: ProgressRow[];
  /** Own flows per agency over [from, to]. */
  flows: Map<number, Flows>;
  /** Events of the period the person may hear about. */
  events: StoredEvent[];
  agencies: Map<number, AgencyInfo>;
  base: string;
  now: number;
};

const STATUS_TONE: Record<ProgressRow["status"], Tone> = { done: "ok", "on-track": "ok", "at-risk": "warn", overdue: "bad", "no-deadline": "neutral" };

/** The covered agencies whose parent is not covered: summing them counts every endpoint once. */
function roots(input: DigestInput): ProgressRow[] {
  return input.progress.filter((r) => input.covered.has(r.id) && !(r.parentId !== null && input.covered.has(r.parentId)));
}

function subtreeFlows(input: DigestInput, id: number): Flows {
  const root = input.agencies.get(id)!;
  const out: Flows = { detections: 0, removals: 0, reinstalls: 0 };
  for (const [aid, f] of input.flows) {
    const a = input.agencies.get(aid);
    if (!a?.path.startsWith(root.path) || !input.covered.has(aid)) continue;
    out.detections += f.detections;
    out.removals += f.removals;
    out.reinstalls += f.reinstalls;
  }
  return out;
}

export function digestEmail(input: DigestInput): RenderedEmail & { changed: boolean; banned: number } {
  const { person: p, kind, base } = input;
  const loc: Locale = p.locale;
  const num = (n: number) => new Intl.NumberFormat(loc).format(n);
  const top = roots(input);
  const sum = (f: (r: ProgressRow) => number) => top.reduce((acc, r) => acc + f(r), 0);
  const flows = top.reduce<Flows>(
    (acc, r) => {
      const f = subtreeFlows(input, r.id);
      return { detections: acc.detections + f.detections, removals: acc.removals + f.removals, reinstalls: acc.reinstalls + f.reinstalls };
    },
    { detections: 0, removals: 0, reinstalls: 0 },
  );
  const banned = sum((r) => r.totals.banned);
  const changed = flows.detections + flows.removals + flows.reinstalls > 0 || input.events.length > 0;
  const day = (d: string) => formatDay(loc, d);

  const subject =
    kind === "weekly"
      ? t(loc, "weekly.subject", { from: day(input.from), to: day(input.to), banned })
      : changed
        ? t(loc, "daily.subject", { date: day(input.to), banned })
        : t(loc, "daily.subject.nochange", { date: day(input.to) });
  const names = top.map((r) => r.code);
  const scopeNames = names.length > 8 ? t(loc, "digest.scope.more", { names: names.slice(0, 8).join(", "), count: names.length - 8 }) : names.join(", ");
  const blocks: Doc["blocks"] = [
    { type: "p", text: input.from === input.to ? t(loc, "digest.period.day", { date: day(input.to) }) : t(loc, "digest.period.range", { from: day(input.from), to: day(input.to) }) },
    {
      type: "figures",
      items: [
        { label: t(loc, "figure.banned"), value: num(banned) },
        { label: t(loc, "figure.openFindings"), value: num(sum((r) => r.totals.openFindings)) },
        { label: t(loc, "figure.detections"), value: num(flows.detections) },
        { label: t(loc, "figure.removals"), value: num(flows.removals) },
        { label: t(loc, "figure.reinstalls"), value: num(flows.reinstalls) },
        { label: t(loc, "figure.stale"), value: num(sum((r) => r.totals.stale)) },
      ],
    },
  ];
  if (!changed) blocks.push({ type: "p", text: t(loc, "digest.nochange", { kind }), muted: true });
  if (input.events.length) {
    blocks.push({ type: "h2", text: t(loc, "digest.events") });
    const shown = input.events.slice(0, MAX_ITEMS).map((e) => describeEvent(loc, base, e, e.agencyId === null ? undefined : input.agencies.get(e.agencyId)));
    blocks.push({ type: "items", items: shown });
    if (input.events.length > MAX_ITEMS) blocks.push({ type: "p", text: t(loc, "alert.more", { count: input.events.length - MAX_ITEMS }), muted: true });
  }
  const table: Table = {
    head: ["agency", "status", "banned", "open", "new", "removed", "reinstalled", "deadline"].map((h) => t(loc, `table.${h}` as MessageId)),
    numeric: [false, false, true, true, true, true, true, false],
    rows: input.progress
      .filter((r) => input.covered.has(r.id))
      .slice(0, MAX_ROWS)
      .map((r) => {
        const f = subtreeFlows(input, r.id);
        const depth = Math.max(0, r.depth - (top[0]?.depth ?? 0));
        return {
          indent: depth,
          cells: [
            `${r.name} (${r.code})`,
            t(loc, `status.${r.status}`),
            num(r.totals.banned),
            num(r.totals.openFindings),
            num(f.detections),
            num(f.removals),
            num(f.reinstalls),
            r.deadline ? formatShortDay(loc, r.deadline) : t(loc, "table.none"),
          ],
          url: `${base}/agencies/${encodeURIComponent(r.code)}`,
          tone: STATUS_TONE[r.status],
        };
      }),
  };
  blocks.push({ type: "h2", text: t(loc, "digest.agencies") }, { type: "p", text: t(loc, "digest.scope", { count: top.length, names: scopeNames }), muted: true });
  blocks.push({ type: "table", table });
  const hidden = input.progress.filter((r) => input.covered.has(r.id)).length - table.rows.length;
  if (hidden > 0) blocks.push({ type: "p", text: t(loc, "digest.more", { count: hidden }), muted: true });
  blocks.push({ type: "button", label: t(loc, "digest.open"), url: `${base}/` });
  const { footer, unsubscribe } = personFooter(p, base, kind, input.now);
  const doc: Doc = { lang: loc, title: t(loc, kind === "weekly" ? "weekly.title" : "daily.title"), subtitle: subject, greeting: t(loc, "common.greeting", { name: p.name }), blocks, footer };
  return { ...render(doc, subject, unsubscribe), changed, banned };
}

/** The complete days a digest written on `today` covers, given the day of the previous one. */
export function digestPeriod(kind: DigestKind, today: string, lastDay: string | null): { from: string; to: string } {
  const to = addDays(today, -1);
  if (kind === "weekly") return { from: addDays(today, -7), to };
  const earliest = addDays(today, -31);
  const from = lastDay && lastDay < today ? (lastDay < earliest ? earliest : lastDay) : to;
  return { from: from > to ? to : from, to };
}

export const periodBounds = (p: { from: string; to: string }) => ({ fromMs: parseDay(p.from), toMs: parseDay(addDays(p.to, 1)) });
