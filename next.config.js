// @ts-check
// Muster runs in government networks: Next's anonymous usage telemetry stays off, always.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const createNextIntlPlugin = require("next-intl/plugin");
// Languages: the request configuration (viewer's choice, else Accept-Language) lives with the server code,
// beside the session it reads.
const withNextIntl = createNextIntlPlugin("./server/auth/locale.ts");
const isDev = process.env.NODE_ENV !== "production";

const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const nextConfig = {
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // prom-client: one registry for the custom server and the bundled routes (pino is external by default).
  serverExternalPackages: ["better-sqlite3", "playwright-core", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
  // No source maps in production builds (development keeps them). tsx turns on Node's source-map
  // support for the whole process (process.setSourceMapsEnabled), and Node then reads and keeps in
  // memory the map of every chunk it loads: at start, with every route loaded, 65 MB of the main
  // thread's 157 MB heap. Measured at 1,000,000 endpoints (tests/bench/results.md): peak RSS
  // 1,028 -> 650 MiB, page times down with the smaller heap. The cost: a server component's error
  // logs its stack in the minified chunk, not in the source file (code the custom server loads
  // through tsx, such as server/work/, still maps its stacks).
  experimental: { turbopackSourceMaps: isDev },
  // `npm test` type-checks the whole repository (app, server, agent, tests) with `tsc` first;
  // a second pass inside `next build` would only double the time.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    const common = [
      { key: "Content-Security-Policy", value: csp },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
      { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    ];
    // HSTS is set by the custom server (server/http/front-door.ts), which knows whether the
    // request came over HTTPS: NEXTAUTH_URL is https, or a trusted proxy (MUSTER_TRUST_PROXY) says so.
    return [{ source: "/:path*", headers: common }];
  },
};

module.exports = withNextIntl(nextConfig);
