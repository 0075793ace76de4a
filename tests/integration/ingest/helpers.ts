// Shared setup for the ingest tests: a real, migrated database per test (tests/support/db.ts), agencies, tokens,
// enrolled devices and realistic reports, all through the real services.
import type { CheckinRequest, CollectorResult, Platform, SoftwareEntry, Source } from "~/agent/shared/protocol";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { SYSTEM_ACTOR } from "~/server/audit/log";
import type { Db } from "~/server/db/client";
import { createToken } from "~/server/enrollment/tokens";
import { enrollDevice, ingestCheckins } from "~/server/ingest/bulk";
import { syncCatalogVersion } from "~/server/ingest/catalog-sync";
import type { AgentReply } from "~/server/ingest/replies";
import { createTempDb } from "../../support/db";
import { getPolicy } from "~/server/policy/service";
import { setPolicyActive } from "~/server/reevaluation/policy-change";
import { seedPolicies } from "~/server/policy/seed";

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export type TestDb = { db: Db; file: string; dir: string; close: () => void };

export function freshDb(): TestDb {
  const { db, file, dir, cleanup } = createTempDb();
  seedPolicies(db);
  syncCatalogVersion(db);
  return { db, file, dir, close: cleanup };
}

let agencySeq = 0;
export function makeAgency(db: Db, code = `AG-${++agencySeq}`) {
  return createAgency(db, SYSTEM_ACTOR, { code, name: `Agency ${code}` });
}

export function makeToken(db: Db, agencyId: number, opts: { maxUses?: number | null; expiresInMs?: number } = {}) {
  return createToken(db, SYSTEM_ACTOR, ALL, { agencyId, maxUses: opts.maxUses ?? null, expiresInMs: opts.expiresInMs ?? 7 * DAY }).token;
}

export type Device = { deviceId: string; secret: string; endpointId: number; platform: Platform; seq: number };

export function enroll(db: Db, token: string, opts: { hardwareId?: string; platform?: Platform; hostname?: string; now?: number } = {}): Device {
  const platform = opts.platform ?? "linux";
  const r = enrollDevice(
    db,
    {
      enrollToken: token,
      hostname: opts.hostname ?? `host-${Math.random().toString(36).slice(2, 8)}`,
      hardwareId: opts.hardwareId ?? `hw-${Math.random().toString(36).slice(2)}-${Date.now()}`,
      agentVersion: "1.0.0",
      os: { platform, name: platform, version: "1", arch: "x64" },
    },
    { ip: "127.0.0.1", now: opts.now ?? T0 },
  );
  return { deviceId: r.deviceId, secret: r.deviceSecret, endpointId: r.endpointId, platform, seq: 0 };
}

export const SOURCES_BY_PLATFORM: Record<Platform, Source[]> = {
  windows: ["windows-uninstall", "windows-security-center", "windows-service", "windows-driver"],
  darwin: ["macos-app", "macos-receipt", "macos-system-extension", "macos-launchd"],
  linux: ["dpkg", "rpm", "linux-systemd", "linux-path"],
};

export function report(dev: Device, software: SoftwareEntry[], opts: { seq?: number; failed?: Source[]; collectors?: CollectorResult[]; collectedAt?: number } = {}): CheckinRequest {
  const seq = opts.seq ?? ++dev.seq;
  if (opts.seq !== undefined) dev.seq = Math.max(dev.seq, opts.seq);
  return {
    deviceId: dev.deviceId,
    seq,
    collectedAt: new Date(opts.collectedAt ?? T0).toISOString(),
    agentVersion: "1.0.0",
    hostname: "host",
    os: { platform: dev.platform, name: dev.platform, version: "1", arch: "x64" },
    catalogVersion: "test",
    collectors: opts.collectors ?? SOURCES_BY_PLATFORM[dev.platform].map((name) => ({ name, ok: !(opts.failed ?? []).includes(name) })),
    software,
  };
}

export function send(db: Db, dev: Device, body: CheckinRequest, now: number, secret: string = dev.secret): AgentReply {
  return ingestCheckins(db, [{ report: body, secret, now }], now)[0]!;
}

export async function activate(db: Db, slug: string, now = T0, active = true) {
  return setPolicyActive(db, SYSTEM_ACTOR, { policyId: getPolicy(db, slug).id, active }, { now, reevaluate: "sync" });
}

export function endpoint(db: Db, id: number) {
  return db.$client.prepare("select * from endpoints where id = ?").get(id) as Record<string, unknown> & { state: string; last_seq: number };
}

export function findings(db: Db, endpointId: number) {
  return db.$client.prepare("select * from findings where endpoint_id = ? order by product").all(endpointId) as (Record<string, unknown> & {
    id: number;
    product: string;
    status: string;
    presence: string;
    reopen_count: number;
  })[];
}

export function events(db: Db, endpointId: number) {
  return db.$client.prepare("select kind, product, version, seq from endpoint_events where endpoint_id = ? order by id").all(endpointId) as {
    kind: string;
    product: string;
    version: string | null;
    seq: number;
  }[];
}

// --- realistic entries ------------------------------------------------------------------------
export const E = {
  keslPkg: (version = "12.1.0.1297"): SoftwareEntry => ({ source: "dpkg", name: "kesl", version, identifier: "kesl", publisher: "AO Kaspersky Lab" }),
  keslUnit: (): SoftwareEntry => ({ source: "linux-systemd", name: "kesl.service", identifier: "kesl.service" }),
  keslPath: (): SoftwareEntry => ({ source: "linux-path", name: "/var/opt/kaspersky/kesl", identifier: "/var/opt/kaspersky/kesl" }),
  klnagentPkg: (): SoftwareEntry => ({ source: "dpkg", name: "klnagent64", version: "14.2.0.35148", identifier: "klnagent64" }),
  clamav: (): SoftwareEntry => ({ source: "dpkg", name: "clamav", version: "1.0.7", identifier: "clamav" }),
  mdatp: (): SoftwareEntry => ({ source: "dpkg", name: "mdatp", version: "101.24092.0002", identifier: "mdatp" }),
  drwebLinux: (): SoftwareEntry => ({ source: "dpkg", name: "drweb-workstations", version: "11.1", identifier: "drweb-workstations" }),
  // Windows
  kesWin: (version = "11.11.0.452"): SoftwareEntry => ({
    source: "windows-uninstall",
    name: "Kaspersky Endpoint Security for Windows",
    version,
    publisher: "AO Kaspersky Lab",
    identifier: "{7A4192A1-84C4-4E90-A31B-B4847CA8E23A}",
  }),
  kesWsc: (enabled = true): SoftwareEntry => ({
    source: "windows-security-center",
    name: "Kaspersky Endpoint Security for Windows",
    identifier: "AntiVirusProduct",
    state: { enabled, upToDate: true },
  }),
  klif: (): SoftwareEntry => ({ source: "windows-driver", name: "Kaspersky Lab KLIF Klif Mini-Filter", identifier: "klif" }),
  avpSvc: (): SoftwareEntry => ({ source: "windows-service", name: "Kaspersky Anti-Virus Service", identifier: "AVP" }),
  klnagentWin: (): SoftwareEntry => ({
    source: "windows-uninstall",
    name: "Kaspersky Security Center Network Agent",
    version: "14.0.0.10902",
    publisher: "AO Kaspersky Lab",
    identifier: "{2924BEDA-E0D7-4DAF-A224-50D2E0B12F5B}",
  }),
  defenderWsc: (enabled = true): SoftwareEntry => ({ source: "windows-security-center", name: "Windows Defender", identifier: "AntiVirusProduct", state: { enabled, upToDate: true } }),
};
