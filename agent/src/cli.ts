// Entry point of the Muster agent: finds the command, parses its flags, maps errors to the
// documented exit codes. Bundled into one file by agent/build.mjs.
import { setFlagsFromString } from "node:v8";
import { AGENT_VERSION } from "./version";
import { PROTOCOL_VERSION } from "../shared/protocol";
import type { Command, Io } from "./commands/common";
import { EXIT, ExitError, UsageError, parseCommandArgs, processIo } from "./commands/common";

// Commands load on demand, so `scan` never pays for the network stack and `run` for nothing unused.
type Entry = { name: string; summary: string; load: () => Promise<Command> };
export const COMMANDS: Entry[] = [
  { name: "enroll", summary: "exchange an enrollment token for this device's credential", load: async () => (await import("./commands/enroll")).enrollCommand },
  { name: "run", summary: "collect once and report to the server (what the scheduler runs)", load: async () => (await import("./commands/run")).runCommand },
  { name: "scan", summary: "collect once and print what a report would send (nothing is sent)", load: async () => (await import("./commands/scan")).scanCommand },
  { name: "classify", summary: "classify software entries from a JSON file with the catalog", load: async () => (await import("./commands/classify")).classifyCommand },
  { name: "status", summary: "show enrollment, last report and spooled reports", load: async () => (await import("./commands/status")).statusCommand },
  {
    name: "install-service",
    summary: "run `run` every interval: systemd timer, Scheduled Task or launchd daemon",
    load: async () => (await import("./commands/install-service")).installServiceCommand,
  },
  { name: "uninstall-service", summary: "remove the scheduled service and the installed agent copy", load: async () => (await import("./commands/install-service")).uninstallServiceCommand },
];

export const MAIN_HELP = `muster-agent ${AGENT_VERSION}: finds installed security software and reports it to Muster

usage: muster-agent COMMAND [options]      (muster-agent COMMAND --help for details)

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(19)}${c.summary}`).join("\n")}

exit codes:
  0  success
  1  failure (the message says what failed and what to do)
  2  usage error (unknown command or flag, bad value)
  3  not enrolled
  4  server unreachable or not accepting reports: the report is spooled for the next run
  5  credential revoked by the server: reports kept, enroll again

  --version          print the agent version and exit
`;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-V" || name === "version") {
    io.out(`muster-agent ${AGENT_VERSION} (protocol v${PROTOCOL_VERSION})\n`);
    return EXIT.OK;
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(topic ? `${(await topic.load()).help}\n` : MAIN_HELP);
    return name ? EXIT.OK : EXIT.USAGE;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`muster-agent: unknown command ${JSON.stringify(name)}\n\n${MAIN_HELP}`);
    return EXIT.USAGE;
  }
  const cmd = await entry.load();
  try {
    const args = parseCommandArgs(cmd, rest);
    if (args.values.help) {
      io.out(`${cmd.help}\n`);
      return EXIT.OK;
    }
    return await cmd.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`muster-agent ${cmd.name}: ${err.message}\n(see \`muster-agent ${cmd.name} --help\`)\n`);
      return EXIT.USAGE;
    }
    if (err instanceof ExitError) {
      io.err(`muster-agent ${cmd.name}: ${err.message}\n`);
      return err.code;
    }
    const e = err as NodeJS.ErrnoException;
    const hint = e.code === "EACCES" || e.code === "EPERM" ? " (permission denied: run as root / Administrator, or pass --state-dir)" : "";
    io.err(`muster-agent ${cmd.name}: ${e.message}${hint}\n`);
    return EXIT.FAILURE;
  }
}

// Run only as the program itself (the bundle or tsx), not when a test imports this module.
const isEntry = typeof require !== "undefined" ? require.main === module : /cli\.[cm]?[jt]s$/.test(process.argv[1] ?? "");
if (isEntry) {
  // A run lasts well under a second: V8's optimizing compiler (TurboFan) would spend more time and
  // about 6 MB of memory compiling hot functions than it could save. The flag is read when V8
  // decides to optimize, so setting it here, before any command is loaded, takes effect.
  setFlagsFromString("--no-opt");
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // Whatever a collector abandoned on timeout (a stuck read, a child process) must not keep the
      // process alive: leave once output has drained.
      setTimeout(() => process.exit(code), 2_000).unref();
    },
    (err: unknown) => {
      process.stderr.write(`muster-agent: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = EXIT.FAILURE;
    },
  );
}
