// `npm run agent:package`: single executables for every target, then MSI, deb, rpm and macOS
// tarballs, signed with whatever keys the operator provides, into agent/dist/packages/ with
// SHA256SUMS and release.json. Downloads only from the npm registry. See agent/README.md.
//
//   npm run agent:package -- [--targets linux-x64,windows-x64,...] [--formats sea,deb,rpm,msi,macos]
//                            [--out DIR] [--version X.Y.Z] [--fast]
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_AGENT_VERSION } from "../src/version";
import { buildAptRepo } from "./apt-repo";
import { authenticodeFromEnv, signAuthenticode } from "./authenticode";
import { buildDeb } from "./deb";
import { gpgDetachSign, gpgKeyFromEnv, rpmAddSign } from "./gpg";
import { buildMacosTarball } from "./macos";
import { buildMsi } from "./msi";
import { nodeBinary } from "./node-binaries";
import type { ReleaseFile, ReleaseIndex } from "../shared/release";
import { describeFile, loadReleaseKey, signManifest, writeSums } from "./release";
import { buildRpm } from "./rpm";
import { injectSea, makeSeaBlob } from "./sea";
import { FORMATS, NODE_VERSION, TARGETS, exeName, targetSpec, type Format, type TargetSpec } from "./targets";
import { requireTools } from "./tools";
import { writeFileSync } from "node:fs";

const agentDir = resolve(__dirname, "..");

type BuildAgent = (o: { outfile: string; version: string; publicKey: string }) => Promise<{ size: number }>;
export const DEFAULT_OUT = join(agentDir, "dist", "packages");

export type PackageOptions = { targets: TargetSpec[]; formats: Format[]; out: string; version: string; fast: boolean; cache: string; log?: (line: string) => void };

function parseList<T extends string>(raw: string | undefined, all: readonly T[], what: string): T[] {
  if (!raw) return [...all];
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items) if (!all.includes(i as T)) throw new Error(`unknown ${what} ${JSON.stringify(i)} (known: ${all.join(", ")})`);
  return items as T[];
}

export function parseOptions(argv: string[]): PackageOptions {
  const { values } = parseArgs({
    args: argv,
    options: { targets: { type: "string" }, formats: { type: "string" }, out: { type: "string" }, version: { type: "string" }, fast: { type: "boolean" }, cache: { type: "string" } },
    strict: true,
  });
  const ids = parseList(
    values.targets,
    TARGETS.map((t) => t.id),
    "target",
  );
  return {
    targets: ids.map(targetSpec),
    formats: parseList(values.formats, FORMATS, "format"),
    out: resolve(values.out ?? DEFAULT_OUT),
    version: values.version ?? process.env.MUSTER_AGENT_VERSION ?? DEFAULT_AGENT_VERSION,
    fast: values.fast === true,
    cache: resolve(values.cache ?? join(agentDir, "dist", "cache")),
  };
}

/** The external tools a build with these options runs (`gpg`: the packages are GPG-signed). */
export function neededTools(o: PackageOptions, gpg: boolean): string[] {
  const t = ["npm", "tar"];
  const has = (f: Format) => o.formats.includes(f);
  if (o.targets.some((x) => x.os === "windows")) t.push("osslsigncode");
  if (has("deb") && o.targets.some((x) => x.debArch)) t.push("dpkg-deb");
  if (has("rpm") && o.targets.some((x) => x.rpmArch)) t.push("rpmbuild", ...(gpg ? ["rpmsign"] : []));
  if (has("msi") && o.targets.some((x) => x.os === "windows")) t.push("wixl", "msibuild");
  if (gpg) t.push("gpg");
  return t;
}

