// Benchmark: how long the catalog matcher takes to classify 2,000 realistic dpkg entries (an
// Ubuntu desktop has ~2,000 packages), plus how long createMatcher takes to compile the catalog.
// Prints figures; not a test. Run: node --require ./server/runtime/preload.cjs --import tsx tests/bench/catalog-match.ts
import { performance } from "node:perf_hooks";
import type { SoftwareEntry } from "../../agent/shared/protocol";
import { BUILTIN_CATALOG, createMatcher } from "../../agent/shared/catalog";
import { finish, newResult } from "./lib/results";
import { HALVES, loadCorpus } from "../accuracy/catalog-accuracy";

const BASE = [
  "accountsservice",
  "acl",
  "adduser",
  "alsa-utils",
  "apparmor",
  "apport",
  "apt",
  "apt-utils",
  "aspell",
  "at-spi2-core",
  "avahi-daemon",
  "base-files",
  "base-passwd",
  "bash",
  "bash-completion",
  "bc",
  "bind9-host",
  "binutils",
  "bluez",
  "bolt",
  "bsdutils",
  "build-essential",
  "busybox",
  "bzip2",
  "ca-certificates",
  "cloud-init",
  "colord",
  "console-setup",
  "coreutils",
  "cpio",
  "cpp",
  "cracklib-runtime",
  "cron",
  "cups",
  "cups-browsed",
  "curl",
  "dash",
  "dbus",
  "dconf-gsettings-backend",
  "debconf",
  "debianutils",
  "desktop-file-utils",
  "diffutils",
  "dirmngr",
  "distro-info-data",
  "dmidecode",
  "dmsetup",
  "dnsmasq-base",
  "docker-ce",
  "dosfstools",
  "dpkg",
  "e2fsprogs",
  "ed",
  "eject",
  "evince",
  "fdisk",
  "file",
  "findutils",
  "firefox",
  "fontconfig",
  "fonts-dejavu-core",
  "fonts-liberation",
  "friendly-recovery",
  "fuse3",
  "fwupd",
  "g++",
  "gcc",
  "gdb",
  "gdm3",
  "gettext-base",
  "gir1.2-gtk-3.0",
  "git",
  "gnome-shell",
  "gnome-terminal",
  "gnupg",
  "gpg",
  "gpgv",
  "grep",
  "groff-base",
  "grub-common",
  "grub-efi-amd64",
  "gsettings-desktop-schemas",
  "gstreamer1.0-plugins-base",
  "gzip",
  "hdparm",
  "hostname",
  "htop",
  "ibus",
  "ifupdown",
  "init",
  "initramfs-tools",
  "iproute2",
  "iptables",
  "iputils-ping",
  "irqbalance",
  "isc-dhcp-client",
  "iso-codes",
  "jq",
  "kbd",
  "keyboard-configuration",
  "klibc-utils",
  "kmod",
  "krb5-locales",
  "less",
  "libc6",
  "libssl3",
  "libsecret-1-0",
  "libgcrypt20",
  "libgnutls30",
  "libnss3",
  "libpam-modules",
  "libsystemd0",
  "libudev1",
  "libxml2",
  "locales",
  "login",
  "logrotate",
  "lsb-base",
  "lsb-release",
  "lshw",
  "lsof",
  "lvm2",
  "make",
  "man-db",
  "manpages",
  "mawk",
  "mime-support",
  "modemmanager",
  "mount",
  "mtr-tiny",
  "nano",
  "ncurses-base",
  "netbase",
  "netplan.io",
  "network-manager",
  "network-manager-openvpn",
  "nftables",
  "openssh-client",
  "openssh-server",
  "openssl",
  "os-prober",
  "packagekit",
  "parted",
  "passwd",
  "pciutils",
  "perl",
  "pinentry-curses",
  "plymouth",
  "policykit-1",
  "polkitd",
  "procps",
  "psmisc",
  "pulseaudio",
  "python3",
  "python3-apt",
  "python3-cryptography",
  "python3-yaml",
  "python3-requests",
  "python3-falcon",
  "readline-common",
  "redis-sentinel",
  "rsync",
  "rsyslog",
  "sed",
  "sensible-utils",
  "shared-mime-info",
  "snapd",
  "sosreport",
  "ssh-import-id",
  "strace",
  "sudo",
  "systemd",
  "systemd-sysv",
  "systemd-timesyncd",
  "tar",
  "tcpdump",
  "thunderbird",
  "time",
  "tmux",
  "tzdata",
  "ubuntu-advantage-tools",
  "ubuntu-minimal",
  "ubuntu-standard",
  "ucf",
  "udev",
  "udisks2",
  "unattended-upgrades",
  "unzip",
  "update-notifier-common",
  "usbutils",
  "util-linux",
  "vim",
  "vim-common",
  "wget",
  "whiptail",
  "xdg-utils",
  "xkb-data",
  "xserver-xorg",
  "xz-utils",
  "zlib1g",
];
const VARIANTS = ["", "-dev", "-doc", "-common", "-data", "-bin", "-utils", "-dbg", "1", "-l10n"];
const SECURITY = ["kesl", "klnagent64", "clamav", "clamav-daemon", "clamav-freshclam", "firewalld", "fail2ban", "falcon-sensor", "mdatp", "wazuh-agent", "ufw", "openvpn"];

