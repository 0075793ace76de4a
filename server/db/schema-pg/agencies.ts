import { type AnyPgColumn, bigint, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { nowMs } from "./columns";

/** Organisational hierarchy (ministry > agency > site). `path` is the materialised ancestry
 *  ("/1/4/9/") so a subtree is one indexed prefix scan. */
export const agencies = pgTable(
  "agencies",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => agencies.id),
    path: text("path").notNull().default(""),
    depth: integer("depth").notNull().default(0),
    /** Removal deadline, YYYY-MM-DD (UTC day), or null. */
    deadline: text("deadline"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(nowMs),
  },
  (t) => [index("agencies_parent_idx").on(t.parentId), index("agencies_path_idx").on(t.path)],
);
