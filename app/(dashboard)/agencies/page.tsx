import type { Metadata } from "next";
import { getFormat } from "~/app/_components/format";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { CreateAgencyForm } from "./_components/create-agency-form";

export const metadata: Metadata = { title: "Agencies" };

export default async function AgenciesPage() {
  const caller = await getCaller();
  const [me, agencies] = await Promise.all([caller.users.me(), caller.agencies.list()]);
  const fmt = await getFormat();
  return (
    <>
      <PageHeader title="Agencies" description="Ministries, agencies and sites, with their removal deadlines." />
      <div className="table-wrap">
        <table className="data">
          <caption className="sr-only">Agencies</caption>
          <thead>
            <tr>
              <th scope="col">Agency</th>
              <th scope="col">Code</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {agencies.length === 0 && (
              <tr>
                <td colSpan={3} className="empty">
                  No agencies yet.{me.role === "admin" ? " Create the first one below." : ""}
                </td>
              </tr>
            )}
            {agencies.map((a) => (
              <tr key={a.id}>
                <td style={{ paddingLeft: `${0.75 + a.depth * 1.25}rem` }}>{a.name}</td>
                <td className="mono">{a.code}</td>
                <td>{fmt.day(a.deadline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {me.role === "admin" && (
        <section className="card no-print" style={{ marginTop: "1rem" }}>
          <h2>New agency</h2>
          <CreateAgencyForm parents={agencies.map((a) => ({ code: a.code, name: a.name, depth: a.depth }))} />
        </section>
      )}
    </>
  );
}
