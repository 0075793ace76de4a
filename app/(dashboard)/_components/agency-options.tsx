// The agencies of a select, indented by their depth in the tree ("JUS-POL · National Police"),
// valued by id (the default) or by code.
export type AgencyOption = { id: number; code: string; name: string; depth: number };

/** The agencies a viewer sees, with depths counted from the shallowest of them. */
export function agencyOptions(agencies: AgencyOption[]): AgencyOption[] {
  const min = agencies.reduce((m, a) => Math.min(m, a.depth), Infinity);
  return agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth - (Number.isFinite(min) ? min : 0) }));
}

type Agency = Omit<AgencyOption, "id"> & { id?: number };

export function AgencyOptions({ agencies, by = "id" }: { agencies: Agency[]; by?: "id" | "code" }) {
  return agencies.map((a) => (
    <option key={a.code} value={by === "id" ? a.id : a.code}>
      {"\u00a0\u00a0".repeat(a.depth)}
      {a.code} · {a.name}
    </option>
  ));
}
