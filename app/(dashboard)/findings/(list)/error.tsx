"use client";
import { RouteError } from "../../_components/route-error";

export default function FindingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError error={error} reset={reset} what="The findings" />;
}
