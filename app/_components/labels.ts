// Display names shared by pages (kept in one place so wording stays consistent).
import type { EndpointState } from "~/server/db/schema/endpoints";
import type { Role } from "~/server/db/schema/users";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  officer: "Security officer",
  agency_officer: "Agency officer",
  auditor: "Auditor (read-only)",
};

export const STATE_LABELS: Record<EndpointState, string> = {
  banned: "Banned",
  remnants: "Remnants",
  excepted: "Excepted",
  unprotected: "Unprotected",
  clean: "Clean",
  stale: "Stale",
  "never-reported": "Never reported",
};

export const STATE_HELP: Record<EndpointState, string> = {
  banned: "A product under a policy in force is installed.",
  remnants: "The banned product is gone but its services, drivers or files remain.",
  excepted: "Banned software is present under an approved, unexpired waiver.",
  unprotected: "Nothing banned, but no enabled antivirus or EDR protects it.",
  clean: "Nothing banned and protected by trustworthy software.",
  stale: "No report for too long: its state is unknown and never counted as clean.",
  "never-reported": "Enrolled, but no report received yet.",
};
