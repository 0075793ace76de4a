// AUTH_SECRET from the environment, or one generated on first start and kept in the data
// folder (mode 0600, never committed).
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { config, dataDir } from "../config";

export function authSecretFile(): string {
  return path.join(dataDir(), "auth-secret");
}

export function ensureAuthSecret(): string {
  const fromEnv = config.authSecret; // at least AUTH_SECRET_MIN_BYTES (config/env.ts)
  if (fromEnv) return fromEnv;
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
