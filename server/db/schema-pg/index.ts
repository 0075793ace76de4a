// The PostgreSQL schema: the SQLite schema (../schema) table by table, with the same table, column,
// index and constraint names, for drizzle-kit's PostgreSQL migrations (drizzle/pg, drizzle-pg.config.ts).
// tests/integration/db/schema-parity.test.ts keeps the two in step. The enumerations and types
// (ENDPOINT_STATES, Role ...) live in ../schema only. The server does not run on PostgreSQL yet.
export * from "./agencies";
export * from "./users";
export * from "./endpoints";
export * from "./software";
export * from "./policy";
export * from "./stats";
export * from "./audit";
export * from "./agent-updates";
export * from "./notify";
export * from "./catalog";
export * from "./imports";
