// The rows of the Endpoints and Findings CSV exports, as text pieces (header first, then one piece
// per page of rows): what work/exports.ts streams to the browser, generated on the work thread when
// the server runs one (pages of a million-endpoint list take tens of milliseconds each).
import "server-only";
import type { Scope } from "../access/scope";
import type { Db } from "../db/client";
import { csvWords, type CsvWords } from "../i18n/csv-words";
import { productName } from "../catalog/names";
import { csvChunks, isoOrEmpty } from "./csv";
import { type EndpointFilters, iterateEndpoints } from "./endpoints-list";
import { type FindingFilters, iterateFindings } from "./findings-list";

/**
 * Rows per piece. Each piece is one page of the list; at a million endpoints a 1,000-row page
 * took 100 to 400 ms on a busy 2-core machine, 250 rows a quarter of that.
 */
const EXPORT_CHUNK = 250;

/** Column names never change; values that are words (state, presence, statuses) come in `words`' language. */
export function endpointsCsvChunks(db: Db, scope: Scope, filters: EndpointFilters, words: CsvWords = csvWords("en")): Generator<string, void, undefined> {
  return csvChunks(
    [
      "hostname",
      "device_id",
      "agency_code",
      "agency_name",
      "state",
      "banned_products",
      "os_platform",
      "os_name",
      "os_version",
      "agent_version",
      "last_report_at",
      "enrolled_at",
      "revoked_at",
      "evidence",
    ],
    iterateEndpoints(db, scope, filters, EXPORT_CHUNK),
    (e) => [
      e.hostname,
      e.deviceId,
      e.agencyCode,
      e.agencyName,
      words.word("state", e.state),
      e.products.map((p) => `${productName(p.product)}${p.status === "excepted" ? ` (${words.text("excepted")})` : ""}`).join("; "),
      e.osPlatform,
      e.osName,
      e.osVersion,
      e.agentVersion,
      isoOrEmpty(e.lastReportAt),
      isoOrEmpty(e.enrolledAt),
      isoOrEmpty(e.revokedAt),
      e.evidence,
    ],
  );
}

export function findingsCsvChunks(db: Db, scope: Scope, filters: FindingFilters, words: CsvWords = csvWords("en")): Generator<string, void, undefined> {
  return csvChunks(
    [
      "finding_id",
      "status",
      "vendor",
      "product",
      "version",
      "presence",
      "hostname",
      "device_id",
      "agency_code",
      "endpoint_state",
      "first_detected_at",
      "last_changed_at",
      "resolved_at",
      "reinstalls",
      "waiver_status",
      "waiver_expires_at",
    ],
    iterateFindings(db, scope, filters, EXPORT_CHUNK),
    (f) => [
      f.id,
      words.word("findingStatus", f.status),
      f.vendor,
      f.productName,
      f.version,
      words.word("presence", f.presence),
      f.hostname,
      f.deviceId,
      f.agencyCode,
      words.word("state", f.endpointState),
      isoOrEmpty(f.firstDetectedAt),
      isoOrEmpty(f.lastChangedAt),
      isoOrEmpty(f.resolvedAt),
      f.reopenCount,
      words.word("waiverStatus", f.waiver?.status),
      isoOrEmpty(f.waiver?.expiresAt),
    ],
  );
}
