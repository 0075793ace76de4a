"use client";
import { RouteError } from "../_components/route-error";

export default function AuditError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="The audit log" />;
}
