// The address agents and scripts should use: MUSTER_PUBLIC_URL, else NEXTAUTH_URL, else this request's own.
import { headers } from "next/headers";
import { config } from "~/server/config";

export async function serverUrl(): Promise<string> {
  const configured = config.publicUrl;
  if (configured) return configured;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
