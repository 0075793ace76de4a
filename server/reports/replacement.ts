// Replacement protection: removing a banned antivirus is only half the job; the endpoint must be
// protected by something trustworthy afterwards. An endpoint is "left unprotected after removal"
// when a banned install was verified removed from it and it is now unprotected (no enabled
// antivirus or EDR of a vendor not banned). Read along the state index: the unprotected endpoints
// are few, and each is checked for a verified removal on its own findings. Current records (not
// as of a past day).
import "server-only";
import type { Db } from "../db/client";
import { prep } from "../db/sql";
import { inIds } from "../db/read-sql";
import type { ResolvedScope } from "./scope";

export function unprotectedAfterRemoval(db: Db, scope: ResolvedScope): Map<number, number> {
  const rows = prep(
    db,
    `select e.agency_id as agencyId, count(*) as n from endpoints e indexed by endpoints_state_last_report_idx
     where e.state = 'unprotected' and ${inIds("e.agency_id", scope.ids)}
       and exists (select 1 from findings f where f.endpoint_id = e.id and f.status = 'resolved')
     group by e.agency_id`,
  ).all() as { agencyId: number; n: number }[];
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}
