import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnrollConf } from "~/agent/src/commands/enroll-conf";
import type { ReleaseManifest } from "~/agent/shared/protocol";
import { compareVersions, manifestText } from "~/agent/shared/release";
import { checkOffer } from "~/agent/src/update/check-offer";
import { rolloutBucket } from "~/server/agent-updates/rollout";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519");
const pub = publicKey.export({ type: "spki", format: "pem" }).toString();
const base: ReleaseManifest = { product: "muster-agent", version: "0.3.0", target: "linux-x64", file: "muster-agent-0.3.0-linux-x64", size: 1000, sha256: "a".repeat(64) };
const offer = (m: Partial<ReleaseManifest> = {}, key = privateKey, url = "/download/packages/muster-agent-0.3.0-linux-x64") => {
  const text = manifestText({ ...base, ...m });
  return { manifest: text, signature: sign(null, Buffer.from(text), key).toString("base64"), url };
};
const check = (o: ReturnType<typeof offer>, current = "0.2.0", target = "linux-x64" as const) => checkOffer(o, { publicKey: pub, current, target });

describe("what an agent makes of an update offer, before downloading anything", () => {
  it("accepts a newer version for its own target signed with its release key", () => {
    expect(check(offer())).toEqual({ ok: true, manifest: base });
  });

  it("refuses another key's signature, a changed manifest, another target, a downgrade, a foreign URL", () => {
    expect(check(offer({}, other.privateKey))).toMatchObject({ ok: false, outcome: "refused", reason: expect.stringContaining("bad signature") });
    const o = offer();
    expect(check({ ...o, manifest: o.manifest.replace("0.3.0", "0.4.0") })).toMatchObject({ ok: false, reason: expect.stringContaining("bad signature") });
    expect(check(offer({ target: "windows-x64" }))).toMatchObject({ ok: false, reason: "the update is for windows-x64, this agent is linux-x64" });
    expect(check(offer({ version: "0.1.0" }))).toMatchObject({ ok: false, outcome: "refused", reason: "downgrade refused: 0.1.0 is older than 0.2.0" });
    expect(check(offer({}, privateKey, "https://elsewhere.example/agent"))).toMatchObject({ ok: false, reason: expect.stringContaining("not a package on this server") });
    expect(check(offer({}, privateKey, "/download/packages/../../etc/passwd"))).toMatchObject({ ok: false });
  });

  it("ignores its own version, and refuses everything when built without a release key", () => {
    expect(check(offer({ version: "0.2.0" }))).toMatchObject({ ok: false, outcome: "ignored" });
    expect(checkOffer(offer(), { publicKey: "", current: "0.2.0", target: "linux-x64" })).toMatchObject({ ok: false, outcome: "refused", reason: expect.stringContaining("without a release key") });
  });

  it("compares versions numerically", () => {
    expect(compareVersions("0.10.0", "0.9.9")).toBeGreaterThan(0);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
    expect(compareVersions("garbage", "0.0.1")).toBeLessThan(0);
  });
});

describe("enroll.conf", () => {
  it("reads key=value lines with comments and quotes", () => {
    expect(parseEnrollConf("# Muster\nserver=https://muster.example.gov\ntoken_file = '/root/token'\nallow_http=yes\n\nproxy=\"http://proxy:3128\"\n")).toEqual({
      server: "https://muster.example.gov",
      tokenFile: "/root/token",
      allowHttp: true,
      proxy: "http://proxy:3128",
    });
  });
  it("names the line it does not understand", () => {
    expect(() => parseEnrollConf("server=x\npassword=secret\n")).toThrow("line 2: expected one of server, token, token_file, ca, proxy, allow_http");
  });
});

describe("staged rollout buckets", () => {
  it("are stable per device and spread evenly", () => {
    expect(rolloutBucket("device-1")).toBe(rolloutBucket("device-1"));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) counts[Math.floor(rolloutBucket(`dev-${i}`) / 10)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});
