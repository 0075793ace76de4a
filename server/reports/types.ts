// The shape of a report's data: everything the document, the PDF and the CSV files show, frozen as
// canonical JSON when the report is published. Integers and strings only (no floats): percentages
// are fixed-decimal strings, days are YYYY-MM-DD, times ISO strings (epoch seconds in the packed
// per-endpoint rows). No prose is stored (format 2): the summary, the method notes and the status
// rules are written from these figures when the report is shown or printed, in the language asked
// for. Reports of format 1 also hold the English prose they were published with, which their
// English rendering keeps showing.
import type { ProgressStatus } from "../findings/projection";
import type { PolicyTexts } from "../policy/texts";

export const REPORT_FORMAT = "muster-report/2";
/** Published before reports were bilingual: English prose stored in the data. */
export const REPORT_FORMAT_V1 = "muster-report/1";

export type ReportScope = { kind: "deployment"; name: string } | { kind: "agency"; agencyId: number; code: string; name: string };

/** Endpoint states and finding counts as of the reporting date (end of day, or generation time). */
export type Figures = {
  endpoints: number;
  /** Reported within the stale window: neither stale nor never-reported. */
  reporting: number;
  banned: number;
  remnants: number;
  excepted: number;
  unprotected: number;
  clean: number;
  stale: number;
  neverReported: number;
  /** Stale and last seen with banned software (part of "needs action", server/findings/needs-action.ts). */
  staleBanned: number;
  /** Banned installs (and remnants) still present: one per product per endpoint. */
  openFindings: number;
  exceptedFindings: number;
  /** Banned installs verified removed. */
  resolvedFindings: number;
};

/** The dashboard's statuses, plus "no-endpoints" for an agency with nothing enrolled (never "done"). */
export type ReportStatus = ProgressStatus | "no-endpoints";

export type Progress = {
  /** resolved / (resolved + open), floored to one decimal ("87.5"); null when nothing was ever found. */
  percentComplete: string | null;
  deadline: string | null;
  deadlineSource: "agency" | "parent" | "policy" | null;
  removalsWindow: number;
  reinstallsWindow: number;
  projectedDay: string | null;
  daysLeft: number | null;
  status: ReportStatus;
  /** Honest roll-up (server/findings/projection.ts): the code of the sub-agency whose status, or
   *  whose later projection, the row takes (null: its own), and whether some part has stalled. */
  statusFrom?: string | null;
  projectedFrom?: string | null;
  stalled?: boolean;
};

export type ReportAgencyRow = Figures &
  Progress & {
    agencyId: number;
    code: string;
    name: string;
    /** Depth below the report's top level (0 = top). */
    level: number;
    parentCode: string | null;
    /** Open findings per product, aligned with ReportData.products. */
    byProduct: number[];
    /** Endpoints whose banned software was removed and that are now unprotected. */
    unprotectedAfterRemoval: number;
    /** Open findings in the previous published report of the same scope (null: no previous, or the agency was not in it). */
    openFindingsPrevious: number | null;
  };

export type ReportProduct = {
  slug: string;
  name: string;
  vendor: string;
  vendorName: string;
  /** Open findings with the product installed / only its remnants left. */
  installed: number;
  remnants: number;
  excepted: number;
};

export type PreviousReport = {
  reportId: number;
  asOf: string;
  sha256: string;
  publishedAt: string;
  totals: Figures;
};

export type BurndownPoint = { day: string; openFindings: number; carrying: number; excepted: number };

/** Replacement protection, from the endpoints' current records. */
export type Replacement = {
  /** Endpoints whose banned software was verified removed and that are now unprotected. */
  unprotectedAfterRemoval: number;
  /** For context, all endpoints of the scope now protected (clean) and unprotected, as of the figures. */
  clean: number;
  unprotected: number;
};

export type Exception = {
  waiverId: number;
  agencyCode: string;
  hostname: string;
  deviceId: string;
  product: string;
  justification: string;
  /** What keeps the risk down meanwhile (absent in reports published before it was asked for). */
  compensatingControls?: string;
  requestedBy: string;
  approvedBy: string;
  approvedOn: string;
  expires: string;
};

/** Exceptions of the same justification, requester and approver (the annex beyond EXCEPTIONS_SHOWN). */
export type ExceptionGroup = { justification: string; approvedBy: string; requestedBy: string; installs: number; agencies: number; first: string; last: string };

