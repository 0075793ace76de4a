import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { CreateUserForm } from "./_components/create-user-form";
import { UserActions } from "./_components/user-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const caller = await getCaller();
  const me = await caller.users.me();
  if (me.role !== "admin") notFound();
  const [users, agencies] = await Promise.all([caller.users.list(), caller.agencies.list()]);
  const t = await getTranslations("users");
  const tRole = await getTranslations("roles");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">{t("table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("table.name")}</th>
              <th scope="col">{t("table.email")}</th>
              <th scope="col">{t("table.role")}</th>
              <th scope="col">{t("table.agency")}</th>
              <th scope="col">{t("table.lastSignIn")}</th>
              <th scope="col">{t("table.status")}</th>
              <th scope="col">
                <span className="sr-only">{t("table.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{tRole(u.role)}</td>
                <td>{u.agencyCode ? `${u.agencyCode} · ${u.agencyName}` : <span className="muted">{t("table.allAgencies")}</span>}</td>
                <td>
                  <LocalTime ms={u.lastLoginAt} empty={t("table.never")} />
                </td>
                <td>{u.disabled ? <span className="badge badge-neutral">{t("table.disabled")}</span> : <span className="badge badge-clean">{t("table.active")}</span>}</td>
                <td className="num">{u.id !== me.id && <UserActions id={u.id} email={u.email} disabled={u.disabled} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" style={{ marginTop: "1rem" }}>
        <h2>{t("newUser")}</h2>
        <CreateUserForm agencies={agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth }))} />
      </section>
    </>
  );
}
