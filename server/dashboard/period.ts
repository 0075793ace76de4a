// The period the "what changed" views cover: whole UTC days [from, to], the last 7 days unless the
// viewer picks another range. Read from the URL (from=YYYY-MM-DD&to=YYYY-MM-DD); a bad range is a
// precise message, never a silent default.
import { z } from "zod";
import { badRequest, MusterError } from "../lib/errors";
import { type FilterProblem, type InvalidFilter, readFilters, type SearchParamsLike } from "./url-filters";
import { addDays, DAY_MS, dayOf, isValidDay, parseDay } from "../lib/time";

export const DEFAULT_PERIOD_DAYS = 7;
export const MAX_PERIOD_DAYS = 3660;

const day = z.string().trim().refine(isValidDay, "A day written YYYY-MM-DD");

export const ZPeriodSchema = z.object({
  from: day.optional(),
  to: day.optional(),
  /** Optional agency (code): its subtree only. */
  agency: z.string().trim().toUpperCase().min(1).max(32).optional(),
});
export type PeriodInput = z.input<typeof ZPeriodSchema>;

export type Period = { from: string; to: string; days: number; fromMs: number; toMs: number; isDefault: boolean };

/** The period asked for, checked: from <= to, not in the future, at most MAX_PERIOD_DAYS long. */
export function resolvePeriod(input: { from?: string; to?: string }, now = Date.now()): Period {
  const today = dayOf(now);
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  const problem = (p: FilterProblem) => ({ problem: p });
  if (to > today) throw badRequest("errors.periodInFuture", undefined, problem({ kind: "periodFuture" }));
  if (from > to) throw badRequest("errors.periodReversed", undefined, problem({ kind: "periodOrder" }));
  const days = Math.round((parseDay(to) - parseDay(from)) / DAY_MS) + 1;
  if (days > MAX_PERIOD_DAYS) throw badRequest("errors.periodTooLong", { days: MAX_PERIOD_DAYS }, problem({ kind: "periodLength", max: MAX_PERIOD_DAYS }));
  return { from, to, days, fromMs: parseDay(from), toMs: parseDay(to) + DAY_MS, isDefault: !input.from && !input.to };
}

/** from/to from a page's search parameters; what does not parse (or makes no range) is reported
 *  in `invalid` and the default period is used instead. */
export function readPeriod(sp: SearchParamsLike, now = Date.now()): { input: { from?: string; to?: string }; invalid: InvalidFilter[] } {
  const { values, invalid } = readFilters(ZPeriodSchema.shape as Record<string, z.ZodType>, ["from", "to"], sp);
  const input = values as { from?: string; to?: string };
  try {
    resolvePeriod(input, now);
    return { input, invalid };
  } catch (err) {
    const problem = err instanceof MusterError ? (err.details?.problem as FilterProblem | undefined) : undefined;
    return { input: {}, invalid: [...invalid, { param: "from/to", value: `${input.from ?? ""}..${input.to ?? ""}`, message: (err as Error).message, problem }] };
  }
}
