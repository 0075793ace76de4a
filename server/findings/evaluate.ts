// The one evaluation used by check-in, re-evaluation, waiver changes and maintenance: from what an
// endpoint has now (its present observations) and the policies in force, decide its findings and
// its state, writing only what changed and recording counter deltas for the same transaction.
//
// Product level: present observations are grouped by catalog product. A group is `installed` when
// any product-kind row (program, app, package, Security Center registration) is present, and
// `remnants` when only components (services, drivers, units, folders, receipts) are left.
// Components that several products share (e.g. Kaspersky's klif driver, "kaspersky-components")
// form their own group; while the same vendor has an installed product of the same kind of
// protection on the endpoint (same category, or both antivirus/EDR) they are part of that install,
// not remnants, so they open no finding of their own ("absorbed"). The Network Agent, a management
// agent, does not absorb a leftover antivirus driver.
import type { Platform } from "~/agent/shared/protocol";
import { productCategory } from "../catalog/names";
import type { Db } from "../db/client";
import type { EndpointState, FindingStatus } from "../db/schema";
import type { SoftwareInfo } from "../catalog/software";
import type { Coverage } from "../policy/coverage";
import type { CounterDeltas } from "./counters";
import { type EvalEndpointRow, presentSoftware, setEndpointState } from "./store-endpoints";
import { type FindingRow, findingsOfEndpoint, insertOpenFinding, updateFinding } from "./store-findings";
import { waiverInForce } from "./store-waivers";

export { FINDING_COLUMNS, type FindingRow } from "./store-findings";
export { WAIVER_IN_FORCE } from "./store-waivers";

export type PresentObs = { info: SoftwareInfo; enabled: boolean | null };
export type Presence = "installed" | "remnants";
export type ProductGroup = { vendor: string; product: string; category: string | null; presence: Presence; version: string };

/** Present observations grouped by catalog product (unmatched entries are left out). */
export function groupProducts(present: PresentObs[]): Map<string, ProductGroup> {
  const groups = new Map<string, ProductGroup & { fromProduct: boolean }>();
  for (const { info } of present) {
    if (!info.product || !info.vendor) continue;
    let g = groups.get(info.product);
    if (!g) groups.set(info.product, (g = { vendor: info.vendor, product: info.product, category: info.category, presence: "remnants", version: "", fromProduct: false }));
    if (info.kind === "product") {
      g.presence = "installed";
      if (info.version && (!g.fromProduct || info.version > g.version)) g.version = info.version;
      if (info.version) g.fromProduct = true;
    } else if (!g.fromProduct && info.version > g.version) {
      g.version = info.version;
    }
  }
  return groups;
}

const PROTECTION = new Set(["antivirus", "edr"]);
const kindOf = (category: string | null) => (category !== null && PROTECTION.has(category) ? "protection" : (category ?? ""));

/**
 * Windows: a Security Center antivirus registration that is enabled and whose vendor is not
 * banned. Elsewhere: any present antivirus/EDR product (or its running component) of a vendor the
 * policies in force do not cover.
 */
export function isProtected(platform: Platform, present: PresentObs[], coverage: Coverage, agencyId: number): boolean {
  for (const { info, enabled } of present) {
    if (platform === "windows") {
      if (info.wscAntivirus && enabled === true && !coverage.covers(info.vendor, info.product, info.category, agencyId)) return true;
    } else if (info.vendor && info.category && PROTECTION.has(info.category) && !coverage.covers(info.vendor, info.product, info.category, agencyId)) {
      return true;
    }
  }
  return false;
}

export type EvalEndpoint = EvalEndpointRow;
export type EvalMode = "checkin" | "reevaluate";

/** A product's category (built-in, unidentified or local: local products never change category). */
function categoryOf(product: string): string | null {
  return productCategory(product);
}

export type EvalResult = { state: EndpointState; reopened: Set<string>; groups: Map<string, ProductGroup>; writes: number };

