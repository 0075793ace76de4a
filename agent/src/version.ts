// The agent's own version, reported on enrollment and every check-in, and the release public key
// that self-updates must be signed with. Both are set by agent/build.mjs (MUSTER_AGENT_VERSION,
// MUSTER_RELEASE_PUBLIC_KEY or agent/release-key.pub); run from source they take these defaults.
declare const __MUSTER_AGENT_VERSION__: string | undefined;
declare const __MUSTER_RELEASE_PUBLIC_KEY__: string | undefined;

export const DEFAULT_AGENT_VERSION = "0.2.0";
export const AGENT_VERSION = typeof __MUSTER_AGENT_VERSION__ === "string" ? __MUSTER_AGENT_VERSION__ : DEFAULT_AGENT_VERSION;
export const AGENT_NAME = "muster-agent";
/** Ed25519 public key (PEM) of the operator's release key; empty: this build never self-updates. */
export const RELEASE_PUBLIC_KEY = typeof __MUSTER_RELEASE_PUBLIC_KEY__ === "string" ? __MUSTER_RELEASE_PUBLIC_KEY__ : "";