function makeEntries(n: number): SoftwareEntry[] {
  const names: string[] = [...SECURITY];
  for (let v = 0; names.length < n; v++)
    for (const b of BASE) {
      const suffix = VARIANTS[v % VARIANTS.length] ?? "";
      names.push(v < VARIANTS.length ? `${b}${suffix}` : `lib${b}${v}`);
      if (names.length >= n) break;
    }
  return names.map((name, i) => ({
    source: "dpkg" as const,
    name,
    identifier: name,
    version: `1.${i % 17}.${i % 5}-0ubuntu${i % 3}`,
    publisher: i % 2 ? "Ubuntu Developers" : "Debian QA Group",
  }));
}

const entries = makeEntries(2000);
let t0 = performance.now();
const matcher = createMatcher(BUILTIN_CATALOG);
const compileMs = performance.now() - t0;

// First pass: includes V8's lazy regexp compilation. Then the steady state over 20 rounds.
t0 = performance.now();
let matched = entries.filter((e) => matcher.classify(e)).length;
const firstMs = performance.now() - t0;
const ROUNDS = 20;
t0 = performance.now();
for (let r = 0; r < ROUNDS; r++) matched = entries.filter((e) => matcher.classify(e)).length;
const steadyMs = (performance.now() - t0) / ROUNDS;
t0 = performance.now();
const suspicious = entries.filter((e) => !matcher.classify(e) && matcher.looksLikeSecurity(e)).length;
const heuristicMs = performance.now() - t0;

// Baseline, measured in the same run: the catalog as it was before it grew (its first 42 vendors,
// the release before issue 19), and the full catalog with a local overlay of 100 rules.
const timeClassify = (m: ReturnType<typeof createMatcher>, list: SoftwareEntry[] = entries) => {
  list.forEach((e) => m.classify(e));
  const t = performance.now();
  for (let r = 0; r < ROUNDS; r++) list.forEach((e) => m.classify(e));
  return (performance.now() - t) / ROUNDS;
};
const before = createMatcher({ vendors: BUILTIN_CATALOG.vendors.slice(0, 42) });
const beforeMs = timeClassify(before);
const rules = Array.from({ length: 100 }, (_, i) => ({ id: `local-${i}`, signature: { source: "dpkg" as const, identifier: `^local-package-${i}$` }, result: null }));
const withOverlay = createMatcher({ ...BUILTIN_CATALOG, local: { revision: 1, vendors: [], products: [], rules } });
const overlayMs = timeClassify(withOverlay);

// Real strings of every source (Windows uninstall entries, services and drivers, macOS apps,
// receipts and launchd labels, packages): the first 2,000 of the accuracy corpus.
const real = HALVES.flatMap((h) => loadCorpus(h).map((r) => r.entry)).slice(0, 2000);
const realMs = timeClassify(matcher, real);
const realBeforeMs = timeClassify(before, real);

const products = BUILTIN_CATALOG.vendors.reduce((n, v) => n + v.products.length, 0);
const signatures = BUILTIN_CATALOG.vendors.reduce((n, v) => n + v.products.reduce((m, p) => m + p.signatures.length, 0), 0);
const result = newResult("catalog-match", "Catalog matcher (agent and server)");
result.tables.push({
  title: `Catalog ${BUILTIN_CATALOG.version}: ${BUILTIN_CATALOG.vendors.length} vendors, ${products} products, ${signatures} signatures; 2,000 dpkg entries (an Ubuntu desktop)`,
  columns: ["step", "time", ""],
  rows: [
    ["createMatcher (compile the catalog)", `${compileMs.toFixed(2)} ms`, ""],
    ["classify 2,000 entries, first pass", `${firstMs.toFixed(2)} ms`, ""],
    ["classify 2,000 entries, warm (mean of 20)", `${steadyMs.toFixed(2)} ms`, `${matched} matched`],
    ["classify + looksLikeSecurity on the unmatched", `${heuristicMs.toFixed(2)} ms`, `${suspicious} flagged`],
    ["baseline: the 42-vendor catalog, warm", `${beforeMs.toFixed(2)} ms`, "same entries, same run"],
    ["with a local overlay of 100 rules, warm", `${overlayMs.toFixed(2)} ms`, ""],
    ["classify 2,000 real strings of every source (accuracy corpus), warm", `${realMs.toFixed(2)} ms`, ""],
    ["baseline: the 42-vendor catalog on the same real strings, warm", `${realBeforeMs.toFixed(2)} ms`, "same run"],
  ],
});
finish(result);
