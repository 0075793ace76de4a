import { describe, expect, it } from "vitest";
import { bypassesProxy, proxyAuthorization, proxyFor } from "~/agent/src/transport/proxy";

const u = (s: string) => new URL(s);

describe("proxy selection", () => {
  it("https targets use HTTPS_PROXY (either case), http targets HTTP_PROXY", () => {
    const env = { HTTPS_PROXY: "http://proxy.gov:3128", http_proxy: "http://plain.gov:8080" };
    expect(proxyFor(u("https://muster.gov/api"), env)?.host).toBe("proxy.gov:3128");
    expect(proxyFor(u("http://muster.gov/api"), env)?.host).toBe("plain.gov:8080");
    expect(proxyFor(u("https://muster.gov/api"), { https_proxy: "proxy.gov:3128" })?.href).toBe("http://proxy.gov:3128/");
    expect(proxyFor(u("https://muster.gov/api"), {})).toBeNull();
  });

  it("NO_PROXY: exact hosts, domain suffixes, ports, wildcard", () => {
    expect(bypassesProxy(u("https://muster.gov"), "localhost,muster.gov")).toBe(true);
    expect(bypassesProxy(u("https://a.b.muster.gov"), ".muster.gov")).toBe(true);
    expect(bypassesProxy(u("https://a.muster.gov"), "muster.gov")).toBe(true);
    expect(bypassesProxy(u("https://notmuster.gov"), "muster.gov")).toBe(false);
    expect(bypassesProxy(u("https://x.muster.gov"), "*.muster.gov")).toBe(true);
    expect(bypassesProxy(u("https://muster.gov:8443"), "muster.gov:443")).toBe(false);
    expect(bypassesProxy(u("https://muster.gov"), "muster.gov:443")).toBe(true);
    expect(bypassesProxy(u("https://127.0.0.1:9000"), "127.0.0.1")).toBe(true);
    expect(bypassesProxy(u("https://anything"), "*")).toBe(true);
    expect(proxyFor(u("https://muster.gov"), { HTTPS_PROXY: "http://p:1", no_proxy: "muster.gov" })).toBeNull();
  });

  it("an explicit proxy wins over the environment; only http:// proxies", () => {
    expect(proxyFor(u("https://muster.gov"), { HTTPS_PROXY: "http://env:1" }, "http://flag:2")?.host).toBe("flag:2");
    expect(() => proxyFor(u("https://muster.gov"), { HTTPS_PROXY: "socks5://p:1080" })).toThrow(/only http:\/\/ proxies/);
  });

  it("proxy credentials become Basic Proxy-Authorization", () => {
    expect(proxyAuthorization(u("http://user%40gov:p%3Ass@proxy:3128"))).toBe(`Basic ${Buffer.from("user@gov:p:ss").toString("base64")}`);
    expect(proxyAuthorization(u("http://proxy:3128"))).toBeUndefined();
  });
});
