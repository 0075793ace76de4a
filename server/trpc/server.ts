// Server components call procedures directly through this caller (no HTTP round trip).
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "./root";
import { createTRPCContext } from "./init";

export const getCaller = cache(async () => createCaller(await createTRPCContext({ headers: await headers() })));
