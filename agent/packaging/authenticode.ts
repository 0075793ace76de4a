// Authenticode with osslsigncode: removing Node's signature before injection, and signing the
// executable and the MSI with the operator's certificate (PKCS#12, or PEM certificate + key).
import { renameSync, rmSync } from "node:fs";
import { sh } from "./tools";

export type AuthenticodeCreds = { pkcs12?: string; cert?: string; key?: string; passwordFile?: string; timestampUrl?: string };

/** From MUSTER_SIGN_PKCS12 | MUSTER_SIGN_CERT+MUSTER_SIGN_KEY, MUSTER_SIGN_PASSWORD_FILE, MUSTER_SIGN_TIMESTAMP_URL; null when unset. */
export function authenticodeFromEnv(env: NodeJS.ProcessEnv = process.env): AuthenticodeCreds | null {
  const c: AuthenticodeCreds = {
    pkcs12: env.MUSTER_SIGN_PKCS12 || undefined,
    cert: env.MUSTER_SIGN_CERT || undefined,
    key: env.MUSTER_SIGN_KEY || undefined,
    passwordFile: env.MUSTER_SIGN_PASSWORD_FILE || undefined,
    timestampUrl: env.MUSTER_SIGN_TIMESTAMP_URL || undefined,
  };
  if (!c.pkcs12 && !c.cert) return null;
  if (!c.pkcs12 && !c.key) throw new Error("MUSTER_SIGN_CERT needs MUSTER_SIGN_KEY (the private key, PEM)");
  return c;
}

export function removeSignature(input: string, output: string): void {
  try {
    sh("osslsigncode", ["remove-signature", "-in", input, "-out", output]);
  } catch (err) {
    // An unsigned input has nothing to remove: copy it as it is.
    if (!/no signature|not signed|Unable to find/i.test((err as Error).message)) throw err;
    sh("cp", [input, output]);
  }
}

/** Signs `file` in place (SHA-256, description and URL shown by Windows). */
export function signAuthenticode(file: string, c: AuthenticodeCreds, description = "Muster agent"): void {
  const out = `${file}.signed`;
  const creds = c.pkcs12 ? ["-pkcs12", c.pkcs12] : ["-certs", c.cert!, "-key", c.key!];
  const pass = c.passwordFile ? ["-readpass", c.passwordFile] : [];
  rmSync(out, { force: true });
  sh("osslsigncode", ["sign", ...creds, ...pass, "-h", "sha256", "-n", description, ...(c.timestampUrl ? ["-ts", c.timestampUrl] : []), "-in", file, "-out", out]);
  renameSync(out, file);
}
