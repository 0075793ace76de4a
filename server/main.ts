// Muster's HTTP server: answers the agent API itself (the hot path, without Next's
// per-request machinery) and hands every other request to Next. `serve()` is also used by
// the demo; running this file starts the server.
import http from "node:http";
import next from "next";
import { bootstrap } from "./bootstrap";
import { config } from "./config";
import { closeDb } from "./db/client";
import { createFrontDoor } from "./http/front-door";
import { startCheckpointer } from "./ingest/checkpointer";
import { handleNodeAgentRequest } from "./ingest/node";
import { startCheckinWriter } from "./ingest/writer";
import { startMaintenance } from "./maintenance/run";

export type Serving = { url: string; port: number };

export async function serve(opts: { dev?: boolean } = {}): Promise<Serving> {
  const dev = opts.dev ?? process.argv.includes("--dev");
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  if (!process.env.NODE_ENV) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
  const port = config.port;
  const hostname = process.env.HOST || "0.0.0.0";
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

  const { db } = await bootstrap();

  const app = next({ dev, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  // Check-ins are group-committed on this thread by default; MUSTER_INGEST_THREAD=1 moves the
  // writing (and its fsyncs) to a thread of its own, which pays off with more than two cores.
  const writer = process.env.MUSTER_INGEST_THREAD === "1" ? startCheckinWriter(db.$client.name) : null;
  const agentApi = { db, submit: writer ? (item: Parameters<typeof writer.submit>[0]) => writer.submit(item) : undefined };
  const door = createFrontDoor();
  const server = http.createServer((req, res) => {
    const ip = door.clientIp(req);
    door.prepare(req, res);
    // The agent API is the hot path: answered here, without Next's per-request machinery.
    if (req.url?.startsWith("/api/agent/")) return handleNodeAgentRequest(req, res, ip, agentApi);
    if (door.refuse(req, res, ip)) return;
    // Never trust a client-supplied address header: sign-in throttling keys on it.
    req.headers["x-muster-client-ip"] = ip;
    void handleNext(req, res);
  });
  server.keepAliveTimeout = 65_000;
  const stopMaintenance = startMaintenance(db);
  const stopCheckpointer = startCheckpointer(db);
  await new Promise<void>((resolve) => server.listen(port, hostname, resolve));
  console.log(`Muster listening on http://localhost:${port} (${dev ? "development" : "production"})`);

  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    stopMaintenance();
    stopCheckpointer();
    server.close(() => {
      void (writer?.stop() ?? Promise.resolve()).finally(() => {
        closeDb();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return { url: `http://localhost:${port}`, port };
}

if (require.main === module) {
  serve().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
