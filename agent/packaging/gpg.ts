// OpenPGP signing with the operator's key (MUSTER_GPG_KEY: a key id or fingerprint in GNUPGHOME):
// detached signatures, clear-signed apt Release files, and rpmsign --addsign.
import { rmSync } from "node:fs";
import { sh } from "./tools";

export function gpgKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.MUSTER_GPG_KEY || null;
}

export function gpgDetachSign(key: string, file: string, armor = true): string {
  const out = `${file}${armor ? ".asc" : ".gpg"}`;
  rmSync(out, { force: true });
  sh("gpg", ["--batch", "--yes", "--local-user", key, ...(armor ? ["--armor"] : []), "--detach-sign", "--output", out, file]);
  return out;
}

export function gpgClearSign(key: string, file: string, out: string): void {
  rmSync(out, { force: true });
  sh("gpg", ["--batch", "--yes", "--local-user", key, "--clearsign", "--output", out, file]);
}

export function gpgExportPublic(key: string, out: string): void {
  rmSync(out, { force: true });
  sh("gpg", ["--batch", "--yes", "--output", out, "--export", key]);
}

export function rpmAddSign(key: string, rpm: string): void {
  const gpg = sh("sh", ["-c", "command -v gpg"]).trim();
  sh("rpmsign", ["--define", `__gpg ${gpg}`, "--define", `_gpg_name ${key}`, "--define", "_gpg_sign_cmd_extra_args --batch --pinentry-mode loopback", "--addsign", rpm]);
}
