"use client";
import { RouteError } from "../../_components/route-error";

export default function EndpointError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="This endpoint" />;
}
