// `npm run admin -- <command>`: scripted administration of a Muster deployment. Honours
// DATABASE_PATH (and DATABASE_URL for `migrate`, the one command that runs on PostgreSQL so far);
// prints clear errors and exits non-zero on bad input.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { databaseUrl } from "../config";
import { issueText } from "../i18n/zod-errors";
import { MusterError } from "../lib/errors";
import { COMMANDS as BASE_COMMANDS, type Command, UsageError } from "./commands";
import { POLICY_COMMANDS } from "./policy-commands";

const COMMANDS: Record<string, Command> = { ...BASE_COMMANDS, ...POLICY_COMMANDS };

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(20)}${c.summary}`)
  .join("\n")}

Run "npm run admin -- <command> --help" for a command's options.
The database is DATABASE_PATH (default ./data/muster.db). With DATABASE_URL=postgres://… set,
"migrate" applies the PostgreSQL migrations there; the other commands run on SQLite only so far.`;

function formatError(err: unknown): string {
  if (err instanceof ZodError) {
    return err.issues.map((i) => `${i.path.length ? `--${String(i.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ` : ""}${issueText(i).text}`).join("\n");
  }
  if (err instanceof MusterError || err instanceof UsageError) return err.message;
  if (err instanceof Error && "code" in err && String((err as { code: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command: Command | undefined = COMMANDS[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    if (command.sqliteOnly && databaseUrl()) {
      console.error(`admin ${name}: DATABASE_URL is set, and this command runs on SQLite only: ${command.sqliteOnly}`);
      return 1;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(`Usage: npm run admin -- ${name} ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    await command.run(values as Record<string, string | boolean | undefined>, positionals);
    return 0;
  } catch (err) {
    console.error(`admin ${name}: ${formatError(err)}`);
    const parseError = String((err as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS");
    return err instanceof UsageError || parseError ? 2 : 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
