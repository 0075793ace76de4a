// The accounts the end-to-end seed creates, one per role.
export const E2E_PASSWORD = "e2e-password-123";

export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "admin", agency: undefined },
  officer: { email: "officer@e2e.test", name: "Otto Officer", role: "officer", agency: undefined },
  agency_officer: { email: "prisons@e2e.test", name: "Pia Prisons", role: "agency_officer", agency: "JUS-PRIS" },
  auditor: { email: "auditor@e2e.test", name: "Aud Itor", role: "auditor", agency: undefined },
} as const;

export type E2ERole = keyof typeof E2E_USERS;
