"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorMessage } from "~/app/_trpc/errors";
import { useTRPC } from "~/app/_trpc/client";

export function RevokeTokenButton({ id, prefix }: { id: number; prefix: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.enrollment.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <>
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={revoke.isPending}
        aria-label={`Revoke token ${prefix}`}
        onClick={() => {
          if (window.confirm(`Revoke token ${prefix}…? Agents can no longer enroll with it (enrolled ones keep working).`)) revoke.mutate({ id });
        }}
      >
        Revoke
      </button>
      {revoke.error && (
        <span className="error small" role="alert">
          {errorMessage(revoke.error)}
        </span>
      )}
    </>
  );
}
