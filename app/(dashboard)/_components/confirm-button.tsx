"use client";
// A small button that asks for confirmation, then runs a tRPC mutation and refreshes the page:
// revoking tokens, undoing an import.
import { useRouter } from "next/navigation";
import { errorMessage } from "~/app/_trpc/errors";

type Mutation = { mutate: (input: never, opts?: { onSuccess?: () => void }) => void; isPending: boolean; error: unknown };

export function ConfirmButton<I>({ label, ariaLabel, confirm, mutation, input }: { label: string; ariaLabel: string; confirm: string; mutation: Mutation; input: I }) {
  const router = useRouter();
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={mutation.isPending}
        aria-label={ariaLabel}
        onClick={() => {
          if (window.confirm(confirm)) mutation.mutate(input as never, { onSuccess: () => router.refresh() });
        }}
      >
        {label}
      </button>
      {mutation.error ? (
        <span className="error small" role="alert">
          {errorMessage(mutation.error)}
        </span>
      ) : null}
    </>
  );
}
