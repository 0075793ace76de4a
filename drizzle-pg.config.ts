// drizzle-kit for the PostgreSQL schema (server/db/schema-pg) and its migrations (drizzle/pg):
// `npm run db:generate:pg`. The SQLite one is drizzle.config.ts.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema-pg/index.ts",
  out: "./drizzle/pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/muster" },
});
