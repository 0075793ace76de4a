// The local policy editor is for administrators: checked before anything streams, so anyone else
// gets a real 404 (not a page that streamed a 200 first).
import { notFound } from "next/navigation";
import { getCaller } from "~/server/trpc/server";

export default async function PolicyEditorLayout({ children }: { children: React.ReactNode }) {
  const me = await (await getCaller()).users.me();
  if (me.role !== "admin") notFound();
  return children;
}
