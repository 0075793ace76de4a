import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { editorOptions } from "../../_components/editor-options";
import { PolicyForm } from "../../_components/policy-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies.editor");
  return { title: t("newTitle") };
}

export default async function NewPolicyPage() {
  const caller = await getCaller();
  const me = await caller.users.me();
  if (me.role !== "admin") notFound();
  const t = await getTranslations("policies.editor");
  return (
    <>
      <PageHeader title={t("newTitle")} description={t("newDescription")} />
      <PolicyForm mode="create" options={await editorOptions(caller)} />
    </>
  );
}
