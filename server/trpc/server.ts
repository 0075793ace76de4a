// Server components call procedures directly through this caller (no HTTP round trip). Every
// caller is for a signed-in page: a visitor without a session is redirected to sign-in here,
// before any procedure runs (a procedure would refuse with UNAUTHORIZED, which Next renders and
// logs as an error with its stack).
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { requireViewer } from "../auth/session";
import { createCaller } from "./root";
import { createTRPCContext } from "./init";

export const getCaller = cache(async () => {
  await requireViewer();
  return createCaller(await createTRPCContext({ headers: await headers() }));
});
