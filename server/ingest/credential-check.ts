// The check-in's first check, before its body is read (http.ts): is the secret the current
// credential of an endpoint that is not revoked? The requests that arrive together are looked up
// in one statement, after the event loop's current turn. On PostgreSQL that is one round trip for
// all of them rather than one each, during which the node's event loop waits (db/pg-sync.ts); on
// SQLite one read transaction rather than one each, which under load cost more than the look-up
// (about 20 us a check-in at 3,000/s, tests/bench/ingest.ts). The group commit checks the
// credential again inside its transaction (checkin.ts), so a revocation or a re-enrollment
// between the two is still refused.
import type { Db } from "../db/client";
import { equalHex, sha256Hex } from "../lib/crypto";
import { DUMMY_HASH } from "./checkin";
import { type DeviceCredential, deviceCredentials } from "./store-devices";

type Pending = { deviceId: string; secret: string; resolve: (ok: boolean) => void; reject: (err: unknown) => void };

export class CredentialCheck {
  private queue: Pending[] = [];

  constructor(private readonly db: Db) {}

  /** Whether `secret` is the current credential of `deviceId`'s endpoint, not revoked (one hash each). */
  authenticates(deviceId: string, secret: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ deviceId, secret, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    let found: Map<string, DeviceCredential>;
    try {
      found = deviceCredentials(this.db, [...new Set(queue.map((p) => p.deviceId))]);
    } catch (err) {
      for (const p of queue) p.reject(err); // a storage failure: 503 for each (http.ts)
      return;
    }
    for (const p of queue) p.resolve(matches(found.get(p.deviceId), p.secret));
  }
}

function matches(ep: DeviceCredential | undefined, secret: string): boolean {
  return equalHex(sha256Hex(secret), ep?.h ?? DUMMY_HASH) && ep !== undefined && ep.r === null;
}
