import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "~/app/_components/page-header";
import { policyText } from "~/server/policy/local";
import { getCaller } from "~/server/trpc/server";
import { orNotFound } from "../../../../_components/not-found";
import { editorOptions } from "../../../_components/editor-options";
import { PolicyForm } from "../../../_components/policy-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("policies.editor");
  return { title: t("editTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function EditPolicyPage({ params, searchParams }: Props) {
  const { id } = await params;
  const sp = await searchParams;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const caller = await getCaller();
  const me = await caller.users.me();
  if (me.role !== "admin") notFound();
  const policy = await orNotFound(caller.policies.byId({ id: Number(id) }));
  if (policy.origin !== "local" || policy.supersededAt !== null) notFound();
  const mode = policy.firstInForceAt === null ? "edit" : "version";
  if (mode === "version" && sp.as !== "version") notFound();
  const t = await getTranslations("policies.editor");
  const v = policy.version;
  return (
    <>
      <PageHeader
        title={mode === "edit" ? t("editHeading", { name: policy.name }) : t("versionHeading", { name: policy.name })}
        description={mode === "edit" ? t("editDescription") : t("versionDescription", { version: v, next: v + 1 })}
      />
      <PolicyForm mode={mode} policyId={policy.id} initial={policyText(policy)} options={await editorOptions(caller)} />
    </>
  );
}
