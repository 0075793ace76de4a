// MUSTER_TRUST_PROXY: the reverse proxies whose forwarded headers are believed, as a block list.
import { BlockList, isIP } from "node:net";

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

/** The reverse proxies whose forwarded headers are believed (MUSTER_TRUST_PROXY). */
export type TrustedProxies = { list: BlockList; entries: string[]; has(address: string): boolean };

/** Strips the IPv4-mapped prefix Node gives IPv4 peers on dual-stack sockets (::ffff:10.0.0.1). */
export function plainAddress(address: string): string {
  const a = address.trim().replace(/^\[|\]$/g, "");
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/**
 * MUSTER_TRUST_PROXY: a comma-separated list of proxy addresses or CIDR blocks
 * ("10.0.0.5, 10.1.0.0/16, ::1"). Empty: no proxy, forwarded headers are dropped.
 */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries: string[] = [];
  for (const item of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(item);
    const addr = m ? plainAddress(m[1]!) : "";
    const family = isIP(addr);
    const prefix = m?.[2] === undefined ? (family === 6 ? 128 : 32) : Number(m[2]);
    if (!family || prefix > (family === 6 ? 128 : 32)) {
      throw new ConfigError(
        `MUSTER_TRUST_PROXY must list the reverse proxies' addresses or CIDR blocks, e.g. "10.0.0.5,10.1.0.0/16" (got "${item}"${/^\d+$/.test(item) ? ": a number of hops is no longer accepted" : ""})`,
      );
    }
    list.addSubnet(addr, prefix, family === 6 ? "ipv6" : "ipv4");
    entries.push(`${addr}/${prefix}`);
  }
  return {
    list,
    entries,
    has(address: string) {
      const a = plainAddress(address);
      const family = isIP(a);
      return family !== 0 && entries.length > 0 && list.check(a, family === 6 ? "ipv6" : "ipv4");
    },
  };
}
