// What the policy editor offers: the catalog's vendors and products (local ones included) and the
// agencies a policy can be limited to.
import "server-only";
import type { getCaller } from "~/server/trpc/server";

type Caller = Awaited<ReturnType<typeof getCaller>>;

export async function editorOptions(caller: Caller) {
  const [catalog, agencies] = await Promise.all([caller.catalog.vendors(), caller.agencies.list()]);
  return {
    vendors: [...catalog.vendors]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((v) => ({
        slug: v.slug,
        name: v.name,
        local: v.local,
        products: v.products.map((p) => ({ slug: p.slug, name: p.name, category: p.category, local: p.local })),
      })),
    agencies: agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, depth: a.depth })),
  };
}
