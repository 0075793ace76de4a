import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { log } from "~/server/ops/log";
import { createTRPCContext } from "~/server/trpc/init";
import { appRouter } from "~/server/trpc/root";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // Bodies are capped at the front door (server/http/front-door.ts); batches are capped here.
    maxBatchSize: 64,
    createContext: () => createTRPCContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") log.error({ err: error.cause ?? error, procedure: path ?? "?" }, "tRPC procedure failed");
    },
  });

export { handler as GET, handler as POST };
