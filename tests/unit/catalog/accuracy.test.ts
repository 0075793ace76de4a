// The catalog's accuracy goals (banned vendors' products 100% attributed, antivirus and EDR at least
// 95% and all security software at least 90% recognised, at most 1% of ordinary software taken for
// security software) on the labelled corpus of real strings (tests/fixtures/catalog/accuracy/,
// sources per entry). What is enforced where, and why:
// - held-out-3 (collected after the catalog's last change before it, committed labelled before it
//   was first matched; its entries and misses never read): the goals it meets, i.e. banned vendors,
//   all security software and false positives. It meets them after the catalog grew from the whole
//   source lists (every security vendor of the altitude list, the whole Debian index) that its
//   drivers and packages were drawn from, so it measures how completely the catalog covers those
//   populations. The antivirus/EDR goal is NOT met on it (README, catalog section): the test holds
//   it at least at its last measurement, so it can only improve, and says it is unmet.
// - held-out-4 (sources the catalog never grew from, collected and labelled after that growth,
//   committed before it was first matched): no recall goal is met on it (README); the test holds its
//   recall at least at its first measurement and says the goals are unmet. Its strings were read
//   while labelling, and tuning-4's misses were fixed afterwards, so later figures are not clean.
// - held-out-5 (Windows uninstall entries, services, drivers and Security Center names of real
//   machines and removal scripts, from sources the catalog's last growth did not use; committed
//   labelled before it was first matched, measured once, its misses never read): the goals it meets,
//   banned vendors (on only 4 entries) and false positives; antivirus/EDR and all security software
//   are NOT met (README, batch 5): the test holds them at least at that measurement and says so.
// - held-out-6 (Fleet-maintained apps, Trend Micro, Webroot, threat-hunting and MDM-profile strings;
//   committed labelled before it was first matched, measured once): held at least at that
//   measurement. It has no banned vendor's item. The catalog then grew from its sources (README).
// - held-out-7 (Chocolatey packages' titles and uninstall names, collected after the catalog grew from
//   the winget-pkgs index, committed labelled before it was first matched, measured once, its misses
//   never read): banned vendors (2 entries) held at 100%, the other recall figures at least at that
//   measurement; all security software is NOT at 90% on it.
// - held-out-8 (macOS, Linux and enterprise endpoint agents from an EDR policy's macOS and Linux
//   checks, an agent's EDR/AV catalogue, a macOS vendors table and Mac admin scripts, with ordinary
//   Debian packages; collected after the catalog grew Linux and macOS forms from other sources,
//   committed labelled before it was first matched, measured once, its misses never read): held at
//   least at that measurement; it has no banned vendor's item; antivirus/EDR (95%) and all security
//   software (90%) are NOT met on it.
// - held-out-9 (what real machines report: a Windows 10 machine's FRST scan, a Ubuntu 16.04 host's
//   dpkg -l, glpi-agent's packaging listings of real machines, an ESET Mac's launchd list, a Ubuntu 9.10
//   server's ClamAV packages, and a company's agent-deployment cookbooks; collected from sources the
//   growth before it did not use, committed labelled before it was first matched, measured once, its
//   misses never read): held at least at that measurement. It is a large false-positive sample (260
//   ordinary entries) and a small security one (11 entries, 5 antivirus/EDR, no banned vendor's item);
//   antivirus/EDR (95%) and all security software (90%) are NOT met on it.
// - held-out-10 (Mac apps' managed-preference domains from ProfileManifests, the services, launchd jobs
//   and driver Atomic Red Team's tests impair, rpm listings of real CentOS hosts; collected from sources
//   no earlier batch or growth used, committed labelled before it was first matched, measured once, its
//   misses never read): held at least at that measurement. Its security side is small (15 entries, 6
//   antivirus/EDR, no banned vendor's item); antivirus/EDR (95%) and all security software (90%) are NOT
//   met on it.
// - held-out-11 (LOLDrivers' vulnerable drivers with their version information, three public AV/EDR
//   driver-name lists of offensive tools with the Chinese market's drivers, a university Mac fleet's
//   inventory names and uninstall scripts; collected after the growth before it from sources no earlier
//   batch or growth used, committed labelled before it was first matched, measured once, its misses never
//   read): held at least at that measurement. 68 security entries (62 antivirus/EDR, 30 banned-vendor);
//   banned vendors (100%), antivirus/EDR (95%) and all security software (90%) are NOT met on it.
// - held-out-12 (the names under which test labs list the security products they installed, a real Windows 7
//   machine's services, ordinary Debian packages; collected from sources no earlier batch or growth used,
//   committed labelled before it was first matched, measured once, its misses never read): banned vendors
//   (2 entries) held at 100%, the other recall figures at least at that measurement. 42 security entries, all
//   antivirus; antivirus/EDR (95%) and all security software (90%) are NOT met on it.
// - held-out-13 (macOS and Linux forms: Jamf extension attributes, a PPPC profile builder's app library, Ansible
//   roles and a Chef cookbook that install or remove AV/EDR agents, ordinary Debian packages; collected from
//   sources no earlier batch or growth used, committed labelled before it was first matched, five labels of the
//   PPPC list corrected from the source before any catalog change, its misses never read): held at least at its
//   measurement with the corrected labels. 24 security entries (16 antivirus/EDR, 2 banned-vendor); no recall
//   goal is met on it (banned vendors 1/2).
// - held-out-14 (Windows services a ransomware group's playbook, an AV-killing batch trojan and a user's clean-up
//   script stop, with the backup, database and mail services stopped alongside, and a real machine's Sophos services;
//   collected from sources no earlier batch or growth used, committed labelled before it was first matched, its
//   misses never read): held at least at its measurement. 12 security entries (8 antivirus/EDR, 2 banned-vendor);
//   the antivirus/EDR and all-security goals are not met on it.
// - held-out-15 (inventories real users pasted into public GitHub issues of other tools: minifilter, driver,
//   system-extension, launchd, Security Center, installed-program, service and dpkg listings; collected from sources
//   no earlier batch or growth used, committed labelled before it was first matched, its misses never read): held
//   at least at its measurement. 10 security entries (7 antivirus/EDR, 3 banned-vendor); the banned-vendor,
//   antivirus/EDR and all-security goals are not met on it.
// - held-out-16 (what Mac admins' AutoPkg recipes name: app bundles, launchd jobs and receipts of the software they
//   deploy; Workspace ONE's Mac AV/EDR notes; Linux antivirus packages, units and folders from a scanning service's and
//   two Kaspersky deployment scripts; collected from sources no earlier batch or growth used, committed labelled before
//   it was first matched, its misses never read): held at least at its measurement. 24 security entries (11
//   antivirus/EDR, 3 banned-vendor) and 1,152 ordinary; the antivirus/EDR and all-security goals are not met on it.
// - held-out and held-out-2: every goal. Their misses were read and fixed, so they are regression
//   checks of what the catalog learnt, not clean measures.
// - every half: the false-positive goal.
import { describe, expect, it } from "vitest";
import { BUILTIN_CATALOG, createMatcher } from "~/agent/shared/catalog";
import { HALVES, HELD_OUT, type Half, type HeldOut, halfOf, loadCorpus, measure, pct, tuningOf } from "../../accuracy/catalog-accuracy";