export function evaluateEndpoint(
  db: Db,
  args: {
    ep: EvalEndpoint;
    present: PresentObs[];
    coverage: Coverage;
    mode: EvalMode;
    now: number;
    seq: number;
    deltas: CounterDeltas;
    /** The endpoint's findings when already loaded (bulk re-evaluation). */
    findings?: FindingRow[];
    /** Approved, unexpired waivers by finding id when already loaded (bulk re-evaluation). */
    waivers?: Map<number, number>;
  },
): EvalResult {
  const { ep, present, coverage, mode, now, seq, deltas } = args;
  const groups = groupProducts(present);
  const installedKinds = new Set<string>();
  for (const g of groups.values()) if (g.presence === "installed") installedKinds.add(`${g.vendor}|${kindOf(g.category)}`);

  const findings = args.findings ?? findingsOfEndpoint(db, ep.id);
  const byProduct = new Map(findings.map((f) => [f.product, f]));
  const waiverFor = (findingId: number): number | null => (args.waivers ? (args.waivers.get(findingId) ?? null) : waiverInForce(db, findingId, now));

  const finals: { status: FindingStatus; presence: string }[] = [];
  let writes = 0;
  const reopened = new Set<string>();
  const handled = new Set<number>();
  const update = (f: FindingRow, next: FindingRow) => {
    finals.push(next);
    if (
      next.status === f.status &&
      next.presence === f.presence &&
      next.version === f.version &&
      next.policyIds === f.policyIds &&
      next.waiverId === f.waiverId &&
      next.resolvedAt === f.resolvedAt &&
      next.reopenCount === f.reopenCount
    ) {
      return;
    }
    writes++;
    updateFinding(db, f.id, next, now);
    deltas.status(ep.agencyId, now, f.status, next.status);
  };

  for (const g of groups.values()) {
    const cov = coverage.covering(g.vendor, g.product, g.category, ep.agencyId);
    if (!cov) continue;
    const f = byProduct.get(g.product);
    const absorbed = g.presence === "remnants" && installedKinds.has(`${g.vendor}|${kindOf(g.category)}`);
    if (!f) {
      if (absorbed) continue;
      insertOpenFinding(db, ep.id, ep.agencyId, g.vendor, g.product, g.version, g.presence, cov.json, now);
      deltas.status(ep.agencyId, now, null, "open");
      deltas.add(ep.agencyId, now, "detections", 1);
      writes++;
      finals.push({ status: "open", presence: g.presence });
      continue;
    }
    handled.add(f.id);
    const next: FindingRow = { ...f, policyIds: cov.json };
    if (absorbed) {
      // Part of an installed product of the same vendor: the finding keeps its presence.
      if (f.status === "open" || f.status === "excepted") {
        next.waiverId = waiverFor(f.id);
        next.status = next.waiverId === null ? "open" : "excepted";
      }
      update(f, next);
      continue;
    }
    next.presence = g.presence;
    next.version = g.version || f.version;
    next.waiverId = waiverFor(f.id);
    next.status = next.waiverId === null ? "open" : "excepted";
    if (f.status === "resolved") {
      next.reopenCount = f.reopenCount + 1;
      next.reopenedAt = now;
      next.resolvedAt = null;
      next.resolvedSeq = null;
      reopened.add(g.product);
      deltas.add(ep.agencyId, now, "reinstalls", 1);
    }
    update(f, next);
  }

  for (const f of findings) {
    if (handled.has(f.id)) continue;
    const g = groups.get(f.product);
    // A resolved finding keeps the presence it was resolved with until a policy makes it count again.
    const next: FindingRow = { ...f, presence: f.status === "resolved" ? f.presence : g ? g.presence : "absent" };
    if (f.status === "open" || f.status === "excepted") {
      const covered = g ? coverage.covers(g.vendor, g.product, g.category, ep.agencyId) : coverage.covers(f.vendor, f.product, categoryOf(f.product), ep.agencyId);
      if (!covered) {
        next.status = "withdrawn"; // no policy in force covers it any more
        next.waiverId = null;
      } else if (mode === "checkin") {
        next.status = "resolved"; // verified absent: only a successful collector removes observations
        next.resolvedAt = now;
        next.resolvedSeq = seq;
        next.waiverId = null;
        deltas.add(ep.agencyId, now, "removals", 1);
      } else {
        // Outside a check-in a product only disappears because the catalog no longer identifies
        // it: that is not a verified removal.
        next.status = "withdrawn";
        next.waiverId = null;
      }
    }
    update(f, next);
  }

  let banned = false;
  let remnants = false;
  let excepted = false;
  for (const f of finals) {
    if (f.status === "open") {
      if (f.presence === "installed") banned = true;
      else remnants = true;
    } else if (f.status === "excepted") excepted = true;
  }
  let state: EndpointState = banned ? "banned" : remnants ? "remnants" : excepted ? "excepted" : isProtected(ep.osPlatform, present, coverage, ep.agencyId) ? "clean" : "unprotected";
  if (mode === "reevaluate" && (ep.state === "stale" || ep.state === "never-reported")) state = ep.state;
  if (state !== ep.state) {
    setEndpointState(db, ep.id, state, now);
    deltas.state(ep.agencyId, now, ep.state, state);
    writes++;
  }
  // Stale and last seen with an open finding (server/findings/needs-action.ts).
  const wasStaleBanned = ep.state === "stale" && findings.some((f) => f.status === "open");
  const isStaleBanned = state === "stale" && finals.some((f) => f.status === "open");
  if (wasStaleBanned !== isStaleBanned) deltas.add(ep.agencyId, now, "staleBanned", isStaleBanned ? 1 : -1);
  return { state, reopened, groups, writes };
}

/** Present observations of an endpoint, with their software rows (from the registry's cache). */
export function presentObservations(db: Db, endpointId: number, byId: (id: number) => SoftwareInfo): PresentObs[] {
  return presentSoftware(db, endpointId).map(([id, enabled]) => ({ info: byId(id), enabled: enabled === null ? null : enabled === 1 }));
}
