// Job leases (table job_leases): work one app node at a time does for the whole deployment
// (work/lease.ts). Each statement is one statement on either dialect: the same text runs on
// PostgreSQL (`insert … on conflict … do update … where` and a row count there too).
import type { Db } from "../db/client";
import { prep } from "../db/sql";

export type LeaseRow = { name: string; holder: string; expiresAt: number };

/** Parameters: name, holder, expires at, now (tests/integration/db/pg-statements.test.ts runs it on PostgreSQL). */
export const CLAIM_LEASE =
  "insert into job_leases (name, holder, expires_at) values (?, ?, ?) on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at where job_leases.expires_at <= ? or job_leases.holder = excluded.holder";

/**
 * Takes or renews the lease `name` for `holder` until `expiresAt`, in one conditional statement:
 * inserted when there is none; otherwise updated only when it lapsed (`expires_at <= now`) or is
 * already this holder's. True when `holder` holds it now (a row was written).
 */
export function claimLease(db: Db, name: string, holder: string, now: number, expiresAt: number): boolean {
  return prep(db, CLAIM_LEASE).run(name, holder, expiresAt, now).changes === 1;
}

/** Gives the lease up, if `holder` still holds it; true when it did. */
export function releaseLease(db: Db, name: string, holder: string): boolean {
  return prep(db, "delete from job_leases where name = ? and holder = ?").run(name, holder).changes === 1;
}

export function leaseRow(db: Db, name: string): LeaseRow | undefined {
  return prep(db, "select name, holder, expires_at as expiresAt from job_leases where name = ?").get(name) as LeaseRow | undefined;
}