export async function buildPackages(o: PackageOptions): Promise<ReleaseIndex> {
  const log = o.log ?? ((l: string) => console.log(l));
  const gpgKey = gpgKeyFromEnv();
  const authenticode = authenticodeFromEnv();
  requireTools(neededTools(o, gpgKey !== null));
  const releaseKey = process.env.MUSTER_RELEASE_KEY ? loadReleaseKey(process.env.MUSTER_RELEASE_KEY) : null;
  const work = join(o.cache, `work-${process.pid}`);
  rmSync(o.out, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(o.out, { recursive: true });
  mkdirSync(work, { recursive: true });

  const bundle = join(o.out, `muster-agent-${o.version}.js`);
  // @ts-expect-error plain ESM build script without types
  const { buildAgent } = (await import("../build.mjs")) as { buildAgent: BuildAgent };
  await buildAgent({ outfile: bundle, version: o.version, publicKey: releaseKey?.publicPem ?? "" });
  if (o.out === DEFAULT_OUT) copyFileSync(bundle, join(agentDir, "dist", "muster-agent.js")); // what /download/muster-agent.js serves
  /** How a file is signed, as the Enrollment page shows it ("none" is flagged there as unsigned). */
  const signedBy = (...own: (string | false)[]) => [...own, gpgKey && "gpg (SHA256SUMS)", releaseKey && "release key (self-update)"].filter(Boolean).join(", ") || "none";
  const files: ReleaseFile[] = [describeFile(bundle, "js", "node", signedBy())];
  const blob = makeSeaBlob(bundle, nodeBinary(targetSpec("linux-x64"), o.cache), work);
  const debs: { file: string; arch: string }[] = [];

  for (const t of o.targets) {
    const exe = join(o.out, exeName(o.version, t));
    injectSea(t, nodeBinary(t, o.cache), blob, exe);
    if (t.os === "windows" && authenticode) signAuthenticode(exe, authenticode);
    const exeSig = signedBy(t.os === "windows" && authenticode !== null && "authenticode", t.os === "darwin" && "ad hoc at install (codesign)");
    files.push(describeFile(exe, "sea", t.id, exeSig));
    log(`${exeName(o.version, t)}: ${(statSync(exe).size / 1048576).toFixed(1)} MB`);
    const args = { version: o.version, target: t, exe, outDir: o.out, workDir: work, fast: o.fast };
    if (o.formats.includes("deb") && t.debArch) {
      const deb = buildDeb(args);
      debs.push({ file: deb, arch: t.debArch });
      files.push(describeFile(deb, "deb", t.id, gpgKey ? "gpg (apt repository)" : "none"));
    }
    if (o.formats.includes("rpm") && t.rpmArch) {
      const rpm = buildRpm(args);
      if (gpgKey) rpmAddSign(gpgKey, rpm);
      files.push(describeFile(rpm, "rpm", t.id, gpgKey ? "gpg" : "none"));
    }
    if (o.formats.includes("msi") && t.os === "windows") {
      const msi = buildMsi(args);
      if (authenticode) signAuthenticode(msi, authenticode, "Muster agent installer");
      files.push(describeFile(msi, "msi", t.id, authenticode ? "authenticode" : "none"));
    }
    if (o.formats.includes("macos") && t.os === "darwin") files.push(describeFile(buildMacosTarball(args), "macos", t.id, "none (sign with build-pkg.sh on a Mac)"));
    if (!o.formats.includes("sea")) {
      rmSync(exe);
      files.splice(
        files.findIndex((f) => f.file === exeName(o.version, t)),
        1,
      );
    }
  }
  if (gpgKey && debs.length) buildAptRepo({ debs, outDir: o.out, gpgKey });

  const index: ReleaseIndex = {
    product: "muster-agent",
    version: o.version,
    node: NODE_VERSION,
    builtAt: new Date().toISOString(),
    signing: { authenticode: authenticode !== null, gpg: gpgKey, releaseKey: releaseKey?.publicPem ?? null },
    files,
    updates: releaseKey ? files.filter((f) => f.format === "sea" || f.format === "js").map((f) => signManifest(f, o.version, releaseKey.privateKey)) : [],
  };
  writeFileSync(join(o.out, "release.json"), `${JSON.stringify(index, null, 2)}\n`);
  const top = readdirSync(o.out)
    .filter((f) => statSync(join(o.out, f)).isFile() && !f.startsWith("SHA256SUMS"))
    .sort();
  const sums = writeSums(o.out, top);
  if (gpgKey) gpgDetachSign(gpgKey, sums);
  rmSync(work, { recursive: true, force: true });

  const unsigned = [
    !authenticode && o.targets.some((t) => t.os === "windows") ? "the Windows executable and MSI have NO Authenticode signature (set MUSTER_SIGN_PKCS12 or MUSTER_SIGN_CERT + MUSTER_SIGN_KEY)" : "",
    !gpgKey ? "deb, rpm and SHA256SUMS have NO GPG signature (set MUSTER_GPG_KEY)" : "",
    !releaseKey ? "NO release key: these agents cannot self-update and the server offers no updates (set MUSTER_RELEASE_KEY)" : "",
  ].filter(Boolean);
  for (const u of unsigned) log(`WARNING: UNSIGNED BUILD: ${u}`);
  return index;
}

async function main(): Promise<void> {
  const started = Date.now();
  try {
    const o = parseOptions(process.argv.slice(2));
    const index = await buildPackages(o);
    for (const f of index.files) console.log(`${f.file.padEnd(44)} ${(f.size / 1048576).toFixed(1).padStart(7)} MB  ${f.signature}`);
    console.log(`${o.out}: ${index.files.length} files, SHA256SUMS, release.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    console.error(`agent:package: ${(err as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