const matcher = createMatcher(BUILTIN_CATALOG);
const results = Object.fromEntries(HALVES.map((h) => [h, { rows: loadCorpus(h), m: measure(loadCorpus(h), matcher) }])) as Record<
  Half,
  { rows: ReturnType<typeof loadCorpus>; m: ReturnType<typeof measure> }
>;
const fmt = (h: Half, k: string) => `${h} ${k}: ${results[h].m.recall[k]?.hit ?? 0}/${results[h].m.recall[k]?.total ?? 0}`;
const RECALL_GOALS = ["banned vendors", "antivirus + EDR", "all security"] as const;
/** Says so (without failing) where a held-out half does not meet every recall goal. */
const warnUnmet = (h: Half) => {
  const { recall } = results[h].m;
  const banned = recall["banned vendors"]; // a half without a banned vendor's item has nothing to miss there
  const met = (!banned || pct(banned) === 100) && pct(recall["antivirus + EDR"]!) >= 95 && pct(recall["all security"]!) >= 90;
  if (!met) console.warn(`catalog recall goals NOT met on ${h}: ${RECALL_GOALS.map((k) => fmt(h, k)).join(", ")}`);
};

// Minimum sizes, so a half cannot quietly shrink into a sample that proves nothing.
const SAMPLE: Record<HeldOut, { rows: number; banned: number; protection: number; ordinary: number }> = {
  "held-out": { rows: 1000, banned: 10, protection: 100, ordinary: 1000 },
  "held-out-2": { rows: 450, banned: 8, protection: 30, ordinary: 400 },
  "held-out-3": { rows: 400, banned: 7, protection: 40, ordinary: 350 },
  "held-out-4": { rows: 300, banned: 7, protection: 20, ordinary: 280 },
  "held-out-5": { rows: 400, banned: 4, protection: 45, ordinary: 350 },
  // batch 6 holds no banned vendor's item (its sources name none): it measures the rest
  "held-out-6": { rows: 300, banned: 0, protection: 25, ordinary: 300 },
  // batch 7 (Chocolatey packages) is mostly ordinary software: few security entries (README, batch 7)
  "held-out-7": { rows: 450, banned: 2, protection: 7, ordinary: 450 },
  // batch 8 (macOS, Linux, enterprise agents) holds no banned vendor's item in its held-out half (its
  // three Kaspersky entries fell in tuning-8): it measures the rest
  "held-out-8": { rows: 250, banned: 0, protection: 40, ordinary: 200 },
  // batch 9 (real machines' inventories) is mostly ordinary software: a small security side, no banned
  // vendor's item (README, batch 9)
  "held-out-9": { rows: 250, banned: 0, protection: 5, ordinary: 250 },
  // batch 10 (Mac preference domains, Atomic Red Team, CentOS rpm listings): a small security side, no
  // banned vendor's item (README, batch 10)
  "held-out-10": { rows: 80, banned: 0, protection: 6, ordinary: 70 },
  // batch 11 (drivers of LOLDrivers and of offensive tools' AV/EDR lists, a Mac fleet): mostly Windows
  // drivers; the largest banned-vendor side since batch 1 (README, batch 11)
  "held-out-11": { rows: 200, banned: 30, protection: 60, ordinary: 140 },
  // batch 12 (test labs' product names, a Windows 7 machine's services, Debian packages): consumer and
  // business antivirus only, two banned-vendor items (README, batch 12)
  "held-out-12": { rows: 180, banned: 2, protection: 40, ordinary: 140 },
  // batch 13 (macOS and Linux forms from Mac admins' and Ansible/Chef sources, Debian packages): a small
  // security side, most of its sources' strings being equal to earlier batches' (README, batch 13)
  "held-out-13": { rows: 100, banned: 2, protection: 16, ordinary: 80 },
  // batch 14 (Windows services ransomware and AV-killing scripts stop, with the backup, database and mail
  // services stopped alongside): a small security side, many of its sources' service names being equal to
  // earlier batches' (README, batch 14)
  "held-out-14": { rows: 60, banned: 2, protection: 8, ordinary: 50 },
  // batch 15 (inventories real users pasted into public GitHub issues: minifilter, driver, system-extension,
  // launchd, Security Center, installed-program, service and dpkg listings): a small batch, most of its listings'
  // strings being equal to earlier batches' or cut by the issue excerpts it was read from (README, batch 15)
  "held-out-15": { rows: 35, banned: 3, protection: 7, ordinary: 25 },
  // batch 16 (what AutoPkg recipes name: Mac apps, launchd jobs and receipts of the software they deploy; Workspace
  // ONE's Mac AV/EDR notes; Linux AV packages, units and folders): a large false-positive sample and a small security
  // side, most of its security products' Mac strings being equal to earlier batches' (README, batch 16)
  "held-out-16": { rows: 1150, banned: 3, protection: 11, ordinary: 1100 },
  // batch 17 (the Windows Uninstall DisplayNames SaltStack's Windows package repositories match; two Ansible roles
  // deploying security agents): Windows uninstall names of ordinary software and a small security side (password
  // managers, VPN, HIDS, three antivirus entries), no banned vendor's item (README, batch 17)
  "held-out-17": { rows: 300, banned: 0, protection: 3, ordinary: 280 },
};

