import { bigint, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { agencies } from "./agencies";
import { endpoints } from "./endpoints";
import { users } from "./users";

/** The agent version an agency's endpoints should run, and to what share of them it is offered.
 *  Sub-agencies without a row follow their nearest ancestor; no row anywhere: the version the
 *  server ships, to every endpoint. */
export const agentRollouts = pgTable("agent_rollouts", {
  agencyId: bigint("agency_id", { mode: "number" })
    .primaryKey()
    .references(() => agencies.id),
  /** "1.2.3", or null: no self-update for this agency (e.g. packages managed by apt/yum). */
  version: text("version"),
  /** 0-100: the share of endpoints offered the version (the same endpoints first, every time). */
  percent: integer("percent").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  updatedBy: bigint("updated_by", { mode: "number" }).references(() => users.id),
});

/** Self-updates as endpoints report them: refused, failed or rolled back (from the agent), and
 *  completed (the reported version changed). Evidence: never deleted. */
export const agentUpdateEvents = pgTable(
  "agent_update_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    endpointId: bigint("endpoint_id", { mode: "number" })
      .notNull()
      .references(() => endpoints.id),
    at: bigint("at", { mode: "number" }).notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    fromVersion: text("from_version").notNull(),
    toVersion: text("to_version").notNull(),
    outcome: text("outcome", { enum: ["updated", "refused", "failed", "rolled-back"] }).notNull(),
    reason: text("reason"),
  },
  (t) => [index("agent_update_events_endpoint_idx").on(t.endpointId, t.at), index("agent_update_events_at_idx").on(t.at)],
);
