// Agencies: the ministry > agency > site hierarchy every figure is grouped by.
import { z } from "zod";
import type { Actor } from "../audit/log";
import { recordAudit } from "../audit/log";
import { type Db, inTransaction } from "../db/client";
import { badRequest, conflict, notFound } from "../lib/errors";
import { isValidDay } from "../lib/time";
import type { Scope } from "../access/scope";
import { type AgencyRow, agenciesInPathOrder, agencyByCode, agencyById, agencyIdByCode, insertAgency, insertAgencyCounts, placeAgency, updateAgencyRow } from "./store";

export const ZAgencyCodeSchema = z
  .string()
  .trim()
  .min(2, "errors.tooShort")
  .max(32, "errors.tooLong")
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "errors.agencyCodeCharacters");

export const ZCreateAgencySchema = z.object({
  code: ZAgencyCodeSchema,
  name: z.string().trim().min(2, "errors.tooShort").max(200),
  parentCode: ZAgencyCodeSchema.optional(),
  deadline: z.string().refine(isValidDay, "errors.dayFormat").optional().nullable(),
});
export type CreateAgencyInput = z.infer<typeof ZCreateAgencySchema>;

export type { AgencyRow };

export function createAgency(db: Db, actor: Actor, input: CreateAgencyInput): AgencyRow {
  const data = ZCreateAgencySchema.parse(input);
  return inTransaction(db, () => {
    const code = data.code.toUpperCase();
    if (agencyIdByCode(db, code)) {
      throw conflict("errors.agencyExists", { code });
    }
    let parent: AgencyRow | undefined;
    if (data.parentCode) {
      parent = agencyByCode(db, data.parentCode.toUpperCase());
      if (!parent) throw badRequest("errors.noParentAgency", { code: data.parentCode.toUpperCase() });
      if (parent.depth >= 5) throw badRequest("errors.agencyTooDeep", { levels: 6 });
    }
    const row = insertAgency(db, { code, name: data.name, parentId: parent?.id ?? null, deadline: data.deadline ?? null });
    const path = `${parent?.path ?? "/"}${row.id}/`;
    placeAgency(db, row.id, path, parent ? parent.depth + 1 : 0);
    insertAgencyCounts(db, row.id);
    recordAudit(db, actor, {
      action: "agency.create",
      objectType: "agency",
      objectId: row.id,
      agencyId: row.id,
      details: { code, name: data.name, parent: parent?.code ?? null, deadline: data.deadline ?? null },
    });
    return { ...row, path, depth: parent ? parent.depth + 1 : 0 };
  });
}

export const ZUpdateAgencySchema = z.object({
  id: z.number().int().positive(),
  name: z.string().trim().min(2).max(200).optional(),
  deadline: z.string().refine(isValidDay, "errors.dayFormat").nullable().optional(),
});

export function updateAgency(db: Db, actor: Actor, input: z.infer<typeof ZUpdateAgencySchema>): AgencyRow {
  const data = ZUpdateAgencySchema.parse(input);
  return inTransaction(db, () => {
    const before = agencyById(db, data.id);
    if (!before) throw notFound("errors.agencyNotFound");
    const patch: Partial<AgencyRow> = {};
    if (data.name !== undefined) patch.name = data.name;
    if (data.deadline !== undefined) patch.deadline = data.deadline;
    if (!Object.keys(patch).length) throw badRequest("errors.nothingToChange");
    const after = updateAgencyRow(db, data.id, patch);
    recordAudit(db, actor, {
      action: "agency.update",
      objectType: "agency",
      objectId: data.id,
      agencyId: data.id,
      details: { before: { name: before.name, deadline: before.deadline }, after: patch },
    });
    return after;
  });
}

/** Agencies the scope may see, ordered so that each parent precedes its children. */
export function listAgencies(db: Db, scope: Scope): AgencyRow[] {
  const rows = agenciesInPathOrder(db);
  const visible = scope.kind === "all" ? rows : rows.filter((r) => scope.ids.includes(r.id));
  return sortAsTree(visible);
}

/** Depth-first order by name, whatever the ids. */
export function sortAsTree<T extends { id: number; parentId: number | null; name: string }>(rows: T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<number | null, T[]>();
  for (const r of rows) {
    const key = r.parentId !== null && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  const out: T[] = [];
  const walk = (parent: number | null) => {
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  return out;
}

export function getAgencyByCode(db: Db, code: string): AgencyRow | undefined {
  return agencyByCode(db, code.toUpperCase());
}
