// The root router: one sub-router per domain.
import "server-only";
import { createCallerFactory, router } from "./init";
import { agenciesRouter } from "./routers/agencies";
import { agentUpdatesRouter } from "./routers/agent-updates";
import { auditRouter } from "./routers/audit";
import { catalogRouter } from "./routers/catalog";
import { endpointsRouter } from "./routers/endpoints";
import { endpointsAdminRouter } from "./routers/endpoints-admin";
import { enrollmentRouter } from "./routers/enrollment";
import { findingsRouter } from "./routers/findings";
import { notificationsRouter } from "./routers/notifications";
import { importsRouter } from "./routers/imports";
import { overviewRouter } from "./routers/overview";
import { policiesRouter } from "./routers/policies";
import { reportsRouter } from "./routers/reports";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  agencies: agenciesRouter,
  users: usersRouter,
  enrollment: enrollmentRouter,
  audit: auditRouter,
  policies: policiesRouter,
  findings: findingsRouter,
  endpointsAdmin: endpointsAdminRouter,
  overview: overviewRouter,
  endpoints: endpointsRouter,
  catalog: catalogRouter,
  reports: reportsRouter,
  agentUpdates: agentUpdatesRouter,
  notifications: notificationsRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
