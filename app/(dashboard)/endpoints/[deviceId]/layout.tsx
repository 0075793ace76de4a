// Resolves the endpoint before anything streams, so an unknown or out-of-scope device id is a real 404.
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../_components/not-found";

export default async function EndpointLayout({ children, params }: { children: React.ReactNode; params: Promise<{ deviceId: string }> }) {
  const { deviceId } = await params;
  await orNotFound((await getCaller()).endpoints.ref({ deviceId: decodeURIComponent(deviceId) }));
  return children;
}
