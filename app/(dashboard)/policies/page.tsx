import type { Metadata } from "next";
import Link from "next/link";
import { getFormat } from "~/app/_components/format";
import { LocalTime } from "~/app/_components/local-time";
import { PageHeader } from "~/app/_components/page-header";
import { getCaller } from "~/server/trpc/server";
import { hrefWith } from "../_components/url";
import { PolicyToggle } from "./_components/policy-toggle";

export const metadata: Metadata = { title: "Policies & catalog" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const CATEGORY_LABELS: Record<string, string> = {
  antivirus: "Antivirus",
  edr: "EDR",
  firewall: "Firewall",
  vpn: "VPN",
  "management-agent": "Management agent",
  "password-manager": "Password manager",
  "parental-control": "Parental control",
  "other-security": "Other security",
};

export default async function PoliciesPage({ searchParams }: Props) {
  const sp = await searchParams;
  const q = typeof sp.q === "string" ? sp.q.slice(0, 120) : undefined;
  const after = typeof sp.after === "string" && /^\d+$/.test(sp.after) ? Number(sp.after) : undefined;
  const caller = await getCaller();
  const [me, policies, catalog, unrecognized] = await Promise.all([
    caller.users.me(),
    caller.catalog.policies(),
    caller.catalog.vendors(),
    caller.catalog.unrecognized({ q, after, limit: 50 }),
  ]);
  const fmt = await getFormat();
  const isAdmin = me.role === "admin";
  const vendorName = new Map(catalog.vendors.map((v) => [v.slug, v.name]));
  const covered = catalog.vendors.filter((v) => v.products.some((p) => p.bannedBy.length || p.advisedBy.length));
  const others = catalog.vendors.filter((v) => !covered.includes(v));
  const productCount = catalog.vendors.reduce((n, v) => n + v.products.length, 0);

  return (
    <>
      <PageHeader title="Policies & catalog" description="The measures that can be put in force, the security products Muster recognises, and what agents report that it does not." />

      <section aria-labelledby="policies-title">
        <h2 id="policies-title">Policies</h2>
        <p className="small muted">
          {isAdmin
            ? "Putting a policy in force (or withdrawing it) re-evaluates every endpoint concerned; you will see how many before confirming."
            : "Only administrators change which policies are in force."}
        </p>
        <div className="table-wrap">
          <table className="data" data-testid="policies-table">
            <caption className="sr-only">Policies</caption>
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Legal reference</th>
                <th scope="col">Measure</th>
                <th scope="col">Scope</th>
                <th scope="col">Dates</th>
                <th scope="col">In force</th>
              </tr>
            </thead>
            <tbody>
              {policies.map((p) => (
                <tr key={p.id} data-policy={p.slug}>
                  <td style={{ minWidth: 200 }}>
                    <strong>{p.name}</strong>
                    {p.summary && (
                      <div className="small muted clamp-2" title={p.summary}>
                        {p.summary}
                      </div>
                    )}
                  </td>
                  <td>{p.jurisdiction}</td>
                  <td className="small" style={{ maxWidth: 220 }}>
                    <div className="clamp-3" title={p.legalReference}>
                      {p.legalUrl ? (
                        <a href={p.legalUrl} rel="noreferrer noopener" target="_blank">
                          {p.legalReference}
                        </a>
                      ) : (
                        p.legalReference
                      )}
                    </div>
                  </td>
                  <td>{p.status === "banned" ? <span className="badge badge-banned">Ban</span> : <span className="badge badge-unprotected">Advisory</span>}</td>
                  <td className="small">
                    {p.vendors.map((v) => vendorName.get(v) ?? v).join(", ")}
                    <div className="muted">{p.categories ? `only ${p.categories.map((c) => CATEGORY_LABELS[c] ?? c).join(", ")}` : "every product"}</div>
                  </td>
                  <td className="small">
                    <div className="nowrap">
                      <span className="muted">Effective</span> {fmt.day(p.effectiveDate)}
                    </div>
                    <div className="nowrap">
                      <span className="muted">Deadline</span> {fmt.day(p.deadline)}
                    </div>
                  </td>
                  <td>
                    {p.active ? (
                      <span className="badge badge-clean">In force</span>
                    ) : (
                      <span className="badge badge-neutral">Not in force</span>
                    )}
                    {p.active && p.activatedAt && (
                      <div className="small muted">
                        since <LocalTime ms={p.activatedAt} mode="date" />
                      </div>
                    )}
                    {isAdmin && (
                      <div style={{ marginTop: ".35rem" }}>
                        <PolicyToggle policyId={p.id} name={p.name} active={p.active} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="section" aria-labelledby="catalog-title">
        <div className="section-head">
          <h2 id="catalog-title">Catalog</h2>
          <span className="small muted">
            {fmt.n(catalog.vendors.length)} vendors, {fmt.n(productCount)} products · version <span className="mono">{catalog.version}</span>
          </span>
        </div>
        <div className="card vendor-list" style={{ padding: 0 }}>
          {[...covered, ...others].map((v) => {
            const banned = v.products.filter((p) => p.bannedBy.length).length;
            const advised = v.products.filter((p) => !p.bannedBy.length && p.advisedBy.length).length;
            return (
              <details key={v.slug} open={banned > 0} data-vendor={v.slug}>
                <summary>
                  <strong>{v.name}</strong> <span className="muted small">{v.country ?? ""}</span>
                  <span className="muted small"> · {fmt.n(v.products.length)} products</span>
                  {banned > 0 && <span className="badge badge-banned" style={{ marginLeft: ".5rem" }}>{fmt.n(banned)} banned</span>}
                  {advised > 0 && <span className="badge badge-unprotected" style={{ marginLeft: ".5rem" }}>{fmt.n(advised)} advised against</span>}
                </summary>
                <div className="table-wrap" style={{ margin: ".5rem 0 .25rem" }}>
                  <table className="data compact">
                    <caption className="sr-only">Products of {v.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">Product</th>
                        <th scope="col">Category</th>
                        <th scope="col">Under the policies in force</th>
                        <th scope="col">Removal guide</th>
                        <th scope="col">
                          <span className="sr-only">Endpoints</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {v.products.map((p) => (
                        <tr key={p.slug}>
                          <td>{p.name}</td>
                          <td>{CATEGORY_LABELS[p.category] ?? p.category}</td>
                          <td className="small">
                            {p.bannedBy.length ? (
                              <span className="badge badge-banned" title={p.bannedBy.join("; ")}>
                                Banned
                              </span>
                            ) : p.advisedBy.length ? (
                              <span className="badge badge-unprotected" title={p.advisedBy.join("; ")}>
                                Advised against
                              </span>
                            ) : (
                              <span className="muted">Allowed</span>
                            )}
                          </td>
                          <td>{p.hasRemovalGuide ? "Yes" : <span className="muted">—</span>}</td>
                          <td className="nowrap">
                            <Link href={`/endpoints?present=product:${p.slug}`}>Endpoints with it →</Link>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            );
          })}
        </div>
      </section>

      <section className="section" aria-labelledby="unrec-title">
        <div className="section-head">
          <h2 id="unrec-title">Unrecognized security software</h2>
          <form method="get" action="/policies" className="row no-print" role="search" aria-label="Search unrecognized entries">
            <label htmlFor="u-q" className="sr-only">
              Name or publisher contains
            </label>
            <input id="u-q" name="q" type="search" placeholder="Name or publisher" defaultValue={q ?? ""} maxLength={120} />
            <button className="btn" type="submit">
              Search
            </button>
          </form>
        </div>
        <p className="small muted">Entries that look like security software but match no catalog product: candidates for the catalog. Counts are endpoints reporting each now.</p>
        <div className="table-wrap">
          <table className="data" data-testid="unrecognized-table">
            <caption className="sr-only">Unrecognized entries</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Publisher</th>
                <th scope="col">Version</th>
                <th scope="col">Found in</th>
                <th scope="col">First seen</th>
                <th scope="col" className="num">Endpoints</th>
              </tr>
            </thead>
            <tbody>
              {unrecognized.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="empty">
                    {q ? "No unrecognized entry matches." : "Agents have reported nothing unrecognized."}
                  </td>
                </tr>
              )}
              {unrecognized.items.map((u) => (
                <tr key={u.id}>
                  <td>
                    {u.name}
                    {u.identifier && u.identifier !== u.name && <div className="mono small muted truncate">{u.identifier}</div>}
                  </td>
                  <td>{u.publisher || <span className="muted">—</span>}</td>
                  <td className="mono small">{u.version || "—"}</td>
                  <td className="small">{u.source}</td>
                  <td className="small nowrap">
                    <LocalTime ms={u.firstSeenAt} mode="date" />
                  </td>
                  <td className="num" data-testid="unrecognized-endpoints">
                    {fmt.n(u.endpoints)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav className="pager" aria-label="Unrecognized pages">
          <span>{after ? <Link href={hrefWith("/policies", { q })}>First page</Link> : "First page"}</span>
          {unrecognized.nextAfter ? (
            <Link className="btn btn-small" href={hrefWith("/policies", { q, after: unrecognized.nextAfter })}>
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </section>
    </>
  );
}
