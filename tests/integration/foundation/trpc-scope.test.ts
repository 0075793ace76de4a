// An agency officer reads only its own agency subtree, through every procedure it can call.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "~/server/access/scope";
import { ALL } from "~/server/access/scope";
import { createAgency } from "~/server/agencies/service";
import { cliActor } from "~/server/audit/log";
import { createToken } from "~/server/enrollment/tokens";
import { createCaller } from "~/server/trpc/root";
import { createUser } from "~/server/users/service";
import { createTempDb, type TempDb } from "../../support/db";

let t: TempDb;
const ids: Record<string, number> = {};
let officer: Viewer;
let auditor: Viewer;
let foreignTokenId = 0;

beforeAll(async () => {
  t = createTempDb();
  const actor = cliActor();
  for (const [code, parent] of [
    ["MIN-A", undefined],
    ["A-ONE", "MIN-A"],
    ["A-ONE-SITE", "A-ONE"],
    ["A-TWO", "MIN-A"],
    ["MIN-B", undefined],
  ] as const) {
    ids[code] = createAgency(t.db, actor, { code, name: `Agency ${code}`, parentCode: parent }).id;
  }
  const { user } = await createUser(t.db, actor, { email: "ao@x.gov", name: "AO", role: "agency_officer", agencyCode: "A-ONE", password: "password-password" });
  officer = { id: user.id, email: user.email, name: user.name, role: "agency_officer", agencyId: ids["A-ONE"]! };
  const { user: a } = await createUser(t.db, actor, { email: "aud@x.gov", name: "Aud", role: "auditor", password: "password-password" });
  auditor = { id: a.id, email: a.email, name: a.name, role: "auditor", agencyId: null };
  createToken(t.db, actor, ALL, { agencyId: ids["A-ONE-SITE"]! });
  foreignTokenId = createToken(t.db, actor, ALL, { agencyId: ids["MIN-B"]! }).row.id;
});
afterAll(() => t.cleanup());

const callerFor = (viewer: Viewer | null) => createCaller({ db: t.db, viewer, ip: "127.0.0.1" });

async function expectCode(p: Promise<unknown>, code: TRPCError["code"]) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof TRPCError && e.code === code);
}

describe("agency scoping through tRPC", () => {
  it("lists only the officer's agency and its sub-agencies", async () => {
    const rows = await callerFor(officer).agencies.list();
    expect(rows.map((r) => r.code).sort()).toEqual(["A-ONE", "A-ONE-SITE"]);
  });

  it("refuses another agency by id", async () => {
    await expectCode(callerFor(officer).agencies.byId({ id: ids["A-TWO"]! }), "FORBIDDEN");
    await expectCode(callerFor(officer).agencies.byId({ id: ids["MIN-A"]! }), "FORBIDDEN");
    expect((await callerFor(officer).agencies.byId({ id: ids["A-ONE-SITE"]! }))?.code).toBe("A-ONE-SITE");
  });

  it("shows and acts on enrollment tokens of its subtree only", async () => {
    const caller = callerFor(officer);
    const tokens = await caller.enrollment.list();
    expect(tokens.map((x) => x.agencyCode)).toEqual(["A-ONE-SITE"]);
    await expectCode(caller.enrollment.create({ agencyId: ids["MIN-B"]! }), "FORBIDDEN");
    await expectCode(caller.enrollment.revoke({ id: foreignTokenId }), "FORBIDDEN");
    const created = await caller.enrollment.create({ agencyId: ids["A-ONE"]! });
    expect(created.agencyCode).toBe("A-ONE");
  });

  it("reads only its agencies' audit entries", async () => {
    const { items } = await callerFor(officer).audit.list({ limit: 200 });
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) expect([ids["A-ONE"], ids["A-ONE-SITE"]]).toContain(e.agencyId);
  });

  it("cannot manage users or agencies", async () => {
    const caller = callerFor(officer);
    await expectCode(caller.users.list(), "FORBIDDEN");
    await expectCode(caller.agencies.create({ code: "NEW", name: "New agency" }), "FORBIDDEN");
  });

  it("auditors read everything and change nothing", async () => {
    const caller = callerFor(auditor);
    expect((await caller.agencies.list()).length).toBe(5);
    await expectCode(caller.enrollment.create({ agencyId: ids["A-ONE"]! }), "FORBIDDEN");
    await expectCode(caller.agencies.update({ id: ids["A-ONE"]!, name: "Renamed" }), "FORBIDDEN");
  });

  it("refuses callers without a session", async () => {
    await expectCode(callerFor(null).agencies.list(), "UNAUTHORIZED");
  });

  it("answers bad input with BAD_REQUEST and field errors, not a 500", async () => {
    await expectCode(callerFor(officer).enrollment.create({ agencyId: -1 } as never), "BAD_REQUEST");
  });
});
