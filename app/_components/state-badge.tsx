import type { EndpointState } from "~/server/db/schema/endpoints";
import { STATE_HELP, STATE_LABELS } from "./labels";

export function StateBadge({ state }: { state: EndpointState }) {
  return (
    <span className={`badge badge-${state}`} title={STATE_HELP[state]} data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}
