import type { RunningServer } from "../support/server";

export default async function globalTeardown() {
  const server = (globalThis as { __musterE2E?: RunningServer }).__musterE2E;
  await server?.stop();
  await (globalThis as { __musterMail?: { close: () => Promise<void> } }).__musterMail?.close();
  await (globalThis as { __musterPg?: { stop: () => Promise<void> } }).__musterPg?.stop();
}
