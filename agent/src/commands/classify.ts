// `classify FILE`: the catalog's verdict on each software entry of a JSON array (FILE or - for stdin).
import { readFileSync } from "node:fs";
import { SOURCES, type SoftwareEntry } from "../../shared/protocol";
import type { Command } from "./common";
import { COMMON_HELP, EXIT, STATE_OPTIONS, UsageError, stateFor } from "./common";
import { loadActiveCatalog } from "../state/catalog-cache";

export function validateEntries(v: unknown): SoftwareEntry[] {
  if (!Array.isArray(v)) throw new UsageError("the file must hold a JSON array of software entries");
  v.forEach((e, i) => {
    const x = e as Partial<SoftwareEntry> | null;
    if (typeof x !== "object" || x === null) throw new UsageError(`entry ${i} is not an object`);
    if (!(SOURCES as readonly string[]).includes(x.source as string)) throw new UsageError(`entry ${i}: "source" must be one of ${SOURCES.join(", ")}`);
    if (typeof x.name !== "string") throw new UsageError(`entry ${i}: "name" must be a string`);
    for (const f of ["version", "publisher", "identifier"] as const) {
      if (x[f] !== undefined && typeof x[f] !== "string") throw new UsageError(`entry ${i}: "${f}" must be a string when present`);
    }
  });
  return v as SoftwareEntry[];
}

export const classifyCommand: Command = {
  name: "classify",
  help: `usage: muster-agent classify FILE [--state-dir DIR]

Reads a JSON array of software entries ({ "source", "name", "version"?, "publisher"?,
"identifier"? }) from FILE (- for standard input) and prints a JSON array of the same length:
null for an entry that is not security software, else { "vendor", "product", "category" }.

${COMMON_HELP.stateDir}
                    (only read, for the catalog last downloaded from the server)`,
  options: { ...STATE_OPTIONS },
  allowPositionals: true,
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UsageError("classify takes exactly one FILE (or - for standard input)");
    const file = args.positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file === "-" ? 0 : file, "utf8");
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const { matcher } = loadActiveCatalog(stateFor(args).catalog);
    const out = validateEntries(parsed).map((e) => matcher.classify(e));
    io.out(`${JSON.stringify(out, null, 2)}\n`);
    return EXIT.OK;
  },
};