describe.each(HELD_OUT)("%s is a real sample", (half) => {
  it("holds sourced entries of both kinds, split by hash", () => {
    const { rows, m } = results[half];
    const min = SAMPLE[half];
    expect(rows.length).toBeGreaterThan(min.rows);
    expect(m.recall["banned vendors"]?.total ?? 0).toBeGreaterThanOrEqual(min.banned);
    expect(m.recall["antivirus + EDR"]!.total).toBeGreaterThanOrEqual(min.protection);
    expect(m.falsePositives.total).toBeGreaterThanOrEqual(min.ordinary);
    expect(rows.every((r) => halfOf(r.entry) === "held-out" && r.origin.length > 10)).toBe(true);
    expect(results[tuningOf(half)].rows.every((r) => halfOf(r.entry) === "tuning")).toBe(true);
  });
});

describe.each(["held-out", "held-out-2"] as const)("every goal on %s (read and fixed: a regression check, not a clean measure)", (half) => {
  const { m } = results[half];
  it("attributes every banned vendor's product", () => {
    expect(pct(m.recall["banned vendors"]!), fmt(half, "banned vendors")).toBe(100);
  });
  it("recognises at least 95% of antivirus and EDR, 90% of all security software", () => {
    expect(pct(m.recall["antivirus + EDR"]!), fmt(half, "antivirus + EDR")).toBeGreaterThanOrEqual(95);
    expect(pct(m.recall["all security"]!), fmt(half, "all security")).toBeGreaterThanOrEqual(90);
  });
});

