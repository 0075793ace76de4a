// The Agencies table's status filter values (also accepted in the address: /agencies?status=behind);
// their names are in the catalogs (agencies.filter.*).
export const STATUS_FILTERS = {
  behind: ["overdue", "at-risk"],
  overdue: ["overdue"],
  "at-risk": ["at-risk"],
  "on-track": ["on-track"],
  "no-deadline": ["no-deadline"],
  done: ["done"],
} as const satisfies Record<string, readonly string[]>;

export type StatusFilter = keyof typeof STATUS_FILTERS;

export function isStatusFilter(v: string): v is StatusFilter {
  return Object.hasOwn(STATUS_FILTERS, v);
}
