// Runs a job of jobs.ts: on the work thread when the server started one for this database, else
// inline (tests calling services directly, `next dev`, MUSTER_WORK_THREAD=0). Counts every job in
// the metrics (report builds by kind; re-evaluated endpoints are counted per chunk, ops/thread-counters.ts).
import { type Db, locationOf } from "../db/client";
import { iteratorStream } from "../dashboard/csv";
import { MusterError } from "../lib/errors";
import { metrics } from "../ops/metrics";
import { JOBS, type JobArgs, type JobName, type JobResult, STREAMS, type StreamArgs, type StreamMeta, type StreamName } from "./jobs";
import { currentWorkThread, type WorkThread } from "./registry";

const REPORT_KIND: Partial<Record<JobName | StreamName, string>> = { "report.draft": "draft", "report.publish": "publish", "report.file": "download" };

/** The work thread, if the server runs one on this database file. */
function threadFor(db: Db): WorkThread | undefined {
  const thread = currentWorkThread();
  return thread && thread.file === locationOf(db) ? thread : undefined;
}

/** Runs `fn` for `job`, counting its outcome (and, for report builds, its time) in the metrics. */
async function counted<T>(job: JobName | StreamName, fn: () => Promise<T>): Promise<T> {
  const m = metrics();
  const kind = REPORT_KIND[job];
  const started = performance.now();
  try {
    const result = await fn();
    m.workJobs.inc({ job, outcome: "ok" });
    if (kind) {
      m.reportBuilds.inc({ kind, outcome: "ok" });
      m.reportBuildSeconds.observe({ kind }, (performance.now() - started) / 1000);
    }
    return result;
  } catch (err) {
    const outcome = err instanceof MusterError && err.kind !== "UNAVAILABLE" ? "refused" : "failed";
    m.workJobs.inc({ job, outcome });
    if (kind) m.reportBuilds.inc({ kind, outcome });
    throw err;
  }
}

export function runWork<K extends JobName>(db: Db, job: K, args: JobArgs<K>): Promise<JobResult<K>> {
  const thread = threadFor(db);
  return counted(job, async () => (thread ? await thread.run(job, args) : await (JOBS[job] as (db: Db, args: JobArgs<K>) => unknown)(db, args)) as JobResult<K>);
}

/**
 * Opens a stream job (a file, an export): its metadata at once, its bytes as the client reads them,
 * generated on the work thread when there is one for this database, else here.
 */
export function openWorkStream<K extends StreamName>(db: Db, job: K, args: StreamArgs<K>): Promise<{ meta: StreamMeta<K>; body: ReadableStream<Uint8Array> }> {
  const thread = threadFor(db);
  return counted(job, async () => {
    if (thread) return (await thread.openStream(job, args)) as { meta: StreamMeta<K>; body: ReadableStream<Uint8Array> };
    const s = (STREAMS[job] as (db: Db, args: StreamArgs<K>) => { meta: StreamMeta<K>; pieces: Iterator<string | Uint8Array> })(db, args);
    return { meta: s.meta, body: iteratorStream(s.pieces) };
  });
}
