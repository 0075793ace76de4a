// The check-ins of one group commit, inside its transaction (engine.ts). One bad report must not
// roll back the others, so each could run in a savepoint of its own; but that is two statements
// per report, and on PostgreSQL two round trips while the deployment's write lock is held. So the
// batch first runs in ONE savepoint: the usual case, where every report goes through, costs two
// statements per batch. Should a report fail, that savepoint is rolled back (the transaction and
// the lock stay), and the batch runs again with a savepoint per report, exactly as before. On
// PostgreSQL the endpoints of the batch are read in one statement too.
//
// The second pass must see what the first did not change: the rows (rolled back), the software
// cache (cleared: it may hold rows the rollback removed), the counter deltas (the first pass's are
// dropped) and the rate limits: a device charged a token in the first pass is not charged again
// (RecordedTakes replays the first pass's decisions in order). Metrics that count what reports
// say (agent self-updates) travel with the deltas and are raised after the commit (engine.ts).
import { CounterDeltas } from "../findings/counters";
import { isStorageError } from "../db/sql";
import { type Db, isPostgres } from "../db/client";
import { type CheckinDeps, type CheckinItem, processCheckin } from "./checkin";
import { type CheckinEndpoint, endpointsForCheckin } from "./store-checkin";
import type { TokenBuckets } from "./rate-limit";
import { type AgentReply, unavailable } from "./replies";

/** A report failed in the first pass: the batch runs again, a savepoint per report. */
class ReportFailed extends Error {}

export function runCheckins(
  deps: Omit<CheckinDeps, "buckets"> & { buckets: TokenBuckets | null },
  items: readonly CheckinItem[],
  deltas: CounterDeltas,
  onReportError: (item: CheckinItem, err: unknown) => void,
): AgentReply[] {
  const savepoint = deps.db.$client.transaction((fn: () => unknown) => fn());
  const takes = deps.buckets && new RecordedTakes(deps.buckets);
  const d = { ...deps, buckets: takes, endpoints: endpointsOfSingleReports(deps.db, items) };
  try {
    return savepoint(() => {
      const batchDeltas = new CounterDeltas();
      const replies = items.map((item) => {
        try {
          return processCheckin(d, item, batchDeltas);
        } catch (err) {
          if (isStorageError(err)) throw err;
          throw new ReportFailed();
        }
      });
      deltas.merge(batchDeltas);
      return replies;
    }) as AgentReply[];
  } catch (err) {
    if (!(err instanceof ReportFailed)) throw err;
  }
  deps.registry.clear();
  takes?.replay();
  return items.map((item) => {
    const itemDeltas = new CounterDeltas();
    try {
      const reply = savepoint(() => processCheckin(d, item, itemDeltas)) as AgentReply;
      deltas.merge(itemDeltas);
      return reply;
    } catch (err) {
      if (isStorageError(err)) throw err;
      deps.registry.clear(); // the savepoint may have dropped software rows the cache holds
      onReportError(item, err);
      return unavailable("The server could not process this report; retry later", 60);
    }
  });
}

/**
 * PostgreSQL: the endpoints of the devices that send one report in this batch, in one statement
 * instead of one round trip per report (on SQLite a look-up is a function call). A device with several reports in the batch is read before each, as the one
 * before changed its row. Rows of both passes: the first pass's changes are rolled back.
 */
function endpointsOfSingleReports(db: Db, items: readonly CheckinItem[]): Map<string, CheckinEndpoint> {
  const count = new Map<string, number>();
  for (const { report } of items) count.set(report.deviceId, (count.get(report.deviceId) ?? 0) + 1);
  const single = [...count].filter(([, n]) => n === 1).map(([id]) => id);
  return single.length > 1 && isPostgres(db) ? endpointsForCheckin(db, single) : new Map();
}

/**
 * The rate limit's decisions of a first pass, given again in the same order in the second (the
 * same reports are processed in the same order up to the one that failed); past them, or should
 * the order differ, the buckets decide afresh.
 */
class RecordedTakes {
  private readonly decisions: { key: string; wait: number }[] = [];
  /** Replaying from here; -1 while the first pass records. */
  private at = -1;

  constructor(private readonly buckets: TokenBuckets) {}

  take(key: string, now: number): number {
    if (this.at >= 0 && this.at < this.decisions.length) {
      const d = this.decisions[this.at++]!;
      if (d.key === key) return d.wait;
      this.at = this.decisions.length;
    }
    const wait = this.buckets.take(key, now);
    if (this.at < 0) this.decisions.push({ key, wait });
    return wait;
  }

  replay(): void {
    this.at = 0;
  }
}
