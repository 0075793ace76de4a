// Muster's HTTP server: answers the operations endpoints (/healthz, /readyz, /metrics) and the
// agent API itself (the hot path, without Next's per-request machinery) and hands every other
// request to Next. It listens at once, answering 503 until migrations are applied and Next is
// ready, and shuts down gracefully (ops/shutdown.ts). `serve()` is also used by the demo;
// running this file starts the server.
import http from "node:http";
import { bootstrap } from "./bootstrap";
import { checkServerConfig, config, isSet, validateConfig } from "./config";
import { closeDb, type Db, isPostgres, locationOf } from "./db/client";
import { demoMarker } from "./db/demo-marker";
import { createFrontDoor } from "./http/front-door";
import { createOpsHandler, startMetricsServer } from "./http/ops-routes";
import { startCheckpointer } from "./ingest/checkpointer";
import { handleNodeAgentRequest } from "./ingest/node";
import { startCheckinWriter } from "./ingest/writer";
import { startMaintenance } from "./work/maintenance-schedule";
import { routeConsoleToLog } from "./ops/console";
import { registerFleetMetrics } from "./findings/fleet-metrics";
import { createReadiness } from "./ops/health";
import { flushLog, log } from "./ops/log";
import { nodeId } from "./ops/node";
import { createRequestTracker } from "./ops/requests";
import { createShutdown } from "./ops/shutdown";
import { limitHeapGrowth } from "./runtime/heap";
import { startWorkThread } from "./work/pool";
import { startNotifier } from "./notify/worker";

export type Serving = { url: string; port: number; metricsPort: number | null };

function starting(res: http.ServerResponse) {
  res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" });
  res.end("Muster is starting; retry in a few seconds.\n");
}

/** `demo`: the demo serves its own database (db/demo-marker.ts), which a production server refuses. */
export async function serve(opts: { dev?: boolean; bridgeConsole?: boolean; demo?: boolean } = {}): Promise<Serving> {
  const dev = opts.dev ?? process.argv.includes("--dev");
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!isSet("NODE_ENV")) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  checkServerConfig({ dev }); // every variable (config/env.ts): a bad one stops the start, naming it
  validateConfig();
  limitHeapGrowth(config.heapGrowthPercent);
  if (opts.bridgeConsole !== false) routeConsoleToLog();
  const port = config.port;
  const hostname = config.host;
  if (!config.nextAuthUrl) process.env.AUTH_TRUST_HOST ??= "true"; // development only (checked above)
  // The agent API's Next routes exist for plain `next dev`; under this server they answer 404.
  process.env.MUSTER_CUSTOM_SERVER = "1";

  const readiness = createReadiness();
  const tracker = createRequestTracker();
  const ops = createOpsHandler({ readiness, metricsToken: config.metricsToken });
  const door = createFrontDoor();
  let handleApp: ((req: http.IncomingMessage, res: http.ServerResponse, ip: string) => void) | null = null;

  const server = http.createServer((req, res) => {
    const ip = door.clientIp(req);
    door.prepare(req, res); // also puts an absolute-form target in origin form: one path per URL
    const path = tracker.track(req, res, ip);
    if (readiness.phase === "stopping") res.setHeader("Connection", "close");
    if (ops(req, res, path)) return;
    if (!handleApp) return starting(res);
    handleApp(req, res, ip);
  });
  server.keepAliveTimeout = 65_000;
  // Listening before the database and Next are ready: /healthz answers and /readyz says why not yet.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const metricsServer = config.metricsPort ? await startMetricsServer(config.metricsPort, config.metricsHost) : null;

  const { db } = await bootstrap({ log: (line) => log.info({}, line.trim()) });
  refuseDemoDatabase(db, dev || opts.demo === true);
  // Loaded only now: importing Next takes a while, and the probes are answered meanwhile.
  const { default: next } = await import("next");
  const app = next({ dev, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  // Check-ins are group-committed on this thread by default; MUSTER_INGEST_THREAD=1 moves the
  // writing (and its fsyncs) to a thread of its own, which pays off with more than two cores.
  const writer = config.ingestThread ? startCheckinWriter(locationOf(db)) : null;
  const agentApi = { db, submit: writer ? (item: Parameters<typeof writer.submit>[0]) => writer.submit(item) : undefined };
  // Report builds and re-evaluations run on a thread of their own, with its own connection.
  const work = config.workThread ? startWorkThread(locationOf(db)) : null;
  handleApp = (req, res, ip) => {
    // The agent API is the hot path: answered here, without Next's per-request machinery.
    if (req.url?.startsWith("/api/agent/")) return handleNodeAgentRequest(req, res, ip, agentApi);
    if (door.refuse(req, res, ip)) return;
    // Never trust a client-supplied address header: sign-in throttling keys on it.
    req.headers["x-muster-client-ip"] = ip;
    void handleNext(req, res);
  };
  registerFleetMetrics(db);
  const stopMaintenance = startMaintenance(db);
  // SQLite's WAL checkpoints; PostgreSQL checkpoints on its own.
  const stopCheckpointer = isPostgres(db) ? () => {} : startCheckpointer(db);
  const notifier = startNotifier(db);
  readiness.ready(db);
  log.info(
    { port, metricsPort: metricsServer?.port ?? null, mode: dev ? "development" : "production", node: nodeId() },
    `Muster listening on http://localhost:${port} (${dev ? "development" : "production"}; node ${nodeId()})`,
  );

  const shutdown = createShutdown({
    servers: [server],
    readiness,
    inFlight: () => tracker.inFlight,
    delayMs: config.shutdownDelaySeconds * 1000,
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
    stops: [() => notifier.stop(), stopMaintenance, () => work?.stop(), () => writer?.stop(), stopCheckpointer, () => metricsServer?.close()],
    finalize: () => closeDb(),
  });
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return { url: `http://localhost:${port}`, port, metricsPort: metricsServer?.port ?? null };
}

/**
 * A database `npm run demo` made has accounts whose password is published (README): a production
 * server refuses to serve it, so a demo database never becomes a deployment by a slip of DATABASE_URL.
 */
function refuseDemoDatabase(db: Db, allowed: boolean): void {
  const marker = demoMarker(db);
  if (!marker || allowed) return;
  throw new Error(
    `this database was ${marker}: its accounts share the published demo password, so the production server will not serve it. Run it with npm run demo -- --database …, or point DATABASE_URL (or DATABASE_PATH) at the deployment's own database`,
  );
}

if (require.main === module) {
  serve().catch(async (err) => {
    log.error({ err }, `Muster could not start: ${err instanceof Error ? err.message : String(err)}`);
    await flushLog();
    process.exit(1);
  });
}
