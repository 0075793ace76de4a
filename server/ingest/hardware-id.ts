// Hardware ids are stored keyed with a secret of this deployment: HMAC-SHA256(salt, id the agent
// sent). The agent's id is derived from a machine id local users can read; stored salted, a copy
// of the database cannot be matched against machines (or another deployment's database). The
// salt is made on first use and kept in `settings`; making it re-keys any endpoint stored before.
// Several app nodes may make it at once (issue 15): each inserts its own only if there is none
// (`on conflict do nothing`), re-keys only if its insert won, and then every node reads the one
// that won, in one transaction (on PostgreSQL the losing insert waits for the winner's commit).
import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "../db/client";
import { insertSettingIfAbsent, rekeyHardwareIds, storedSetting } from "./store-settings";

const SALT_KEY = "hardware_id_salt";
const salts = new WeakMap<object, string>();

const keyed = (salt: string, id: string) => createHmac("sha256", salt).update(id, "utf8").digest("hex");

/** The deployment's salt, created (and every stored id re-keyed with it) when missing. */
export function hardwareSalt(db: Db): string {
  const cached = salts.get(db.$client);
  if (cached) return cached;
  const salt = db.$client
    .transaction(() => {
      const stored = storedSetting(db, SALT_KEY);
      if (stored !== undefined) return stored;
      const fresh = randomBytes(32).toString("hex");
      // Re-keyed once, by the node whose salt won: keyed twice, the ids would match no agent.
      if (insertSettingIfAbsent(db, SALT_KEY, fresh)) rekeyHardwareIds(db, (id) => keyed(fresh, id));
      return storedSetting(db, SALT_KEY)!;
    })
    .immediate();
  salts.set(db.$client, salt);
  return salt;
}

/** What is stored for the hardware id an agent sent. */
export function storedHardwareId(db: Db, sent: string): string {
  return keyed(hardwareSalt(db), sent);
}
