// The root router: one sub-router per domain.
import "server-only";
import { createCallerFactory, router } from "./init";
import { agenciesRouter } from "./routers/agencies";
import { auditRouter } from "./routers/audit";
import { enrollmentRouter } from "./routers/enrollment";
import { usersRouter } from "./routers/users";

export const appRouter = router({
  agencies: agenciesRouter,
  users: usersRouter,
  enrollment: enrollmentRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
