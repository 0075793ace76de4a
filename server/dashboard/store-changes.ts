// The statements behind the changes of a period (changes.ts): one query per kind of change, on its
// time column, so that a tile's count and the list behind it select exactly the same rows.
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";

export const CHANGE_KINDS = ["detected", "removed", "reinstalled", "stale", "granted", "expired"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One row of a change list as read (the page adds the product's name). */
export type ChangeRow = {
  id: number;
  at: number;
  hostname: string;
  deviceId: string;
  agencyCode: string;
  product: string | null;
  version: string | null;
  presence: string | null;
  status: string | null;
  state: string;
  decidedBy?: string | null;
  expiresAt?: number | null;
  lastReportAt?: number | null;
};

/** A period as the statements bound it: [lo, hi) in ms, and the time an expiry is compared with. */
export type ChangeWindow = { lo: number; hi: number; now: number };

/** `count` is the FROM clause of the count: the table the kind is about, without the joins the list
 *  shows (each joins on a required foreign key, so the rows are the same), read from its index alone. */
type Q = { from: string; count: string; where: string; at: string; columns: string; order: string };

/** One query per kind: what it lists, on which time column; every count and list uses these. */
function kindQuery(kind: ChangeKind, ids: readonly number[] | null): Q {
  const finding = (at: string, extra: string, index: string): Q => ({
    from: `findings f indexed by ${index} join endpoints e on e.id = f.endpoint_id join agencies a on a.id = f.agency_id`,
    count: `findings f indexed by ${index}`,
    where: `${inIds("f.agency_id", ids)} and ${extra}`,
    at: `f.${at}`,
    columns: `f.id, f.${at} as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, f.product, f.version, f.presence, f.status, e.state`,
    order: `f.${at} desc, f.id desc`,
  });
  switch (kind) {
    case "detected":
      return finding("first_detected_at", "true", "findings_first_detected_idx");
    case "removed":
      return finding("resolved_at", "f.status = 'resolved'", "findings_resolved_at_idx");
    case "reinstalled":
      return finding("reopened_at", "true", "findings_reopened_at_idx");
    case "stale":
      return {
        from: "endpoints e indexed by endpoints_stale_changed_idx join agencies a on a.id = e.agency_id",
        count: "endpoints e indexed by endpoints_stale_changed_idx",
        where: `e.state = 'stale' and ${inIds("e.agency_id", ids)}`,
        at: "e.state_changed_at",
        columns:
          "e.id, e.state_changed_at as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, null as product, null as version, null as presence, null as status, e.state, e.last_report_at as lastReportAt",
        order: "e.state_changed_at desc, e.id desc",
      };
    case "granted":
    case "expired":
      return {
        from: "waivers w join findings f on f.id = w.finding_id join endpoints e on e.id = w.endpoint_id join agencies a on a.id = w.agency_id left join users du on du.id = w.decided_by",
        count: "waivers w",
        where: `w.status = 'approved' and ${inIds("w.agency_id", ids)}${kind === "expired" ? " and w.expires_at <= @now" : ""}`,
        at: kind === "granted" ? "w.decided_at" : "w.expires_at",
        columns: `w.id, ${kind === "granted" ? "w.decided_at" : "w.expires_at"} as at, e.hostname, e.device_id as deviceId, a.code as agencyCode, f.product, f.version, f.presence, f.status, e.state,
          coalesce(du.name, du.email) as decidedBy, w.expires_at as expiresAt`,
        order: `${kind === "granted" ? "w.decided_at" : "w.expires_at"} desc, w.id desc`,
      };
  }
}

/** How many rows of one kind fall in the window. */
export function countChanges(db: Db, kind: ChangeKind, ids: readonly number[] | null, w: ChangeWindow): number {
  const q = kindQuery(kind, ids);
  return (prep(db, `select count(*) as n from ${q.count} where ${q.where} and ${q.at} >= @lo and ${q.at} < @hi`).get({ lo: w.lo, hi: w.hi, now: w.now }) as { n: number }).n;
}

/** Up to `limit` rows of one kind in the window, newest first, after the keyset cursor (at, id) if given. */
export function changeRows(db: Db, kind: ChangeKind, ids: readonly number[] | null, w: ChangeWindow, after: { at: number; id: number } | null, limit: number): ChangeRow[] {
  const q = kindQuery(kind, ids);
  const params: Record<string, unknown> = { lo: w.lo, hi: w.hi, now: w.now };
  let cursor = "";
  if (after) {
    cursor = ` and (${q.at}, ${q.order.includes("w.id") ? "w.id" : q.order.includes("f.id") ? "f.id" : "e.id"}) < (@cat, @cid)`;
    Object.assign(params, { cat: after.at, cid: after.id });
  }
  return prep(db, `select ${q.columns} from ${q.from} where ${q.where} and ${q.at} >= @lo and ${q.at} < @hi${cursor} order by ${q.order} limit ${limit}`).all(params) as ChangeRow[];
}
