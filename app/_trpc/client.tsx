"use client";
// tRPC + TanStack Query for client components. Server components use server/trpc/server.ts.
// Errors reach components already in the viewer's language (localizeErrors below).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "~/server/trpc/root";
import { localizeError, type Translate } from "./errors";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
}

let browserQueryClient: QueryClient | undefined;
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  return (browserQueryClient ??= makeQueryClient());
}

/** A link that puts every error's message and field errors in the viewer's current language. */
function localizeErrors(translate: () => Translate): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) =>
        next(op).subscribe({
          next: (value) => observer.next(value),
          error: (err) => observer.error(localizeError(err, translate())),
          complete: () => observer.complete(),
        }),
      );
}

export function TRPCReactProvider({ children }: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  const t = useTranslations();
  // The language can change without a new client (the switcher refreshes the page): read it late.
  const translate = useRef<Translate>(t as unknown as Translate);
  translate.current = t as unknown as Translate;
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [localizeErrors(() => translate.current), httpBatchLink({ url: "/api/trpc", transformer: superjson })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
