import { it } from "vitest";
import { freshDb } from "../ingest/helpers";
it("dbg", () => {
  const t = freshDb();
  console.log(JSON.stringify(t.db.$client.prepare("select id, slug, version, active, superseded_at, previous_version_id, origin from policies order by id").all()));
  t.close();
});
import { getPolicy } from "~/server/policy/service";
it("dbg2", () => {
  const t = freshDb();
  console.log(JSON.stringify(getPolicy(t.db, "lt-2017-kaspersky")));
  t.close();
});
