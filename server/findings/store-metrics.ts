// The few single-row reads the fleet gauges add to the live counters: the last check-in, whether
// a re-evaluation is pending, how many reports are published. Each is one index lookup or count.
import { type Db, isPostgres } from "../db/client";
import { prep } from "../db/sql";

/** The time of the last check-in received (checkins_received_idx: one index lookup). */
export function lastCheckinAt(db: Db): number | null {
  return (prep(db, "select max(received_at) as t from checkins").get() as { t: number | null }).t;
}

export function reevaluationPending(db: Db): boolean {
  return prep(db, "select 1 from settings where key = 'reevaluation_pending'").get() !== undefined;
}

export function publishedReports(db: Db): number {
  return (prep(db, "select count(*) as n from reports").get() as { n: number }).n;
}

/** PostgreSQL: the database's size on its server (pg_database_size); null on SQLite (its files are stat'ed). */
export function serverDatabaseBytes(db: Db): number | null {
  if (!isPostgres(db)) return null;
  return (prep(db, "select pg_database_size(current_database()) as n").get() as { n: number }).n;
}
