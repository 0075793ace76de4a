// Fills a database with a synthetic fleet for the dashboard's query plans and timings: agencies,
// endpoints in every state, software, observations, findings, events, waivers, 90 days of
// agency history and an audit log, written straight into the tables (fast, not realistic ingest).
// Run: DATABASE_PATH=tests/bench/.work/dash.db npx tsx tests/bench/dashboard-fill.ts [endpoints]
import fs from "node:fs";
import { BUILTIN_CATALOG } from "../../agent/src/catalog";
import { getDb, migrateDb } from "../../server/db/client";

const N = Number(process.argv[2] ?? 300_000);
const DAY = 86_400_000;
const now = Date.now();
const today = new Date(now).toISOString().slice(0, 10);

const file = process.env.DATABASE_PATH;
if (!file) throw new Error("set DATABASE_PATH");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.MUSTER_SQLITE_SYNC = "normal";
const db = getDb(file);
migrateDb(db);
const sq = db.$client;
sq.pragma("synchronous = OFF");

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const t0 = Date.now();

sq.transaction(() => {
  // Agencies: 10 ministries > 12 agencies > 2 sites.
  const insA = sq.prepare("insert into agencies (code, name, parent_id, path, depth, deadline) values (?, ?, ?, ?, ?, ?)");
  const setPath = sq.prepare("update agencies set path = ? where id = ?");
  const leaf: number[] = [];
  for (let m = 0; m < 10; m++) {
    const mid = Number(insA.run(`MIN-${m}`, `Ministry ${m}`, null, "", 0, null).lastInsertRowid);
    setPath.run(`/${mid}/`, mid);
    for (let a = 0; a < 12; a++) {
      const deadline = `2026-${String(1 + ((m + a) % 12)).padStart(2, "0")}-28`;
      const aid = Number(insA.run(`AG-${m}-${a}`, `Agency ${m}.${a}`, mid, "", 1, deadline).lastInsertRowid);
      setPath.run(`/${mid}/${aid}/`, aid);
      leaf.push(aid);
      for (let s = 0; s < 2; s++) {
        const sid = Number(insA.run(`SITE-${m}-${a}-${s}`, `Site ${m}.${a}.${s}`, aid, "", 2, null).lastInsertRowid);
        setPath.run(`/${mid}/${aid}/${sid}/`, sid);
        leaf.push(sid);
      }
    }
  }
  sq.prepare("insert into agency_counts (agency_id) select id from agencies").run();
  // The ban the findings refer to (policy_ids [1]) is in force.
  sq.prepare(
    `insert into policies (id, slug, name, jurisdiction, legal_reference, summary, effective_date, status, vendors, categories, deadline, active, activated_at)
     values (1, 'lt-2017-kaspersky', 'Lithuania 2017', 'LT', 'Government decision of 20 December 2017', '', '2017-12-20', 'banned', '["kaspersky"]', null, null, 1, ?)`,
  ).run(now - 90 * DAY);
  // Matches were "computed" with the built-in catalog: no re-match and fleet-wide re-evaluation at start.
  sq.prepare("insert or replace into settings (key, value) values ('catalog_version', ?)").run(BUILTIN_CATALOG.version);
  sq.prepare("insert into users (email, name, role) values ('bench@x', 'Bench', 'admin')").run();

  // Software: catalog products in a few versions, plus unrecognized entries.
  const insS = sq.prepare(
    "insert into software (fp, source, name, version, publisher, identifier, vendor, product, category, kind, unrecognized, matched_with, first_seen_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
  );
  const sw = (vendor: string | null, product: string | null, category: string | null, kind: string, source: string, name: string, version: string, unrec = 0) =>
    Number(insS.run(`${source}|${name}|${version}|${Math.random()}`, source, name, version, vendor ?? "", name, vendor, product, category, kind, unrec, "bench", now - 90 * DAY).lastInsertRowid);
  const kes = ["11.6.0.394", "11.11.0.452", "12.1.0.506", "12.3.0.493"].map((v) => sw("kaspersky", "kaspersky-endpoint-security", "antivirus", "product", "windows-uninstall", "Kaspersky Endpoint Security for Windows", v));
  const klna = ["13.2.0.1511", "14.0.0.10902"].map((v) => sw("kaspersky", "kaspersky-network-agent", "management-agent", "product", "windows-uninstall", "Kaspersky Security Center Network Agent", v));
  const klif = sw("kaspersky", "kaspersky-components", "antivirus", "component", "windows-driver", "klif", "");
  const defender = sw("microsoft", "microsoft-defender", "antivirus", "product", "windows-security-center", "Windows Defender", "");
  const falcon = ["7.10", "7.11"].map((v) => sw("crowdstrike", "crowdstrike-falcon", "edr", "product", "windows-uninstall", "CrowdStrike Windows Sensor", v));
  const misc = Array.from({ length: 400 }, (_, i) => sw(pick(["bitwarden", "openvpn", "wireguard", "tanium"]), null, "other-security", "product", "windows-uninstall", `Tool ${i}`, `${i}.0`));
  const unrec = Array.from({ length: 60 }, (_, i) => sw(null, null, null, "product", "windows-uninstall", `Unknown Security Suite ${i}`, "1.0", 1));

  const insE = sq.prepare(
    `insert into endpoints (device_id, agency_id, hostname, os_platform, os_name, os_version, os_arch, agent_version, hardware_id, secret_hash,
      enrolled_at, first_report_at, last_report_at, last_collected_at, last_seq, state, state_changed_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insO = sq.prepare("insert into observations (endpoint_id, slot, software_id, enabled, up_to_date, first_seen_at, last_seen_at, removed_at) values (?,?,?,?,?,?,?,?)");
  const insF = sq.prepare(
    `insert into findings (endpoint_id, agency_id, vendor, product, version, status, presence, policy_ids, first_detected_at, last_changed_at, resolved_at)
     values (?,?,?,?,?,?,?,'[1]',?,?,?)`,
  );
  const insEv = sq.prepare("insert into endpoint_events (endpoint_id, at, kind, vendor, product, version) values (?,?,?,?,?,?)");
  const insW = sq.prepare(
    "insert into waivers (finding_id, endpoint_id, agency_id, justification, requested_by, requested_at, expires_at, status, decided_by, decided_at) values (?,?,?,?,1,?,?,?,?,?)",
  );
  const setWaiver = sq.prepare("update findings set waiver_id = ? where id = ?");
  const STATES: [string, number][] = [["clean", 0.55], ["banned", 0.15], ["remnants", 0.05], ["unprotected", 0.1], ["stale", 0.08], ["excepted", 0.02], ["never-reported", 0.05]];
  const stateOf = () => {
    let r = rnd();
    for (const [s, p] of STATES) if ((r -= p) < 0) return s;
    return "clean";
  };
  for (let i = 0; i < N; i++) {
    const agency = pick(leaf);
    const state = stateOf();
    const platform = rnd() < 0.8 ? "windows" : rnd() < 0.5 ? "linux" : "darwin";
    const host = `${platform === "windows" ? "WS" : "srv"}-${(i * 7919) % 1_000_003}-${agency}`;
    const last = state === "never-reported" ? null : state === "stale" ? now - (8 + rnd() * 80) * DAY : now - rnd() * (rnd() < 0.9 ? 3_600_000 : 5 * DAY);
    const enrolled = now - 90 * DAY + rnd() * 30 * DAY;
    const id = Number(
      insE.run(`dev_${i.toString(36)}_${Math.floor(rnd() * 1e9).toString(36)}`, agency, host, platform, platform === "windows" ? "Windows 11 Pro" : "Ubuntu", "10.0", "x64", "1.0.0", `hw${i}`, "x", enrolled, last ? enrolled : null, last, last, last ? 10 : 0, state, enrolled).lastInsertRowid,
    );
    if (last === null) continue;
    let slot = 1;
    insO.run(id, slot++, rnd() < 0.7 ? defender : pick(falcon), state === "unprotected" ? 0 : 1, 1, enrolled, last, null);
    for (let k = 0; k < 3; k++) insO.run(id, slot++, pick(misc), null, null, enrolled, last, null);
    if (rnd() < 0.01) insO.run(id, slot++, pick(unrec), null, null, enrolled, last, null);
    const hadKaspersky = state === "banned" || state === "remnants" || state === "excepted" || rnd() < 0.3;
    if (!hadKaspersky) continue;
    const kv = pick(kes);
    const version = sq.prepare("select version from software where id = ?").pluck().get(kv) as string;
    const detected = enrolled + DAY;
    insEv.run(id, detected, "detected", "kaspersky", "kaspersky-endpoint-security", version);
    if (state === "banned" || state === "excepted") {
      insO.run(id, slot++, kv, null, null, detected, last, null);
      if (state === "banned") insO.run(id, slot++, pick(klna), null, null, detected, last, null);
      insO.run(id, slot++, klif, null, null, detected, last, null);
      const status = state === "excepted" ? "excepted" : "open";
      const fid = Number(insF.run(id, agency, "kaspersky", "kaspersky-endpoint-security", version, status, "installed", detected, detected, null).lastInsertRowid);
      if (state === "banned") insF.run(id, agency, "kaspersky", "kaspersky-network-agent", "14.0.0.10902", status, "installed", detected, detected, null);
      if (state === "excepted") {
        const wid = insW.run(fid, id, agency, "Air-gapped lab", detected, now + 60 * DAY, "approved", 1, detected + DAY).lastInsertRowid;
        setWaiver.run(wid, fid);
      }
      else if (rnd() < 0.05) insW.run(fid, id, agency, "Pending request", now - DAY, now + 30 * DAY, "pending", null, null);
    } else if (state === "remnants") {
      const removedAt = now - rnd() * 30 * DAY;
      insO.run(id, slot++, kv, null, null, detected, removedAt, removedAt);
      insO.run(id, slot++, klif, null, null, detected, last, null);
      insF.run(id, agency, "kaspersky", "kaspersky-endpoint-security", version, "open", "remnants", detected, removedAt, null);
      insEv.run(id, removedAt, "remnants", "kaspersky", "kaspersky-endpoint-security", version);
    } else {
      const removedAt = now - rnd() * 60 * DAY;
      insO.run(id, slot++, kv, null, null, detected, removedAt, removedAt);
      insF.run(id, agency, "kaspersky", "kaspersky-endpoint-security", version, "resolved", "absent", detected, removedAt, removedAt);
      insEv.run(id, removedAt, "removed", "kaspersky", "kaspersky-endpoint-security", version);
    }
  }

  // Live counters from the rows, then 90 days of history that ends at them.
  sq.exec(`update agency_counts set
    endpoints = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id),
    banned = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'banned'),
    remnants = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'remnants'),
    excepted = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'excepted'),
    unprotected = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'unprotected'),
    clean = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'clean'),
    stale = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'stale'),
    never_reported = (select count(*) from endpoints e where e.agency_id = agency_counts.agency_id and state = 'never-reported'),
    open_findings = (select count(*) from findings f where f.agency_id = agency_counts.agency_id and status = 'open'),
    excepted_findings = (select count(*) from findings f where f.agency_id = agency_counts.agency_id and status = 'excepted'),
    resolved_findings = (select count(*) from findings f where f.agency_id = agency_counts.agency_id and status = 'resolved'),
    removals_total = (select count(*) from findings f where f.agency_id = agency_counts.agency_id and status = 'resolved')`);
  const counts = sq.prepare("select * from agency_counts").all() as Record<string, number>[];
  const insD = sq.prepare(
    `insert into agency_daily (agency_id, day, endpoints, banned, remnants, excepted, unprotected, clean, stale, never_reported, open_findings, excepted_findings, resolved_findings, removals, reinstalls, detections)
     values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  for (const c of counts) {
    for (let d = 89; d >= 0; d--) {
      if (d > 0 && rnd() < 0.15) continue; // some days carry forward
      const f = 1 + d / 60;
      const day = new Date(now - d * DAY).toISOString().slice(0, 10);
      const open = Math.round(c.open_findings! * f);
      insD.run(c.agency_id, day, c.endpoints, Math.round(c.banned! * f), c.remnants, c.excepted, c.unprotected, c.clean, c.stale, c.never_reported, open, c.excepted_findings, c.resolved_findings! - open + c.open_findings!, Math.round(c.open_findings! / 60), Math.round(rnd() * 2), Math.round(rnd() * 3));
    }
  }

  // Audit log.
  const insL = sq.prepare("insert into audit_log (at, actor_user_id, actor, action, object_type, object_id, agency_id, details) values (?,?,?,?,?,?,?,?)");
  for (let i = 0; i < 200_000; i++) {
    const agency = pick(leaf);
    insL.run(now - (200_000 - i) * 30_000, 1, pick(["admin@x", "officer@x", "cli:root"]), pick(["token.create", "waiver.request", "waiver.approve", "endpoint.revoke", "policy.activate"]), "endpoint", String(i), agency, JSON.stringify({ n: i }));
  }
})();
sq.pragma("wal_checkpoint(TRUNCATE)");
const n = (t: string) => (sq.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
console.log(
  `filled ${file} in ${((Date.now() - t0) / 1000).toFixed(1)} s (today ${today}): ` +
    ["agencies", "endpoints", "software", "observations", "findings", "endpoint_events", "waivers", "agency_daily", "audit_log"].map((t) => `${t} ${n(t)}`).join(", "),
);
