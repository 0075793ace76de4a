import { it } from "vitest";
import { translatePlaceholders } from "~/server/db/pg-compat";
it("t", () => {
  for (const s of ["select a.last_seen as lastSeen, x::bigint, 'fooBar' as \"okAy\", cast(? as bigint) from t where y = @someName and z = :other order by lastSeen, t.agencyId -- camelCase\n limit 1e5"]) console.log(translatePlaceholders(s).text);
});
