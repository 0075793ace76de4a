// One device may add at most MUSTER_NEW_SOFTWARE_PER_DAY new distinct software entries outside the
// catalog per day (UTC): a hostile endpoint sending unique names every minute cannot grow the
// software table without bound. Entries past the budget are left out of the observations (the
// report is still accepted; catalog matches always count) and the first day it happens is audited.
import { recordAudit } from "../audit/log";
import { config } from "../config";
import type { Db } from "../db/client";
import { saveNewSoftwareCount } from "./store-checkin";

const DAY_MS = 86_400_000;

export type NewSoftwareBudget = { take(): boolean; save(): void; readonly refused: number };

export function newSoftwareBudget(
  db: Db,
  ep: { id: number; agencyId: number; newSoftwareDay: number | null; newSoftwareCount: number },
  now: number,
  limit = config.newSoftwarePerDevicePerDay,
): NewSoftwareBudget {
  const day = Math.floor(now / DAY_MS);
  const start = ep.newSoftwareDay === day ? ep.newSoftwareCount : 0;
  let used = start;
  let refused = 0;
  return {
    take() {
      if (used < limit) {
        used++;
        return true;
      }
      refused++;
      return false;
    },
    save() {
      if (used === start && ep.newSoftwareDay === day) return;
      if (used === start && !refused) return;
      saveNewSoftwareCount(db, day, used, ep.id);
      // Audited once per device and day: when the budget first ran out.
      if (refused && start < limit) {
        recordAudit(
          db,
          { userId: null, label: "system" },
          {
            action: "endpoint.software_capped",
            objectType: "endpoint",
            objectId: ep.id,
            agencyId: ep.agencyId,
            details: { day: new Date(day * DAY_MS).toISOString().slice(0, 10), limit, leftOut: refused },
          },
          now,
        );
      }
    },
    get refused() {
      return refused;
    },
  };
}