describe("held-out-3, the clean half", () => {
  const { m } = results["held-out-3"];
  // First clean measurement: banned 4/7, antivirus + EDR 2/45, all security 12/75; after tuning on
  // tuning-3 only: 7/7, 22/45, 35/75; after growth from the whole source lists (the last
  // measurement): 7/7, 41/45, 69/75.
  const LAST = { "antivirus + EDR": 41 };
  it("attributes every banned vendor's product", () => {
    expect(pct(m.recall["banned vendors"]!), fmt("held-out-3", "banned vendors")).toBe(100);
  });
  it("recognises at least 90% of all security software", () => {
    expect(pct(m.recall["all security"]!), fmt("held-out-3", "all security")).toBeGreaterThanOrEqual(90);
  });
  it("does not recognise less antivirus and EDR than at its last measurement (the 95% goal is not met)", () => {
    for (const [k, hit] of Object.entries(LAST)) expect(m.recall[k]!.hit, fmt("held-out-3", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-3");
  });
});

describe("held-out-4, collected after the growth from whole source lists", () => {
  const { m } = results["held-out-4"];
  // First (clean) measurement, right after the labelled split was committed: banned 5/7,
  // antivirus + EDR 11/22, all security 12/24.
  const FIRST = { "banned vendors": 5, "antivirus + EDR": 11, "all security": 12 };
  it("does not recognise less than at its first measurement (the recall goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-4", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-4");
  });
});

describe("held-out-5, Windows entries from sources the catalog's last growth did not use", () => {
  const { m } = results["held-out-5"];
  // The one clean measurement, right after the labelled split was committed (catalog
  // 364153e4ba4fec97): banned 4/4, antivirus + EDR 34/50, all security 42/60, false positives 0/384.
  const FIRST = { "antivirus + EDR": 34, "all security": 42 };
  it("attributes every banned vendor's product", () => {
    expect(pct(m.recall["banned vendors"]!), fmt("held-out-5", "banned vendors")).toBe(100);
  });
  it("does not recognise less antivirus, EDR and security software than at its measurement (the 95% and 90% goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-5", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-5");
  });
});

describe("held-out-6, apps real fleets carry and enterprise protection's services and Mac extensions", () => {
  const { m } = results["held-out-6"];
  // The one clean measurement, right after the labelled split was committed (9afb6ce, catalog
  // b453a9ffe6c39ae3): antivirus + EDR 15/25, all security 21/38, false positives 0/307 (no banned
  // vendor's item in the batch). The catalog then grew from batch 6's own sources (README, batch 6),
  // so later figures measure how completely it covers them, not generalisation.
  const FIRST = { "antivirus + EDR": 15, "all security": 21 };
  it("does not recognise less antivirus, EDR and security software than at its first measurement", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-6", k)).toBeGreaterThanOrEqual(hit);
  });
});