/** What the annex shows of the exceptions (exceptions-shown.ts): their total and, when there are many, the largest groups. */
export type ExceptionsShown = {
  count: number;
  /** Empty when the exceptions are few enough to list one by one. */
  groups: ExceptionGroup[];
  /** Groups in all (those beyond `groups` are counted in an "N more" line). */
  groupCount: number;
};

export type PolicyInForce = {
  /** Format 1: the cited name with its version and agencies in English; format 2: the policy's own name. */
  name: string;
  /** Format 2: a local policy's version (cited when above 1) and the agency subtree it applies to. */
  version?: number;
  agencyCode?: string | null;
  /** Format 2: name and legal reference in other languages, as the policy had them when published. */
  texts?: PolicyTexts;
  jurisdiction: string;
  legalReference: string;
  legalUrl: string | null;
  effectiveDate: string;
  status: "banned" | "advisory";
  vendors: string[];
  categories: string[] | null;
  deadline: string | null;
};

export type Method = {
  catalogVersion: string;
  policies: PolicyInForce[];
  staleDays: number;
  projectionWindowDays: number;
  /** Format 1 only: the English prose it was published with. */
  collectors?: { platform: string; sources: string[] }[];
  notes?: string[];
  statusRules?: { status: ReportStatus; label: string; rule: string }[];
};

/**
 * The banned installs behind the figures (for the endpoints CSV), one flat array per endpoint so
 * a million-endpoint fleet stays compact: agency code, hostname, device id, operating system, last
 * report (epoch seconds or null), endpoint state (null for a past reporting date), then five cells
 * per finding: index into ReportData.products, version, FINDING_CODES index (presence and
 * status), first detected (epoch seconds), waiver id (or null). Rows come by agency (tree order),
 * endpoint state (LISTED_STATES order, then any other) and hostname.
 */
export const FINDINGS_LAYOUT = "per-endpoint/1";
export const FINDING_CODES = [
  ["installed", "open"],
  ["remnants", "open"],
  ["installed", "excepted"],
  ["remnants", "excepted"],
] as const;
export type EndpointFindingsRow = (string | number | null)[];
/** States an endpoint with open or excepted findings can be in, in the order they are listed. */
export const LISTED_STATES = ["banned", "remnants", "excepted", "stale"] as const;
export const ROW_HEAD = 6;
export type FindingsTable = {
  layout: typeof FINDINGS_LAYOUT;
  /** Total findings listed (rows hold several per endpoint). */
  count: number;
  /** Endpoints listed. */
  endpoints: number;
  /** "gzip+base64": `rows` is the base64 of the gzip of the rows' JSON text (evidence.ts). */
  encoding: string;
  /** The packed rows; "" when left out (a draft, or data read for the document only). */
  rows: string;
};

/** Endpoints of the scope by evidence (the agent, or a management tool's imported inventory) and state, from the current records. */
export type ReportEvidenceRow = {
  evidence: string;
  /** Format 1 only (English); format 2 names the evidence when shown. */
  label?: string;
  endpoints: number;
  banned: number;
  remnants: number;
  excepted: number;
  unprotected: number;
  clean: number;
  stale: number;
  neverReported: number;
};

export type ReportData = {
  format: typeof REPORT_FORMAT | typeof REPORT_FORMAT_V1;
  /** Format 1 only (English). */
  title?: string;
  scope: ReportScope;
  asOf: string;
  /** The moment the figures describe: end of the reporting day, or the generation time if earlier. */
  figuresAt: string;
  /** True when figuresAt is the generation time (reporting date = today). */
  live: boolean;
  generatedAt: string;
  published: { at: string; by: { name: string; email: string } } | null;
  previous: PreviousReport | null;
  /** Format 1 only: the English summary it was published with. */
  summary?: string;
  totals: Figures & Progress & { unprotectedAfterRemoval: number };
  agencies: ReportAgencyRow[];
  products: ReportProduct[];
  burndown: { from: string; to: string; policyEffective: string | null; deadline: string | null; projectedDay: string | null; points: BurndownPoint[] };
  replacement: Replacement;
  exceptions: Exception[];
  /** A draft preview only (preview.ts), never in published data: the annex worked out from the whole
   *  list, which `exceptions` then holds only when it is short enough to be listed. */
  exceptionsShown?: ExceptionsShown;
  method: Method;
  findings: FindingsTable;
  /** Absent from reports published before imports existed. */
  evidence?: ReportEvidenceRow[];
  /** Where anyone can check a report file or fingerprint against this Muster (null: not configured). */
  verifyUrl?: string | null;
};
