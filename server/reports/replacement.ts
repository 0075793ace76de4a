// Replacement protection: removing a banned antivirus is only half the job; the endpoint must be
// protected by something trustworthy afterwards. An endpoint is "left unprotected after removal"
// when a banned install was verified removed from it and it is now unprotected (no enabled
// antivirus or EDR of a vendor not banned). Read along the state index: the unprotected endpoints
// are few, and each is checked for a verified removal on its own findings. Current records (not
// as of a past day).
import "server-only";
import type { Db } from "../db/client";
import type { ResolvedScope } from "./scope";
import { unprotectedEndpointsAfterRemoval } from "./store-figures";

export function unprotectedAfterRemoval(db: Db, scope: ResolvedScope): Map<number, number> {
  const rows = unprotectedEndpointsAfterRemoval(db, scope.ids);
  return new Map(rows.map((r) => [r.agencyId, r.n]));
}
