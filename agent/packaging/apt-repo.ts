// A signed apt repository layout for the .deb files (apt verifies InRelease with the operator's
// key, then every file by the hashes it lists):
//   apt/pool/main/muster-agent_<v>_<arch>.deb
//   apt/dists/stable/main/binary-<arch>/Packages(.gz)
//   apt/dists/stable/Release, InRelease, Release.gpg
//   apt/muster-archive-keyring.gpg (the public key, for signed-by=)
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { gpgClearSign, gpgDetachSign, gpgExportPublic } from "./gpg";
import { sh } from "./tools";

const hash = (algo: string, file: string) => createHash(algo).update(readFileSync(file)).digest("hex");

/** One Packages stanza: the deb's control file plus where it is and its hashes. */
export function packagesStanza(control: string, filename: string, file: string): string {
  return `${control.trimEnd()}\nFilename: ${filename}\nSize: ${statSync(file).size}\nMD5sum: ${hash("md5", file)}\nSHA256: ${hash("sha256", file)}\n`;
}

export function buildAptRepo(o: { debs: { file: string; arch: string }[]; outDir: string; gpgKey: string }): string {
  const root = join(o.outDir, "apt");
  rmSync(root, { recursive: true, force: true });
  const pool = join(root, "pool", "main");
  mkdirSync(pool, { recursive: true });
  const dist = join(root, "dists", "stable");
  const indexes: string[] = [];
  const arches = [...new Set(o.debs.map((d) => d.arch))];
  for (const arch of arches) {
    const stanzas = o.debs
      .filter((d) => d.arch === arch)
      .map((d) => {
        const target = join(pool, basename(d.file));
        copyFileSync(d.file, target);
        return packagesStanza(sh("dpkg-deb", ["-f", target]), relative(root, target), target);
      });
    const dir = join(dist, "main", `binary-${arch}`);
    mkdirSync(dir, { recursive: true });
    const text = stanzas.join("\n");
    writeFileSync(join(dir, "Packages"), text);
    writeFileSync(join(dir, "Packages.gz"), gzipSync(text, { level: 9 }));
    indexes.push(join(dir, "Packages"), join(dir, "Packages.gz"));
  }
  const lines = (algo: string) => indexes.map((f) => ` ${hash(algo, f)} ${String(statSync(f).size).padStart(10)} ${relative(dist, f)}`).join("\n");
  const release = `Origin: Muster
Label: Muster agent
Suite: stable
Codename: stable
Date: ${new Date().toUTCString()}
Architectures: ${arches.join(" ")}
Components: main
Description: Muster agent packages
MD5Sum:
${lines("md5")}
SHA256:
${lines("sha256")}
`;
  writeFileSync(join(dist, "Release"), release);
  gpgClearSign(o.gpgKey, join(dist, "Release"), join(dist, "InRelease"));
  gpgDetachSign(o.gpgKey, join(dist, "Release"), false);
  gpgExportPublic(o.gpgKey, join(root, "muster-archive-keyring.gpg"));
  return root;
}
