// Seeds (or finds cached) the national database the scale, report and re-evaluation benchmarks
// share; prints its path. See lib/national.ts.
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/seed.ts [--endpoints 1000000]
import { parseArgs } from "node:util";
import { ensureNationalDb } from "./lib/national";

const { values } = parseArgs({ options: { endpoints: { type: "string" } } });
ensureNationalDb(Number(values.endpoints ?? 1_000_000)).then(
  ({ file }) => {
    console.log(`NATIONAL_DB=${file}`);
    process.exit(0);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
