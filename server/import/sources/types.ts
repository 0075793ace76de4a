// What every inventory parser produces: a stream of events, each carrying the line of the file it
// came from, so a bad row is reported where it is. Parsers are pure (no database, no clock): they
// map a tool's rows onto the agent's software entries, so the server's matcher, policies and
// findings treat an imported entry exactly as an agent's.
import type { Platform } from "~/agent/shared/protocol";
import type { ImportSource } from "~/server/db/schema/imports";
import type { Said } from "~/server/i18n/said";
import type { EntryLike } from "~/server/catalog/software";

/** A device as the tool describes it. User columns (names, e-mail addresses) never get here. */
export type SourceDevice = {
  /** The tool's own id for the device (Intune/Defender DeviceId, ResourceID, hostIdentifier, Fleet id). */
  key: string;
  hostname: string;
  /** null: a platform Muster does not cover (iOS, Android ...): its rows are skipped, not refused. */
  platform: Platform | null;
  osName: string;
  osVersion: string;
  /** Hardware UUID (SMBIOS / IOPlatformUUID) when the tool gives one. */
  hardwareUuid?: string;
  /** When the tool collected this device's inventory (epoch ms), when the file says. */
  collectedAt?: number;
};

export type ImportEvent =
  /** The device has this software (a row of its inventory). `software` null: a device row without software. */
  | { kind: "row"; line: number; device: SourceDevice; software: EntryLike | null }
  /** The tool says this software is gone (osquery diffResults.removed). */
  | { kind: "removed"; line: number; device: SourceDevice; software: EntryLike }
  /** A full snapshot of one agent source of the device follows: forget what came before for it. */
  | { kind: "snapshot"; line: number; device: SourceDevice; source: EntryLike["source"] }
  /** A row left out on purpose (a package that is not installed, a mobile platform ...). */
  | { kind: "skip"; line: number; reason: Said }
  /** A bad row: the whole import is refused. */
  | { kind: "error"; line: number; text: Said };

export type ParseOptions = {
  /** osqueryi output that names no host: the host it was run on. */
  host?: string;
};

export type InventoryParser = {
  name: ImportSource;
  label: string;
  /** Whether the start of a file (decoded text, BOM removed) is in this tool's format. */
  detect(head: string): boolean;
  /** Why the start of a file is not in this tool's format (missing columns ...), or null when it is. */
  explain(head: string): Said | null;
  parse(text: AsyncIterable<string>, opts?: ParseOptions): AsyncIterable<ImportEvent>;
};

/** Characters never allowed in an identity field (hostname, device id): C0 controls and DEL. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export function hasControl(s: string): boolean {
  return CONTROL.test(s);
}
