// The signed-in viewer, freshly read from the database (role changes and disabling apply
// at once, whatever the JWT still says).
import "server-only";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Viewer } from "../access/scope";
import { getDb } from "../db/client";
import { users } from "../db/schema";
import { isLocale } from "../i18n/locales";
import { authOptions } from "./options";

/**
 * Read once per request: a page asks for its viewer four times (the language, the layout, the tRPC
 * caller and its context), and each read decrypts the session cookie and queries the account twice.
 * React's `cache` keeps the answer for the request being rendered only (outside a render, such as in
 * a route handler, every call reads afresh), so a change still applies from the next request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const row = getDb().select().from(users).where(eq(users.id, id)).get();
  if (!row || row.disabled) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, agencyId: row.agencyId, locale: isLocale(row.locale) ? row.locale : null };
});

/** For pages: the viewer, or a redirect to sign-in. */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin");
  return viewer;
}
