// Seeding the national database in parallel: each shard is a separate process that sets up the
// same deployment (agencies, users, tokens, policies, in the same order, so their ids agree) and
// replays the history of its own agencies' endpoints through the real ingest code into its own
// file. Rows a shard's history creates get ids from its own range, so the shards' files merge by
// plain copying: endpoints follow on from the previous shards' endpoints (ids stay dense, as in a
// deployment that grew by enrollment: re-evaluation reads dense ids in ranges), the other tables
// start at k × 10^9 for shard k. Only software rows, which every shard creates on first sight,
// are matched by fingerprint. Counters are per agency, and every agency belongs to
// exactly one shard, so each shard's counters and daily history are taken over as they are.
import type { Db } from "~/server/db/client";

export const SHARD_ID_SPACE = 1_000_000_000;
/** Tables whose rows belong to one shard's endpoints (ids reserved per shard), besides endpoints. */
const HISTORY_TABLES = ["endpoint_events", "findings", "waivers", "audit_log"] as const;
/** Audit entries about a shard's own endpoints; everything else is the setup every shard repeats. */
const HISTORY_AUDIT_OBJECTS = ["endpoint", "finding", "waiver"];
const SETUP_AUDIT_ACTIONS = new Set(["agency.create", "user.create", "token.create", "policy.activate"]);

/**
 * Before shard `k` replays its history: its endpoints take ids after `endpointsBefore` (the
 * previous shards' endpoints), its other rows ids from k × SHARD_ID_SPACE on.
 */
export function reserveIdRange(db: Db, shard: number, endpointsBefore: number): void {
  const sqlite = db.$client;
  const reserve = (table: string, seq: number) => {
    if (sqlite.prepare("update sqlite_sequence set seq = max(seq, ?) where name = ?").run(seq, table).changes === 0) {
      sqlite.prepare("insert into sqlite_sequence (name, seq) values (?, ?)").run(table, seq);
    }
  };
  reserve("endpoints", endpointsBefore);
  for (const table of HISTORY_TABLES) reserve(table, shard * SHARD_ID_SPACE);
}

const count = (db: Db, sql: string, ...args: unknown[]) => (db.$client.prepare(sql).get(...args) as { n: number }).n;

/**
 * Copies one shard's history into `db` (the first shard's file), in one transaction. The shard
 * owned `agencyCodes`; throws when the files' schemas differ or a table does not add up.
 */
export function mergeShard(db: Db, shardFile: string, agencyCodes: string[]): Record<string, number> {
  const sqlite = db.$client;
  const schema = (alias: string) => sqlite.prepare(`select group_concat(sql, ';') as s from (select sql from ${alias}.sqlite_master where sql is not null order by name)`).get() as { s: string };
  sqlite.prepare("attach database ? as shard").run(shardFile);
  try {
    if (schema("main").s !== schema("shard").s) throw new Error(`${shardFile}: its schema differs from the first shard's`);
    const owned = JSON.stringify(
      (sqlite.prepare("select id from shard.agencies where code in (select value from json_each(?))").all(JSON.stringify(agencyCodes)) as { id: number }[]).map((r) => r.id),
    );
    const foreign = count(db, "select count(*) as n from shard.endpoints where agency_id not in (select value from json_each(?))", owned);
    if (foreign) throw new Error(`${shardFile}: ${foreign} endpoints outside the shard's agencies`);
    const unknown = sqlite
      .prepare("select distinct action from shard.audit_log where id > ? and object_type not in (select value from json_each(?))")
      .all(SHARD_ID_SPACE, JSON.stringify(HISTORY_AUDIT_OBJECTS)) as { action: string }[];
    const unexpected = unknown.filter((a) => !SETUP_AUDIT_ACTIONS.has(a.action));
    if (unexpected.length) throw new Error(`${shardFile}: audit entries the merge does not know: ${unexpected.map((a) => a.action).join(", ")}`);

    const copied: Record<string, number> = {};
    const copy = (table: string, sql: string, expected: number, ...args: unknown[]) => {
      copied[table] = sqlite.prepare(sql).run(...args).changes;
      if (copied[table] !== expected) throw new Error(`${shardFile}: ${table}: copied ${copied[table]} of ${expected} rows`);
    };
    const rows = (table: string) => count(db, `select count(*) as n from shard.${table}`);
    sqlite.transaction(() => {
      // Software: the same entry has its own id in every shard; match by fingerprint.
      sqlite.exec(`
        insert into main.software (fp, source, name, version, publisher, identifier, vendor, product, category, kind, unrecognized, matched_with, first_seen_at)
          select fp, source, name, version, publisher, identifier, vendor, product, category, kind, unrecognized, matched_with, first_seen_at
          from shard.software where fp not in (select fp from main.software);
        update main.software set first_seen_at = x.first_seen_at from shard.software x where x.fp = software.fp and x.first_seen_at < software.first_seen_at;
        create temp table software_map (shard_id integer primary key, id integer not null);
        insert into software_map select x.id, m.id from shard.software x join main.software m on m.fp = x.fp;`);
      copy("endpoints", "insert into main.endpoints select * from shard.endpoints", rows("endpoints"));
      copy("checkins", "insert into main.checkins select * from shard.checkins", rows("checkins"));
      copy(
        "observations",
        `insert into main.observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at, last_seen_at, removed_at, reinstalls)
         select o.endpoint_id, o.slot, m.id, o.enabled, o.up_to_date, o.first_seen_at, o.last_seen_at, o.removed_at, o.reinstalls
         from shard.observations o join software_map m on m.shard_id = o.software_id`,
        rows("observations"),
      );
      copy("findings", "insert into main.findings select * from shard.findings", rows("findings"));
      copy("waivers", "insert into main.waivers select * from shard.waivers", rows("waivers"));
      copy("endpoint_events", "insert into main.endpoint_events select * from shard.endpoint_events", rows("endpoint_events"));
      const audit = "from shard.audit_log where object_type in (select value from json_each(?))";
      copy("audit_log", `insert into main.audit_log select * ${audit}`, count(db, `select count(*) as n ${audit}`, JSON.stringify(HISTORY_AUDIT_OBJECTS)), JSON.stringify(HISTORY_AUDIT_OBJECTS));
      // The shard's agencies: their counters, daily history and token use are the shard's.
      const mine = "agency_id in (select value from json_each(?))";
      sqlite.prepare(`delete from main.agency_counts where ${mine}`).run(owned);
      copy("agency_counts", `insert into main.agency_counts select * from shard.agency_counts where ${mine}`, count(db, `select count(*) as n from shard.agency_counts where ${mine}`, owned), owned);
      sqlite.prepare(`delete from main.agency_daily where ${mine}`).run(owned);
      copy("agency_daily", `insert into main.agency_daily select * from shard.agency_daily where ${mine}`, count(db, `select count(*) as n from shard.agency_daily where ${mine}`, owned), owned);
      sqlite.prepare(`update main.enrollment_tokens set uses = x.uses, last_used_at = x.last_used_at from shard.enrollment_tokens x where x.id = enrollment_tokens.id and x.${mine}`).run(owned);
      sqlite.exec("drop table temp.software_map");
    })();
    return copied;
  } finally {
    sqlite.exec("detach database shard");
  }
}
