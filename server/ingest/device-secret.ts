// Device secrets carry their device id ("mst_dev_<deviceId>.<43 random base64url characters>"), so
// a check-in is authenticated from its Authorization header alone, before its body is read: a
// wrong secret costs one indexed look-up and one hash, never a parse. Secrets of the older form
// (no device id) keep working and are authenticated after the parse, as before.
import { randomSecret } from "../lib/crypto";

export const DEVICE_SECRET_PREFIX = "mst_dev_";
const EMBEDDED = /^mst_dev_(dev_[a-z2-7]{20})\.[A-Za-z0-9_-]{43}$/;

export function newDeviceSecret(deviceId: string): string {
  return randomSecret(`${DEVICE_SECRET_PREFIX}${deviceId}.`, 32);
}

/** The device id a secret names, or null for a secret of the older form (or not a secret at all). */
export function deviceIdOfSecret(secret: string): string | null {
  return EMBEDDED.exec(secret)?.[1] ?? null;
}
