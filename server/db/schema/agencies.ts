import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Organisational hierarchy (ministry > agency > site). `path` is the materialised ancestry
 *  ("/1/4/9/") so a subtree is one indexed prefix scan. */
export const agencies = sqliteTable(
  "agencies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    parentId: integer("parent_id").references((): AnySQLiteColumn => agencies.id),
    path: text("path").notNull().default(""),
    depth: integer("depth").notNull().default(0),
    /** Removal deadline, YYYY-MM-DD (UTC day), or null. */
    deadline: text("deadline"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("agencies_parent_idx").on(t.parentId), index("agencies_path_idx").on(t.path)],
);
