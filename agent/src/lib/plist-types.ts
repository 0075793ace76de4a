// Values a property list can hold, shared by the XML and binary readers.
export type PlistValue = string | number | bigint | boolean | Date | Uint8Array | null | PlistUid | PlistValue[] | { [key: string]: PlistValue };

export type PlistDict = { [key: string]: PlistValue };

/** A keyed-archiver object reference (binary plists only). */
export class PlistUid {
  constructor(readonly UID: number) {}
}