describe("held-out-7, what Chocolatey packages install on Windows", () => {
  const { m } = results["held-out-7"];
  // The one clean measurement, right after the labelled split was committed (0620b7e, catalog
  // b9f354e47cf3e077, grown from the winget-pkgs index before the batch was assembled): banned 2/2,
  // antivirus + EDR 7/7, all security 11/14, false positives 1/499. The catalog was then tuned on
  // tuning-7 only; held-out-7's misses have not been read. Small on the security side (README).
  const FIRST = { "banned vendors": 2, "antivirus + EDR": 7, "all security": 11 };
  it("attributes every banned vendor's product", () => {
    expect(pct(m.recall["banned vendors"]!), fmt("held-out-7", "banned vendors")).toBe(100);
  });
  it("does not recognise less than at its first measurement (the 90% all-security goal is not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-7", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-7");
  });
});

describe("held-out-8, macOS, Linux and enterprise endpoint agents", () => {
  const { m } = results["held-out-8"];
  // The one clean measurement, right after the labelled split was committed (d670552, catalog
  // f9a21c942457a4c5, grown with Linux and macOS forms from other sources before the batch was
  // assembled): antivirus + EDR 34/41, all security 39/46, false positives 0/211; no banned vendor's
  // item. The catalog was then tuned on tuning-8 only; held-out-8's misses have not been read.
  const FIRST = { "antivirus + EDR": 34, "all security": 39 };
  it("does not recognise less than at its first measurement (the antivirus/EDR and all-security goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-8", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-8");
  });
});

describe("held-out-9, what real machines report", () => {
  const { m } = results["held-out-9"];
  // The one clean measurement, right after the labelled split was committed (0199b33, catalog
  // 3521f59433b9cedd): antivirus + EDR 3/5, all security 8/11, false positives 0/260; no banned vendor's
  // item. The catalog was then tuned on tuning-9 only; held-out-9's misses have not been read.
  const FIRST = { "antivirus + EDR": 3, "all security": 8 };
  it("does not recognise less than at its first measurement (the antivirus/EDR and all-security goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-9", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-9");
  });
});

describe("held-out-10, Mac preference domains, impaired security tools and CentOS rpm listings", () => {
  const { m } = results["held-out-10"];
  // The one clean measurement, right after the labelled split was committed (31337a4, catalog
  // e6de2a56fe8c409e): antivirus + EDR 5/6, all security 12/15, false positives 0/71; no banned vendor's
  // item. The catalog was then tuned on tuning-10 only; held-out-10's misses have not been read.
  const FIRST = { "antivirus + EDR": 5, "all security": 12 };
  it("does not recognise less than at its first measurement (the antivirus/EDR and all-security goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-10", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-10");
  });
});

describe("held-out-11, security vendors' drivers (LOLDrivers, offensive tools' AV/EDR lists) and a Mac fleet", () => {
  const { m } = results["held-out-11"];
  // The one clean measurement, right after the labelled split was committed (34bf3f8, catalog
  // 61c730594ef66b0c): banned 16/30, antivirus + EDR 20/62, all security 22/68, false positives 0/147.
  // The catalog was then tuned on tuning-11 only; held-out-11's misses have not been read.
  const FIRST = { "banned vendors": 16, "antivirus + EDR": 20, "all security": 22 };
  it("does not recognise less than at its first measurement (the banned-vendor, antivirus/EDR and all-security goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-11", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-11");
  });
});

describe("held-out-12, the names under which test labs list the security products they installed", () => {
  const { m } = results["held-out-12"];
  // The one clean measurement, right after the labelled split was committed (b33e11c, catalog
  // 60a6b8f01838cc05): banned 2/2, antivirus + EDR 31/42, all security 31/42, false positives 0/144.
  // The catalog was then tuned on tuning-12 only; held-out-12's misses have not been read.
  const FIRST = { "banned vendors": 2, "antivirus + EDR": 31, "all security": 31 };
  it("attributes every banned vendor's product", () => {
    expect(pct(m.recall["banned vendors"]!), fmt("held-out-12", "banned vendors")).toBe(100);
  });
  it("does not recognise less than at its first measurement (the antivirus/EDR and all-security goals are not met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-12", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-12");
  });
});

