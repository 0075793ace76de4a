// One endpoint: identity, what it has now, its timeline and findings, and how to remove the
// banned products it carries. Outside the viewer's scope it does not exist (404, not 403).
import "server-only";
import type { RemovalGuide } from "~/agent/shared/catalog";
import { inScope, type Scope } from "../access/scope";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";
import { productName, removalGuides, vendorName } from "../catalog/names";
import type { FindingRow } from "./findings-list";
import { findingsOfEndpoint } from "./store-findings";
import { endpointByDeviceId, type EndpointRecord, endpointRefByDeviceId, type EndpointRef, eventsOfEndpoint, softwareOfEndpoint } from "./store-endpoint";
import { importsOfEndpoint } from "../import/evidence";
import { agencyDeadline } from "../findings/progress";
import { type WaiverItem, waiversForEndpoint } from "./waivers";

export type SoftwareItem = {
  slot: number;
  source: string;
  name: string;
  version: string;
  publisher: string;
  identifier: string;
  vendor: string | null;
  vendorName: string | null;
  product: string | null;
  productName: string | null;
  category: string | null;
  kind: "product" | "component";
  unrecognized: boolean;
  /** "agent", or the tool whose imported inventory listed it. */
  origin: string;
  enabled: boolean | null;
  upToDate: boolean | null;
  firstSeenAt: number;
  lastSeenAt: number | null;
  removedAt: number | null;
  reinstalls: number;
};

/** One event of the endpoint's history; the page words it in the viewer's language from `kind`
 *  (an endpoint event, waiver-requested, waiver-<status>, imported, enrolled, revoked) and the facts. */
export type TimelineItem = {
  at: number;
  kind: string;
  product: string | null;
  productName: string | null;
  version: string | null;
  /** Who requested or decided a waiver (e-mail). */
  actor: string | null;
  /** The import: its tool, id and outcome (created, updated, unchanged, superseded). */
  imported: { source: string; importId: number; outcome: string } | null;
  /** "enrolled": first known from an imported inventory rather than enrolled by the agent. */
  fromImport: boolean;
};

export type EndpointDetail = {
  endpoint: EndpointRecord;
  present: SoftwareItem[];
  removed: SoftwareItem[];
  findings: (FindingRow & { productName: string; vendorName: string })[];
  waivers: WaiverItem[];
  /** The removal deadline of the endpoint's agency (a waiver lasting longer needs a reason). */
  deadline: string | null;
  timeline: TimelineItem[];
  /** Removal guides for each banned product it carries, then for the other products of the same
   *  vendors still present (the separate Network Agent under an antivirus-only policy). */
  removal: { product: string; productName: string; vendorName: string; presence: string; covered: boolean; guides: RemovalGuide[] }[];
};

/** The endpoint with this device id, if the scope may see it (a cheap check before rendering). */
export function endpointRef(db: Db, scope: Scope, deviceId: string): EndpointRef {
  const e = endpointRefByDeviceId(db, deviceId);
  if (!e || !inScope(scope, e.agencyId)) throw notFound("errors.endpointNotFound");
  return e;
}

export function getEndpointDetail(db: Db, scope: Scope, deviceId: string): EndpointDetail {
  const e = endpointByDeviceId(db, deviceId);
  if (!e || !inScope(scope, e.agencyId)) throw notFound("errors.endpointNotFound");

  const software = softwareOfEndpoint(db, e.id).map(
    (r): SoftwareItem => ({
      ...r,
      unrecognized: r.unrecognized === 1,
      enabled: r.enabled === null ? null : r.enabled === 1,
      upToDate: r.upToDate === null ? null : r.upToDate === 1,
      vendorName: r.vendor ? vendorName(r.vendor) : null,
      productName: r.product ? productName(r.product) : null,
    }),
  );

  const findings = findingsOfEndpoint(db, e.id).map((f) => ({ ...f, productName: productName(f.product), vendorName: vendorName(f.vendor) }));

  const waivers = waiversForEndpoint(
    db,
    e.id,
    findings.map((f) => f.id),
  );

  const events = eventsOfEndpoint(db, e.id);
  const item = (at: number, kind: string, more: Partial<TimelineItem> = {}): TimelineItem => ({
    at,
    kind,
    product: null,
    productName: null,
    version: null,
    actor: null,
    imported: null,
    fromImport: false,
    ...more,
  });
  const timeline: TimelineItem[] = events.map((ev) =>
    ev.kind === "re-enrolled" ? item(ev.at, ev.kind, { version: ev.version }) : item(ev.at, ev.kind, { product: ev.product, productName: productName(ev.product), version: ev.version }),
  );
  for (const w of waivers) {
    timeline.push(item(w.requestedAt, "waiver-requested", { product: w.product, productName: w.productName, actor: w.requestedByEmail }));
    if (w.decidedAt) timeline.push(item(w.decidedAt, `waiver-${w.status}`, { product: w.product, productName: w.productName, actor: w.decidedByEmail }));
  }
  for (const i of importsOfEndpoint(db, e.id)) timeline.push(item(i.at, "imported", { imported: { source: i.source, importId: i.importId, outcome: i.outcome } }));
  timeline.push(item(e.enrolledAt, "enrolled", { fromImport: e.evidence !== "agent" && e.agentVersion === "" }));
  if (e.revokedAt) timeline.push(item(e.revokedAt, "revoked"));
  timeline.sort((a, b) => b.at - a.at);

  const active = findings.filter((f) => f.status === "open" || f.status === "excepted");
  const removal: EndpointDetail["removal"] = active.map((f) => ({
    product: f.product,
    productName: f.productName,
    vendorName: f.vendorName,
    presence: f.presence,
    covered: true,
    guides: removalGuides(f.product).filter((g) => g.platform === e.osPlatform),
  }));
  const vendors = new Set(active.map((f) => f.vendor));
  const listed = new Set(active.map((f) => f.product));
  for (const s of software) {
    if (s.removedAt !== null || !s.product || !s.vendor || !vendors.has(s.vendor) || listed.has(s.product)) continue;
    // Other products of the vendor only (its components are covered by the product guides).
    if (s.kind !== "product") continue;
    const guides = removalGuides(s.product).filter((g) => g.platform === e.osPlatform);
    listed.add(s.product);
    removal.push({ product: s.product, productName: productName(s.product), vendorName: vendorName(s.vendor), presence: "installed", covered: false, guides });
  }

  return {
    endpoint: e,
    present: software.filter((s) => s.removedAt === null),
    removed: software.filter((s) => s.removedAt !== null),
    findings,
    waivers,
    deadline: agencyDeadline(db, e.agencyId),
    timeline,
    removal,
  };
}
