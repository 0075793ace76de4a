import { useLabels } from "./labels";
import type { EndpointState } from "~/server/db/schema/endpoints";

export function StateBadge({ state }: { state: EndpointState }) {
  const l = useLabels();
  return (
    <span className={`badge badge-${state}`} title={l.stateHelp(state)} data-state={state}>
      {l.state(state)}
    </span>
  );
}
