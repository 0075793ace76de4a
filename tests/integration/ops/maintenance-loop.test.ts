// The server's maintenance loop runs on the work thread: soon after start it finishes a
// re-evaluation left pending (as after a crash in the middle of a policy change) and marks
// endpoints stale, and says so in the metrics.
import { afterAll, describe, expect, it } from "vitest";
import { runAdmin } from "../../support/cli";
import { tempDir, testDatabase } from "../../support/db";
import { secondConnection } from "../../support/second-connection";
import { sleep } from "../../support/ops";
import { type RunningServer, startServer } from "../../support/server";

const TOKEN = "metrics-token-for-the-maintenance-test";

describe("maintenance loop", () => {
  const dbFile = testDatabase(tempDir("muster-maint-"));
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("finishes pending re-evaluation on the work thread soon after start", async () => {
    expect(runAdmin(dbFile, ["create-agency", "--code", "MT", "--name", "Maintenance"]).code).toBe(0);
    const db = secondConnection(dbFile).$client;
    db.prepare("insert into settings (key, value) values ('reevaluation_pending', ?) on conflict (key) do update set value = excluded.value").run(JSON.stringify({ all: true }));
    db.close();
    server = await startServer({ databasePath: dbFile, env: { MUSTER_METRICS_TOKEN: TOKEN } });
    const pending = () => {
      const d = secondConnection(dbFile).$client;
      try {
        return d.prepare("select 1 from settings where key = 'reevaluation_pending'").get() !== undefined;
      } finally {
        d.close();
      }
    };
    const deadline = Date.now() + 30_000;
    while (pending() && Date.now() < deadline) await sleep(200);
    expect(pending()).toBe(false);
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(text).toMatch(/^muster_work_thread_jobs_total\{job="maintenance",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^muster_reevaluation_pending 0$/m);
  }, 90_000);
});
