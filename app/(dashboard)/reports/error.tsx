"use client";
import { RouteError } from "../_components/route-error";

export default function ReportsError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <RouteError {...props} what="The report" />;
}
