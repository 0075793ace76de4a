// pg-compat.ts's statement translation: what a SQLite text becomes before PostgreSQL sees it.
import { describe, expect, it } from "vitest";
import { translatePlaceholders } from "~/server/db/pg-compat";

describe("translatePlaceholders", () => {
  it("quotes camelCase aliases and their later mentions (PostgreSQL folds unquoted names to lower case)", () => {
    const t = translatePlaceholders("select p.superseded_at as supersededAt, count(*) AS n from policies p where p.id = ? group by 1 order by supersededAt");
    expect(t.text).toBe('select p.superseded_at as "supersededAt", count(*) AS n from policies p where p.id = $1 group by 1 order by "supersededAt"');
  });

  it("leaves quoted text, named parameters, upper-case type names and snake_case alone", () => {
    const t = translatePlaceholders("select cast(@agencyId as TEXT) as agency_id, 'lastSeen' as label, \"fooBar\" from t");
    expect(t.text).toBe("select cast($1 as TEXT) as agency_id, 'lastSeen' as label, \"fooBar\" from t");
    expect(t.params).toEqual([{ name: "agencyId" }]);
  });

  it('spells SQLite\'s NOCASE as lower(x collate "C"): ASCII letters folded, then bytes compared (drizzle/pg 0007 indexes it)', () => {
    expect(translatePlaceholders("select id from endpoints e where e.hostname collate nocase >= @cv order by e.hostname collate nocase desc, e.id desc").text).toBe(
      'select id from endpoints e where lower(e.hostname collate "C") >= $1 order by lower(e.hostname collate "C") desc, e.id desc',
    );
    expect(translatePlaceholders("select id from endpoints where hostname COLLATE NOCASE = ?").text).toBe('select id from endpoints where lower(hostname collate "C") = $1');
    // A parameter is never rewritten (folding one side of a comparison would change its meaning): PostgreSQL then names the missing collation.
    expect(translatePlaceholders("select id from endpoints where hostname = ? collate nocase").text).toBe("select id from endpoints where hostname = $1 collate nocase");
  });

  it("drops SQLite's index hints", () => {
    expect(translatePlaceholders("select id from waivers indexed by waivers_finding_idx where finding_id = ?").text).toBe("select id from waivers where finding_id = $1");
    expect(translatePlaceholders("select id from waivers not indexed where id = ?").text).toBe("select id from waivers where id = $1");
  });
});
