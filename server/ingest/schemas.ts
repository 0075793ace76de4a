// Validation of what agents send (wire protocol v1), bounded by the shared LIMITS so a hostile or
// broken agent costs at most one bounded parse. Kept cheap: the check-in schema is on the hot path
// and is compiled ahead of time (z.compile).
//
// Decisions:
// - Objects are tolerant: unknown keys are dropped, not rejected. A newer agent may add optional
//   fields; rejecting them would make agents drop their reports for good (4xx is permanent for a
//   report), which is worse than ignoring a field.
// - Enumerations are strict (source, collector name, category, platform): an unknown value is not
//   something the server could store meaningfully. A new source ships in protocol.ts, which server
//   and agent share, and servers are upgraded before agents.
// - Sizes: every string is bounded (LIMITS.stringLength, hostname LIMITS.hostnameLength), arrays by
//   LIMITS.softwareEntries / LIMITS.collectors; the body itself by LIMITS.bodyBytes (http.ts).
import { z } from "zod";
import { CONTROL_CHARACTERS, ENTRY_ROLES, LIMITS, PLATFORMS, SOURCES } from "~/agent/shared/protocol";

const str = (max: number = LIMITS.stringLength) => z.string().max(max);

/** Where a control character sits in a string, for a precise refusal. */
export function controlCharacterIssue(s: string): string | null {
  const m = CONTROL_CHARACTERS.exec(s);
  if (!m) return null;
  const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `contains the control character U+${cp} at position ${m.index}: identity fields must be printable text`;
}

/** A field that identifies the machine (shown as who it is): bounded, and no control characters.
 *  Software entries are not refused for them (a local user could otherwise name an app so that
 *  every report is refused); the dashboard, PDF and CSV show such text cleaned (display-text.ts). */
const identity = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .superRefine((v, ctx) => {
      const issue = controlCharacterIssue(v);
      if (issue) ctx.addIssue({ code: "custom", message: issue });
    });
const MAX_FUTURE_MS = 7 * 86_400_000; // endpoint clocks drift; a week ahead is "absurd"
const MIN_COLLECTED_AT = Date.UTC(2000, 0, 1);

export const ZOsInfoSchema = z.object({
  platform: z.enum(PLATFORMS),
  name: identity(LIMITS.stringLength),
  version: identity(LIMITS.stringLength),
  arch: identity(64),
});

export const ZSoftwareEntrySchema = z.object({
  source: z.enum(SOURCES),
  name: str().min(1),
  version: str().optional(),
  publisher: str().optional(),
  identifier: str().optional(),
  state: z.object({ enabled: z.boolean(), upToDate: z.boolean() }).optional(),
  unrecognized: z.boolean().optional(),
  role: z.enum(ENTRY_ROLES).optional(),
});

export const ZCollectorResultSchema = z.object({
  name: z.enum(SOURCES),
  ok: z.boolean(),
  error: str(2048).optional(),
});

const ZDeviceIdSchema = identity(64, 1);

export const ZCheckinRequestSchema = z.compile(
  z.object({
    deviceId: ZDeviceIdSchema,
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    collectedAt: z.iso.datetime({ offset: true }),
    agentVersion: identity(64),
    hostname: identity(LIMITS.hostnameLength),
    os: ZOsInfoSchema,
    catalogVersion: identity(64),
    collectors: z.array(ZCollectorResultSchema).max(LIMITS.collectors),
    software: z.array(ZSoftwareEntrySchema).max(LIMITS.softwareEntries),
    // Agents from 0.2 on. Free text rather than an enum: a target this server does not know only
    // means no update offer, never a rejected report.
    agentTarget: str(32).optional(),
    updateReports: z
      .array(z.object({ version: str(64), outcome: z.enum(["refused", "failed", "rolled-back"]), reason: str(), at: str(64) }))
      .max(LIMITS.updateReports)
      .optional(),
  }),
);
export type CheckinInput = z.output<typeof ZCheckinRequestSchema>;

export const ZEnrollRequestSchema = z.object({
  enrollToken: identity(256, 1),
  hostname: identity(LIMITS.hostnameLength, 1),
  hardwareId: identity(128, 8),
  agentVersion: identity(64),
  os: ZOsInfoSchema,
  previous: z.object({ deviceId: identity(64, 1), deviceSecret: identity(256, 1) }).optional(),
});
export type EnrollInput = z.output<typeof ZEnrollRequestSchema>;

/** collectedAt as epoch ms, or an error message when it is not a plausible time. */
export function collectedAtMs(iso: string, now: number): number | string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return "collectedAt is not a valid date";
  if (ms < MIN_COLLECTED_AT) return "collectedAt is before the year 2000";
  if (ms > now + MAX_FUTURE_MS) return "collectedAt is more than 7 days in the future (check the endpoint's clock)";
  return ms;
}

/** Zod issues as the `details` of a protocol error: the first few, with their paths. */
export function issueDetails(error: z.ZodError, max = 20) {
  return {
    issues: error.issues.slice(0, max).map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message })),
    ...(error.issues.length > max ? { more: error.issues.length - max } : {}),
  };
}
