// tRPC initialisation: context, error mapping and the procedure builders that say who may
// call. Agency scoping is computed here once (ctx.scope) and applied by every service query.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { scopeFor, type Scope, type Viewer } from "../access/scope";
import type { Actor } from "../audit/log";
import { clientAddress } from "../auth/options";
import { getViewer } from "../auth/session";
import { type Db, getDb } from "../db/client";
import { isStorageError } from "../db/sql";
import { issueText } from "../i18n/zod-errors";
import { type ErrorKind, forbidden, isMusterError, MusterError } from "../lib/errors";
import { errorData } from "./error-data";

export type Context = { db: Db; viewer: Viewer | null; ip: string };

export async function createTRPCContext(opts: { headers: Headers }): Promise<Context> {
  return { db: getDb(), viewer: await getViewer(), ip: clientAddress(opts.headers) };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const { zodError, i18n } = errorData(error.cause);
    return { ...shape, data: { ...shape.data, stack: undefined, zodError, i18n } };
  },
});

const TRPC_CODES: Record<ErrorKind, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** Business errors keep their meaning over the wire instead of becoming 500s. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isMusterError(cause)) throw new TRPCError({ code: TRPC_CODES[cause.kind], message: cause.message, cause });
    if (cause instanceof ZodError) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.issues[0] ? issueText(cause.issues[0]).text : "Invalid input", cause });
    }
    // Disk full, read-only or failing database: nothing was written; the change can be retried.
    if (isStorageError(cause)) {
      const e = new MusterError("UNAVAILABLE", { key: "errors.storageUnavailable" });
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: e.message, cause: e });
    }
  }
  return result;
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

export const publicProcedure = t.procedure.use(mapErrors);

export type AuthedContext = Context & { viewer: Viewer; scope: Scope; actor: Actor };

/** Any signed-in user. ctx.scope limits what the services return. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new MusterError("UNAUTHORIZED", { key: "errors.signInFirst" });
  const viewer = ctx.viewer;
  return next({
    ctx: {
      ...ctx,
      viewer,
      scope: scopeFor(ctx.db, viewer),
      actor: { userId: viewer.id, label: viewer.email, ip: ctx.ip } satisfies Actor,
    },
  });
});

/** Users who act on endpoints and findings: everyone but auditors. */
export const officerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role === "auditor") throw forbidden("errors.auditorsReadOnly");
  return next();
});

/** Officers with deployment-wide reach (admin and officer). */
export const globalOfficerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "admin" && ctx.viewer.role !== "officer") {
    throw forbidden("errors.officersOnly");
  }
  return next();
});

export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "admin") throw forbidden("errors.adminsOnly");
  return next();
});
