// Seeds the demo into the SQLite file at DATABASE_PATH and exits: the first half of the demo on
// PostgreSQL (demo/postgres.ts), run in a process of its own.
import { closeDb } from "../db/client";
import { seedDemo } from "./seed";

seedDemo()
  .then(() => {
    closeDb();
    process.exit(0);
  })
  .catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
