// Seeds (or finds cached) the national database the scale, report and re-evaluation benchmarks
// share; prints its path. See lib/national.ts.
//   node --require ./server/runtime/preload.cjs --import tsx tests/bench/seed.ts [--endpoints 1000000]
// With --shard (run by lib/national.ts, one process per shard): seeds that shard into --file.
import { parseArgs } from "node:util";
import { ensureNationalDb, SHARD_RESULT, seedShard } from "./lib/national";

const { values } = parseArgs({
  options: { endpoints: { type: "string" }, shard: { type: "string" }, shards: { type: "string" }, now: { type: "string" }, file: { type: "string" } },
});
const n = Number(values.endpoints ?? 1_000_000);
const done = values.shard
  ? seedShard(values.file!, n, Number(values.now), Number(values.shard), Number(values.shards), console.log).then((r) => console.log(SHARD_RESULT + JSON.stringify(r)))
  : ensureNationalDb(n).then(({ file }) => console.log(`NATIONAL_DB=${file}`));
done.then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
