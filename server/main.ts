// Muster's HTTP server: answers the agent API itself (the hot path, without Next's
// per-request machinery) and hands every other request to Next.
import http from "node:http";
import next from "next";
import { bootstrap } from "./bootstrap";
import { config } from "./config";
import { closeDb } from "./db/client";

function clientIp(req: http.IncomingMessage): string {
  if (process.env.MUSTER_TRUST_PROXY === "1") {
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? "unknown";
}

async function main() {
  const dev = process.argv.includes("--dev");
  const port = config.port;
  const hostname = process.env.HOST || "0.0.0.0";
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

  await bootstrap();

  const app = next({ dev, dir: process.cwd(), hostname, port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    // Never trust a client-supplied address header: sign-in throttling keys on it.
    req.headers["x-muster-client-ip"] = clientIp(req);
    void handleNext(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`Muster listening on http://localhost:${port} (${dev ? "development" : "production"})`);
  });

  const stop = (signal: string) => {
    console.log(`${signal}: shutting down`);
    server.close(() => {
      closeDb();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
