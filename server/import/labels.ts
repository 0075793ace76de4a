// Names of the evidence sources as people read them (pure data: the pages' client components use it too).
export const EVIDENCE_LABELS: Record<string, string> = {
  agent: "Agent",
  intune: "Intune",
  defender: "Defender",
  configmgr: "Configuration Manager",
  osquery: "osquery",
  fleet: "Fleet",
};