describe("held-out-13, macOS and Linux forms from Mac admins' scripts, a PPPC app library and agent-deployment roles", () => {
  const { m } = results["held-out-13"];
  // Measured right after the labelled split was committed (dfccacf, catalog 77f49ad51e2c8f56), and again after
  // five labels of the PPPC list were corrected from the source with the catalog unchanged (2ab650f): banned
  // 1/2, antivirus + EDR 9/16, all security 15/24, false positives 0/82 (README, batch 13). The catalog was then
  // tuned on tuning-13 only; held-out-13's misses have not been read.
  const FIRST = { "banned vendors": 1, "antivirus + EDR": 9, "all security": 15 };
  it("does not recognise less than at its first measurement (no recall goal is met)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-13", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-13");
  });
});

describe("held-out-14, Windows services that ransomware and AV-killing scripts stop", () => {
  const { m } = results["held-out-14"];
  // Measured once, right after the labelled split was committed (113554d, catalog 19dd00f5fc5bd35d): banned 2/2,
  // antivirus + EDR 7/8, all security 7/12, false positives 0/52 (README, batch 14). The catalog was then tuned on
  // tuning-14 only; held-out-14's misses have not been read.
  const FIRST = { "banned vendors": 2, "antivirus + EDR": 7, "all security": 7 };
  it("does not recognise less than at its first measurement (which met neither the antivirus/EDR nor the all-security goal)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-14", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-14");
  });
});

describe("held-out-15, inventories real users pasted into public GitHub issues", () => {
  const { m } = results["held-out-15"];
  // Measured once, right after the labelled split was committed (d1d7029, catalog c249331cd313e86f): banned 2/3,
  // antivirus + EDR 6/7, all security 8/10, false positives 0/28 (README, batch 15). The catalog was then tuned on
  // tuning-15 only; held-out-15's misses have not been read.
  const FIRST = { "banned vendors": 2, "antivirus + EDR": 6, "all security": 8 };
  it("does not recognise less than at its first measurement (which met none of the recall goals)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-15", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-15");
  });
});

describe("held-out-16, what Mac admins' AutoPkg recipes name, and Linux antivirus installs", () => {
  const { m } = results["held-out-16"];
  // Measured once, right after the labelled split was committed (c33a9e0, catalog cfd3d4a74e88bebd): banned 3/3,
  // antivirus + EDR 9/11, all security 17/24, false positives 1/1152 (README, batch 16). The catalog was then tuned
  // on tuning-16 only; held-out-16's misses have not been read.
  const FIRST = { "banned vendors": 3, "antivirus + EDR": 9, "all security": 17 };
  it("does not recognise less than at its first measurement (which met the banned-vendor goal only)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-16", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-16");
  });
});

describe("held-out-17, the Windows uninstall names SaltStack's Windows package repositories match", () => {
  const { m } = results["held-out-17"];
  // Measured once, right after the labelled split was committed (bf8b3d5, catalog 7be689c4dcc56f5e): no banned
  // vendor's item, antivirus + EDR 3/3, all security 19/21, false positives 0/292 (README, batch 17). The catalog was
  // then tuned on tuning-17 only; held-out-17's misses have not been read.
  const FIRST = { "antivirus + EDR": 3, "all security": 19 };
  it("does not recognise less than at its first measurement (which met the recall goals on a small security side)", () => {
    for (const [k, hit] of Object.entries(FIRST)) expect(m.recall[k]!.hit, fmt("held-out-17", k)).toBeGreaterThanOrEqual(hit);
    warnUnmet("held-out-17");
  });
});

describe.each(HALVES)("false positives on %s", (half) => {
  it("takes at most 1% of ordinary software for security software", () => {
    const fp = results[half].m.falsePositives;
    expect(pct(fp), `${fp.hit}/${fp.total}`).toBeLessThanOrEqual(1);
  });
});
