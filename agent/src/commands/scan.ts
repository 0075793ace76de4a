// `scan`: collect once and print exactly what a report would carry, without any network.
import type { Command } from "./common";
import { COMMON_HELP, EXIT, ROOT_OPTIONS, STATE_OPTIONS, collectContext, flag, stateFor } from "./common";
import { loadActiveCatalog } from "../state/catalog-cache";
import { scan } from "../report";
import { sourcesFor } from "../collectors/index";
import { formatTable } from "../lib/table";

export const scanCommand: Command = {
  name: "scan",
  help: `usage: muster-agent scan [--json] [--root DIR [--platform OS]] [--state-dir DIR]

Collects installed software once, keeps only security-relevant entries (the same selection a
report makes) and prints them. Nothing leaves the machine.

  --json            print the exact check-in body, minus deviceId and seq
${COMMON_HELP.root}
${COMMON_HELP.stateDir}
                    (only read, for the catalog last downloaded from the server)`,
  options: { ...ROOT_OPTIONS, ...STATE_OPTIONS, json: { type: "boolean" } },
  async run(args, io) {
    const ctx = collectContext(args);
    const active = loadActiveCatalog(stateFor(args).catalog, sourcesFor(ctx.platform));
    const { body, selection } = await scan(ctx, active.matcher, active.catalog.version);
    if (flag(args, "json")) {
      io.out(`${JSON.stringify(body, null, 2)}\n`);
      return EXIT.OK;
    }
    const lines: string[] = [];
    lines.push(`${body.hostname}: ${body.os.name} ${body.os.version} (${body.os.platform}, ${body.os.arch})${ctx.live ? "" : `, scanned below ${ctx.root}`}`);
    lines.push(`catalog ${body.catalogVersion} (${active.origin}), collected ${body.collectedAt}`, "");
    lines.push(
      formatTable(
        ["COLLECTOR", "RESULT"],
        body.collectors.map((c) => [c.name, c.ok ? "ok" : `FAILED: ${c.error ?? ""}`]),
        100,
      ),
    );
    lines.push("");
    if (selection.selected.length === 0) {
      lines.push(`No security software found among ${selection.collectedCount} entries.`);
    } else {
      const rows = selection.selected.map(({ entry: e, classification: c }) => [
        e.source,
        e.name,
        e.version ?? "",
        e.identifier ?? "",
        c ? `${c.vendor} / ${c.product} (${c.category})` : e.unrecognized ? "unrecognized" : "not in catalog",
        e.state ? `${e.state.enabled ? "enabled" : "DISABLED"}, ${e.state.upToDate ? "up to date" : "OUT OF DATE"}` : "",
      ]);
      lines.push(formatTable(["SOURCE", "NAME", "VERSION", "IDENTIFIER", "CLASSIFICATION", "STATE"], rows));
    }
    lines.push(
      "",
      `${selection.selected.length} of ${selection.collectedCount} collected entries would be sent${selection.truncated ? ` (${selection.truncated} more cut at the server's limit)` : ""}; nothing was sent.`,
    );
    io.out(`${lines.join("\n")}\n`);
    return EXIT.OK;
  },
};
