// The agent's own version, reported on enrollment and every check-in.
export const AGENT_VERSION = "0.1.0";
export const AGENT_NAME = "muster-agent";
