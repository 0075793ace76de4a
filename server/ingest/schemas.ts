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
import { LIMITS, PLATFORMS, SOURCES } from "~/agent/src/protocol";

const str = (max: number = LIMITS.stringLength) => z.string().max(max);
const MAX_FUTURE_MS = 7 * 86_400_000; // endpoint clocks drift; a week ahead is "absurd"
const MIN_COLLECTED_AT = Date.UTC(2000, 0, 1);

export const ZOsInfoSchema = z.object({
  platform: z.enum(PLATFORMS),
  name: str(),
  version: str(),
  arch: str(64),
});

export const ZSoftwareEntrySchema = z.object({
  source: z.enum(SOURCES),
  name: str().min(1),
  version: str().optional(),
  publisher: str().optional(),
  identifier: str().optional(),
  state: z.object({ enabled: z.boolean(), upToDate: z.boolean() }).optional(),
  unrecognized: z.boolean().optional(),
});

export const ZCollectorResultSchema = z.object({
  name: z.enum(SOURCES),
  ok: z.boolean(),
  error: str(2048).optional(),
});

const ZDeviceIdSchema = z.string().min(1).max(64);

export const ZCheckinRequestSchema = z.compile(
  z.object({
    deviceId: ZDeviceIdSchema,
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    collectedAt: z.iso.datetime({ offset: true }),
    agentVersion: str(64),
    hostname: str(LIMITS.hostnameLength),
    os: ZOsInfoSchema,
    catalogVersion: str(64),
    collectors: z.array(ZCollectorResultSchema).max(LIMITS.collectors),
    software: z.array(ZSoftwareEntrySchema).max(LIMITS.softwareEntries),
  }),
);
export type CheckinInput = z.output<typeof ZCheckinRequestSchema>;

export const ZEnrollRequestSchema = z.object({
  enrollToken: z.string().min(1).max(256),
  hostname: str(LIMITS.hostnameLength).min(1),
  hardwareId: z.string().min(8).max(128),
  agentVersion: str(64),
  os: ZOsInfoSchema,
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
