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
import { anyPkg, bundle, named, path, pkg, service, unit } from "./helpers";

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
        // libclamav* is the engine library pulled in by other software: not the antivirus itself; nor is
        // clamav-cvdupdate (a tool to run a signature mirror).
        ...pkg(
          "clamav|clamdscan|clamav-daemon|clamav-freshclam|clamav-base|clamav-milter|clamav-scanner|clamav-server|clamav-server-systemd|clamav-update|clamav-filesystem|clamav-lib|clamd|clamtk|clamav-unofficial-sigs|clamonacc|clamav-testfiles",
        ),
        ...anyPkg("com\\.gitlab\\.davem\\.ClamTk|clamtk"),
        ...unit("clamav-daemon|clamav-freshclam|clamav-clamonacc|clamav-milter|clamd|clamd@[\\w.-]*|clamonacc|freshclam"),
        ...path("/etc/clamav|/var/lib/clamav|/etc/clamd\\.d|/opt/clamav"),
        // "Clam Anti Virus": Greenbone's product-detection scripts (Clivebi/nvtscript @65a8f0788, the OpenVAS feed translated: the DisplayName strings each Windows detection compares), gb_clamav_detect_win
        named("^ClamAV\\b|^ClamWin\\b|^Clam Anti ?Virus\\b"),
        service("ClamD|FreshClam|clamd|freshclam"),
      ],
      removal: [{ platform: "linux", steps: ["sudo apt-get purge clamav clamav-daemon clamav-freshclam, or sudo dnf remove clamav clamd clamav-update."] }],
    },
  ],
};

export const LINUX_OSS: CatalogVendor = {
  slug: "linux-oss",
  name: "Open-source security tools (firewalld, ufw, fail2ban, AIDE, strongSwan ...)",
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
    // The rest: Debian 12 (bookworm) package index, packages of the Debian security tools teams and
    // their upstreams; units as the packages install them. Completed from the whole index (every
    // package whose name or description names a firewall, VPN or tunnel, integrity checker,
    // password manager or anti-virus, read one by one); encryption tools, keyrings, attack and
    // brute-force tools, the MAC frameworks (AppArmor, SELinux, TOMOYO) and NetworkManager's VPN plug-ins
    // (glue that pulls in the client, which is matched) stay out. Snort (not in bookworm): the package
    // names of SlackBuilds' network/snort, HP-UX's snort-2.9 and Snort 3's "snort3".
    {
      slug: "linux-oss-firewalls",
      name: "Other host firewalls (OpenSnitch, Shorewall, ferm, Firewall Builder, FireHOL, arno-iptables-firewall, APF, uif, pyroman, Mason, Plasma Firewall)",
      category: "firewall",
      signatures: [
        ...pkg(
          "opensnitch|python3-opensnitch-ui|shorewall|shorewall6|shorewall-core|ferm|fwbuilder|fwbuilder-[\\w.+-]+|apf-firewall|uif|pyroman|mason|plasma-firewall|firehol|firehol-common|firehol-tools|arno-iptables-firewall|uruk|filtergen",
        ),
        ...unit("opensnitch|shorewall|ferm|firehol|arno-iptables-firewall"),
      ],
    },
    {
      slug: "linux-oss-hids",
      name: "Host intrusion detection and file integrity (AIDE, Samhain, integrit, rkhunter, chkrootkit, Zeek, psad ...)",
      category: "other-security",
      signatures: [
        ...pkg(
          "snort|snort3|fcheck|stealth|yara|amavisd-new|amavisd-milter|aide|aide-common|aide-dynamic|aide-xen|samhain|integrit|rkhunter|chkrootkit|unhide|unhide\\.rb|tiger|tiger-otheros|debsecan|checksecurity|logcheck|zeek|zeek-core|psad|portsentry|sshguard|fwknop-server|fwknop-client|arpwatch|usbguard|usbauth|usbauth-notifier|fapolicyd|yasat",
        ),
        ...unit("aidecheck|samhain|psad|portsentry|sshguard|usbguard|fapolicyd|zeek"),
      ],
    },
    {
      slug: "linux-oss-antivirus",
      name: "ClamAV front-ends and plug-ins (ClamFS, clamassassin, Claws Mail, ProFTPD and PostgreSQL plug-ins)",
      category: "antivirus",
      signatures: [...pkg("clamfs|clamassassin|claws-mail-clamd-plugin|proftpd-mod-clamav|postgresql-\\d+-snakeoil")],
    },
    {
      slug: "linux-oss-vpn",
      name: "Open-source VPN (strongSwan, Libreswan, OpenConnect, ocserv, vpnc, tinc, Nebula, SoftEther, n2n ...)",
      category: "vpn",
      // SoftEther's every package (softether-vpnclient, -vpnserver, -vpnbridge, -vpncmd, -common).
      signatures: [
        ...pkg(
          "strongswan-[\\w-]+|libcharon-(?:extauth|extra)-plugins|charon-cmd|openfortivpn|sstp-client|pptp-linux|pptpd|xl2tpd|l2tpns|fastd|anytun|uanytun|vtun|opengnb|sshuttle|eurephia|strongswan|strongswan-charon|strongswan-starter|charon-systemd|libreswan|openconnect|ocserv|gp-saml-gui|vpnc|tinc|nebula|softether-[\\w-]+|connman-vpn|n2n|quicktun|riseup-vpn|secnet",
        ),
        ...unit("strongswan|strongswan-starter|ipsec|tinc|nebula"),
      ],
    },
    {
      slug: "linux-oss-password-manager",
      name: "Open-source password managers (pass, MacPass, Buttercup, Password Gorilla, UPM)",
      category: "password-manager",
      // Installomator macpass.sh / buttercup.sh: name="MacPass" / "Buttercup"
      // Homebrew casks password-gorilla ("Password Gorilla.app"), upm (Universal Password Manager,
      // "UPM.app"); Debian package password-gorilla.
      signatures: [
        ...pkg(
          "pass|qtpass|passwordsafe|password-gorilla|cpm|kickpass|revelation|ylva|gopass|gokey|ripasso-cursive|pypass|yapet|assword|keyringer|pass-otp|pass-extension-[\\w-]+|webext-browserpass|gnome-pass-search-provider|gnome-passwordsafe",
        ),
        { source: "macos-app", name: "^(?:MacPass|Buttercup|Password Gorilla|UPM|Universal Password Manager)$" },
        // their Mac bundle ids (Fleet-maintained apps): com.hicknhacksoftware.MacPass, pw.buttercup.desktop
        bundle("com\\.hicknhacksoftware\\.MacPass|pw\\.buttercup\\."),
        // their Windows names (winget-pkgs index (svrooij/winget-pkgs-index index.v2.json @7ac59ed78fcb: PackageId, Name): Buttercup.Buttercup, RonyShapiro.PasswordSafe, IJHack.QtPass,
        // gopass.gopass "Gopass CLI")
        named("^(?:Buttercup|Password Safe|QtPass|Gopass(?: CLI)?)(?:$|[ (]\\d|\\s+version\\b)"),
      ],
    },
  ],
};
