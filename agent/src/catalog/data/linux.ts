// Linux-native security software.
//
// Decision: a product is catalogued when it is an optional, installable security layer
// (antivirus, firewall manager, intrusion banning). Kernel frameworks that ship with the OS and are
// present on nearly every machine, i.e. AppArmor, SELinux, iptables and nftables, are OS features,
// not products: they are not catalogued and the heuristic ignores them. Windows Firewall is the
// exception by design because Windows Security Center registers it as a firewall product.
//
// firewalld and ufw have no company behind them (Red Hat and Canonical lead them as open-source
// projects), so they live with fail2ban under one "community" vendor, `linux-oss`.
import type { CatalogVendor } from "../types";
import { anyPkg, named, path, pkg, service, unit } from "./helpers";

/** ClamAV (Cisco Talos). Its own vendor so a policy on Cisco does not reach it, and vice versa. */
export const CLAMAV: CatalogVendor = {
  slug: "clamav",
  name: "ClamAV (Cisco Talos)",
  country: "US",
  publishers: ["^ClamAV\\b|Cisco Talos"],
  products: [
    {
      slug: "clamav",
      name: "ClamAV",
      category: "antivirus",
      signatures: [
        // libclamav* is the engine library pulled in by other software: not the antivirus itself.
        ...pkg("clamav|clamav-daemon|clamav-freshclam|clamav-base|clamav-milter|clamav-scanner|clamav-server|clamav-server-systemd|clamav-update|clamav-filesystem|clamav-lib|clamd|clamtk|clamav-unofficial-sigs|clamonacc"),
        ...anyPkg("com\\.gitlab\\.davem\\.ClamTk|clamtk"),
        ...unit("clamav-daemon|clamav-freshclam|clamav-clamonacc|clamav-milter|clamd|clamd@[\\w.-]*|clamonacc|freshclam"),
        ...path("/etc/clamav|/var/lib/clamav|/etc/clamd\\.d|/opt/clamav"),
        named("^ClamAV\\b|^ClamWin\\b"),
        service("ClamD|FreshClam|clamd|freshclam"),
      ],
      removal: [{ platform: "linux", steps: ["sudo apt-get purge clamav clamav-daemon clamav-freshclam, or sudo dnf remove clamav clamd clamav-update."] }],
    },
  ],
};

export const LINUX_OSS: CatalogVendor = {
  slug: "linux-oss",
  name: "Open-source Linux security tools (firewalld, ufw, fail2ban)",
  publishers: [],
  products: [
    {
      slug: "firewalld",
      name: "firewalld",
      category: "firewall",
      signatures: [...pkg("firewalld|firewall-config|firewall-applet|python3-firewall|firewalld-filesystem"), ...unit("firewalld")],
    },
    {
      slug: "ufw",
      name: "Uncomplicated Firewall (ufw, gufw)",
      category: "firewall",
      signatures: [...pkg("ufw|gufw"), ...unit("ufw")],
    },
    {
      slug: "fail2ban",
      name: "fail2ban",
      category: "other-security",
      signatures: [...pkg("fail2ban"), ...unit("fail2ban")],
    },
  ],
};
