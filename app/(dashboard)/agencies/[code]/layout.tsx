// Resolves the agency before anything streams, so an unknown or out-of-scope code is a real 404.
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../_components/not-found";

export default async function AgencyLayout({ children, params }: { children: React.ReactNode; params: Promise<{ code: string }> }) {
  const { code } = await params;
  await orNotFound((await getCaller()).overview.agencyRef({ code: decodeURIComponent(code) }));
  return children;
}
