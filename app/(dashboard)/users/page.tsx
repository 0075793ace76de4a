import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LocalTime } from "~/app/_components/local-time";
import { ROLE_LABELS } from "~/app/_components/labels";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { CreateUserForm } from "./_components/create-user-form";
import { UserActions } from "./_components/user-actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const caller = await getCaller();
  const me = await caller.users.me();
  if (me.role !== "admin") notFound();
  const [users, agencies] = await Promise.all([caller.users.list(), caller.agencies.list()]);
  return (
    <>
      <PageHeader title="Users" description="Who may sign in, and what each may see and do." />
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Agency</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Status</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{u.agencyCode ? `${u.agencyCode} · ${u.agencyName}` : <span className="muted">All agencies</span>}</td>
                <td><LocalTime ms={u.lastLoginAt} empty="never" /></td>
                <td>{u.disabled ? <span className="badge badge-neutral">Disabled</span> : <span className="badge badge-clean">Active</span>}</td>
                <td className="num">{u.id !== me.id && <UserActions id={u.id} email={u.email} disabled={u.disabled} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" style={{ marginTop: "1rem" }}>
        <h2>New user</h2>
        <CreateUserForm agencies={agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth }))} />
      </section>
    </>
  );
}
