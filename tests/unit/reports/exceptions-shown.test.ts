// The annex of exceptions as the document shows it, worked out once (a draft carries the result).
import { describe, expect, it } from "vitest";
import { EXCEPTIONS_SHOWN, exceptionsShown, showExceptions } from "~/server/reports/exceptions-shown";
import { previewData } from "~/server/reports/preview";
import type { Exception, ReportData } from "~/server/reports/types";

const exception = (i: number, justification: string, agencyCode: string, expires: string): Exception => ({
  waiverId: i,
  agencyCode,
  hostname: `ws-${i}`,
  deviceId: `d-${i}`,
  product: "Kaspersky Endpoint Security",
  justification,
  requestedBy: "Otto",
  approvedBy: "Ada",
  approvedOn: "2026-11-01",
  expires,
});

describe("the exceptions annex", () => {
  it("lists few exceptions one by one, with no groups", () => {
    const list = [exception(1, "a", "FIN", "2027-01-01")];
    expect(showExceptions(list)).toEqual({ count: 1, groups: [], groupCount: 0 });
    expect(showExceptions([])).toEqual({ count: 0, groups: [], groupCount: 0 });
  });

  it("groups many by justification, requester and approver: largest first, agencies counted, expiry range", () => {
    const list = [
      ...Array.from({ length: EXCEPTIONS_SHOWN + 5 }, (_, i) => exception(i, `j${String(i).padStart(2, "0")}`, "FIN", "2027-02-01")),
      exception(100, "common", "FIN", "2027-03-01"),
      exception(101, "common", "JUS", "2027-01-15"),
      exception(102, "common", "FIN", "2027-02-10"),
    ];
    const shown = showExceptions(list);
    expect(shown.count).toBe(list.length);
    expect(shown.groupCount).toBe(EXCEPTIONS_SHOWN + 6);
    expect(shown.groups).toHaveLength(EXCEPTIONS_SHOWN);
    expect(shown.groups[0]).toEqual({ justification: "common", requestedBy: "Otto", approvedBy: "Ada", installs: 3, agencies: 2, first: "2027-01-15", last: "2027-03-01" });
    expect(shown.groups[1]!.justification).toBe("j00");
  });

  it("a preview keeps the annex and drops the list only when the annex shows groups", () => {
    const many = Array.from({ length: EXCEPTIONS_SHOWN + 1 }, (_, i) => exception(i, "same", "FIN", "2027-02-01"));
    const data = { exceptions: many, findings: { layout: "per-endpoint/1", count: 3, endpoints: 2, encoding: "gzip+base64", rows: "packed" } } as unknown as ReportData;
    const cut = previewData(data);
    expect(cut.exceptions).toEqual([]);
    expect(cut.findings).toEqual({ ...data.findings, rows: "" });
    expect(exceptionsShown(cut)).toEqual(exceptionsShown(data));
    const few = { ...data, exceptions: many.slice(0, EXCEPTIONS_SHOWN) };
    expect(previewData(few).exceptions).toBe(few.exceptions);
  });
});
