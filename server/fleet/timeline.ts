// Turns a fleet plan into time-ordered events (enrollments, check-ins, waivers, day ends)
// that a driver replays through the real ingest code with their timestamps.
import { DAY_MS } from "../lib/time";
import { type EndpointPlan, type FleetSpec, NEVER, planFleet, reportOn, reportsOn, type SimulatedReport } from "./plan";

export type FleetEvent =
  | { type: "enroll"; at: number; plan: EndpointPlan }
  | { type: "checkin"; at: number; plan: EndpointPlan; report: SimulatedReport }
  | { type: "waiver"; at: number; plan: EndpointPlan }
  | { type: "day-end"; at: number; day: number };

/** `notAfter` keeps the last day's events in the past (a replay ending "now"). */
export function* fleetTimeline(spec: FleetSpec, catalogVersion: string, opts: { plans?: EndpointPlan[]; notAfter?: number } = {}): Generator<FleetEvent> {
  const plans = opts.plans ?? planFleet(spec);
  const notAfter = opts.notAfter ?? Number.POSITIVE_INFINITY;
  const today = spec.days - 1;
  const clamp = (at: number, key: number) => (at <= notAfter ? at : notAfter - 1000 * (1 + (key % 3600)));
  for (let d = 0; d < spec.days; d++) {
    const dayStart = spec.startMs + d * DAY_MS;
    const todays: FleetEvent[] = [];
    for (const plan of plans) {
      if (plan.enrollDay === d) todays.push({ type: "enroll", at: clamp(dayStart + plan.minuteOfDay * 60_000, plan.key) - 60_000, plan });
      if (reportsOn(plan, d, today, spec.heartbeatDays)) {
        const at = clamp(dayStart + plan.minuteOfDay * 60_000 + (plan.key % 60) * 1000, plan.key);
        todays.push({ type: "checkin", at, plan, report: reportOn(plan, d, at, catalogVersion) });
        if (plan.waiverDay === d && plan.waiverDay !== NEVER) todays.push({ type: "waiver", at: at + 1000, plan });
      }
    }
    todays.sort((a, b) => a.at - b.at);
    yield* todays;
    yield { type: "day-end", at: Math.min(dayStart + DAY_MS - 1, notAfter), day: d };
  }
}
