// Names of the import sources and outcomes as the Import page shows them.
export { EVIDENCE_LABELS as SOURCE_LABELS } from "~/server/import/labels";

export const STATUS_BADGE: Record<string, string> = {
  applied: "badge-clean",
  duplicate: "badge-info",
  refused: "badge-banned",
  failed: "badge-banned",
  undone: "badge-neutral",
  applying: "badge-info",
};
