// Another app node (issue 15; on SQLite several processes on one file): a process of its own with
// its own connection to the database at argv[3], which waits until the time argv[4] (ms since the
// epoch, so several such processes start together) and then does what argv[2] says:
// - "tick": one turn of the maintenance loop (work/maintenance-schedule.ts), tried again as the
//   server's loop does while the write lock is taken ("locked"); prints {outcome, node, locked};
// - "serve": the maintenance loop every 100 ms with a lease of argv[5] ms; prints {outcome, node}
//   once it has run a pass, and on SIGTERM stops as the server does (releasing the lease), then exits;
// - "salt": the hardware-id salt (ingest/hardware-id.ts); prints {salt};
// - "first-admin": the first administrator's creation alone (users/service.ts createFirstAdmin, without
//   the start-up lock bootstrap holds on PostgreSQL), for the account argv[5]; prints {created};
// - "bootstrap": a server start's bootstrap on the database at DATABASE_PATH (argv[3] is that
//   path), password generated (never from the environment); prints {created, lines}.
import { SYSTEM_ACTOR } from "~/server/audit/log";
import { bootstrap } from "~/server/bootstrap";
import { getDb } from "~/server/db/client";
import { hardwareSalt } from "~/server/ingest/hardware-id";
import { createFirstAdmin } from "~/server/users/service";
import { createMaintenance } from "~/server/work/maintenance-schedule";

const [mode, file, startAt, leaseMs] = process.argv.slice(2);
const email = process.argv[6];

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

function done(value: unknown): void {
  // The ingest engine's timers would keep the process alive.
  process.stdout.write(`${JSON.stringify(value)}\n`, () => process.exit(0));
}

async function main(): Promise<void> {
  if (mode === "bootstrap") {
    delete process.env.MUSTER_ADMIN_PASSWORD;
    const lines: string[] = [];
    const { firstAdmin } = await bootstrap({ log: (line) => lines.push(line.trim()), terminal: false });
    return done({ created: firstAdmin?.email ?? null, lines });
  }
  const db = getDb(file!);
  if (mode === "first-admin") {
    const created = await createFirstAdmin(db, SYSTEM_ACTOR, { email: email!, password: "first-admin-password-for-tests" });
    return done({ created: created?.user.email ?? null });
  }
  if (mode === "salt") return done({ salt: hardwareSalt(db) });
  if (mode === "tick") {
    const m = createMaintenance(db);
    let locked = 0;
    for (;;) {
      const outcome = await m.tick();
      if (outcome !== "locked") return done({ outcome, node: m.lease.holder, locked });
      locked++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (mode === "serve") {
    const m = createMaintenance(db, { intervalMs: 100, leaseMs: Number(leaseMs) });
    let said = false;
    const timer = setInterval(() => {
      void m.tick().then((outcome) => {
        if (outcome === "ran" && !said) {
          said = true;
          print({ outcome, node: m.lease.holder });
        }
      });
    }, 100);
    process.on("SIGTERM", () => {
      clearInterval(timer);
      void m.stop().then(() => process.exit(0));
    });
    return;
  }
  throw new Error(`unknown mode ${mode}`);
}

// The project's scripts load as CommonJS (no top-level await): a timer, then the work.
setTimeout(
  () =>
    main().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    }),
  Math.max(0, Number(startAt) - Date.now()),
);
