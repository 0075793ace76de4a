// AUTH_SECRET from the environment, or one generated on first start and kept in the data
// folder (mode 0600, never committed).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { AUTH_SECRET_MIN_BYTES, ConfigError, dataDir } from "../config";

export function authSecretFile(): string {
  return path.join(dataDir(), "auth-secret");
}

export function ensureAuthSecret(): string {
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) {
    if (Buffer.byteLength(fromEnv, "utf8") < AUTH_SECRET_MIN_BYTES) throw new ConfigError(`AUTH_SECRET must be at least ${AUTH_SECRET_MIN_BYTES} bytes`);
    return fromEnv;
  }
  const file = authSecretFile();
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString("base64url");
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw err;
  }
}
