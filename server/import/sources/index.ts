// The inventory formats Muster reads, and which one a file is in.
import type { ImportSource } from "~/server/db/schema/imports";
import { configmgr } from "./configmgr";
import { defender } from "./defender";
import { fleet } from "./fleet";
import { intune } from "./intune";
import { osquery } from "./osquery";
import type { InventoryParser } from "./types";

export const PARSERS: Record<ImportSource, InventoryParser> = { intune, defender, configmgr, osquery, fleet };

/** Detection order: the most specific formats first (Fleet's hosts and osquery's logs are JSON too). */
const ORDER: InventoryParser[] = [fleet, osquery, defender, intune, configmgr];

/** The format of a file from its first characters, or null. */
export function detectFormat(head: string): InventoryParser | null {
  return ORDER.find((p) => p.detect(head)) ?? null;
}

export type { ImportEvent, InventoryParser, ParseOptions, SourceDevice } from "./types";
