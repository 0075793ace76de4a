// A draft as the preview page gets it: the document data with its long lists cut to what the
// document shows. The work thread builds the whole data and hands back this form, so a national
// draft crosses to the main thread (and sits in the draft cache) as tens of kilobytes rather than
// megabytes. Every figure and count stays: the exceptions' total, rows and groups are worked out
// here from the whole list (exceptions-shown.ts), exactly as the document would from it. Never
// used for publication: a published report is always built whole and afresh. Pure.
import { EXCEPTIONS_SHOWN, showExceptions } from "./exceptions-shown";
import type { ReportData } from "./types";

export function previewData(data: ReportData): ReportData {
  const shown = showExceptions(data.exceptions);
  return {
    ...data,
    // Few exceptions are listed one by one; many only as groups, which `exceptionsShown` holds.
    exceptions: shown.count <= EXCEPTIONS_SHOWN ? data.exceptions : [],
    exceptionsShown: shown,
    findings: { ...data.findings, rows: "" },
  };
}
