// Waivers as the dashboard lists them: the pending ones awaiting a decision, and those of an
// agency subtree. Decisions themselves go through the findings service (server/findings).
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { effectiveWaiverStatus } from "../findings/waivers";
import { productName } from "../catalog/names";
import { countPendingWaiversOf, type DashboardWaiverRow, productsOfRequests, waiversOfAgencies, waiversOfEndpointFindings } from "./store-waivers";

export type WaiverItem = DashboardWaiverRow & {
  productName: string;
  /** "expired" once an approved or pending waiver's expiry has passed. */
  effectiveStatus: DashboardWaiverRow["status"] | "expired";
  /** Every product of the request this waiver belongs to (one, unless a machine's products were asked for together). */
  requestProducts: string[];
};

function withNames(db: Db, rows: DashboardWaiverRow[], now = Date.now()): WaiverItem[] {
  const requests = [...new Set(rows.map((r) => r.requestId).filter((id): id is number => id !== null))];
  const products = new Map<number, string[]>();
  if (requests.length) {
    for (const r of productsOfRequests(db, requests)) {
      const list = products.get(r.requestId) ?? [];
      list.push(productName(r.product));
      products.set(r.requestId, list);
    }
  }
  return rows.map((r) => ({
    ...r,
    productName: productName(r.product),
    effectiveStatus: effectiveWaiverStatus(r, now),
    requestProducts: (r.requestId !== null ? products.get(r.requestId) : undefined) ?? [productName(r.product)],
  }));
}

/** Waivers with a given status in the scope (or in `ids`), oldest request first, at most `limit`. */
export function listWaivers(db: Db, scope: Scope, opts: { status?: WaiverItem["status"]; ids?: number[] | null; limit?: number } = {}): { items: WaiverItem[]; more: boolean } {
  const ids = opts.ids !== undefined ? opts.ids : scope.kind === "all" ? null : scope.ids;
  const limit = opts.limit ?? 100;
  const rows = waiversOfAgencies(db, ids, opts.status, Date.now(), limit + 1);
  return { items: withNames(db, rows.slice(0, limit)), more: rows.length > limit };
}

export function countPendingWaivers(db: Db, scope: Scope): number {
  const ids = scope.kind === "all" ? null : scope.ids;
  return countPendingWaiversOf(db, ids, Date.now());
}

export function waiversForEndpoint(db: Db, endpointId: number, findingIds: number[]): WaiverItem[] {
  if (findingIds.length === 0) return [];
  const rows = waiversOfEndpointFindings(db, endpointId, findingIds);
  return withNames(db, rows);
}
