// A job lease (issue 15): work that one app node at a time does for the whole deployment, held in
// the database (table job_leases, work/store-leases.ts) so that any node may take it over. A node
// claims the lease before the work and renews it while the work runs; each claim is one
// conditional statement, so of nodes claiming at once exactly one holds it. The lease lasts a few
// of the work's intervals: a node that stops releases it at once, and one that was killed (or
// stalled longer than that) loses it when it lapses, to the next node that claims it.
import type { Db } from "../db/client";
import { log } from "../ops/log";
import { nodeId } from "../ops/node";
import { claimLease, releaseLease } from "./store-leases";

export type Lease = {
  readonly name: string;
  readonly holder: string;
  /** Takes or renews the lease at `now` (ms); whether this node holds it until `now + durationMs`. */
  claim(now: number): boolean;
  /** Gives it up (at shutdown), if this node still holds it. */
  release(): void;
};

export function createLease(db: Db, name: string, durationMs: number, holder = nodeId()): Lease {
  let held = false;
  return {
    name,
    holder,
    claim(now) {
      const was = held;
      held = claimLease(db, name, holder, now, now + durationMs);
      // Said when it changes hands only, not every renewal.
      if (held && !was) log.info({ lease: name, node: holder, seconds: durationMs / 1000 }, `${name}: this node holds the lease`);
      if (!held && was) log.warn({ lease: name, node: holder }, `${name}: lease lost to another node`);
      return held;
    },
    release() {
      if (!held) return;
      held = false;
      try {
        if (db.$client.open) releaseLease(db, name, holder);
      } catch (err) {
        // It lapses on its own.
        log.warn({ err, lease: name }, `${name}: could not release the lease`);
      }
    },
  };
}
