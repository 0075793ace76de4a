// What every command shares: exit codes, flag parsing with node:util parseArgs, and the context
// (platform, root, state folder) built from the common flags.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { resolve } from "node:path";
import { PLATFORMS, type Platform } from "../../shared/protocol";
import type { CollectContext } from "../collectors/types";
import { execCommand, findExecutable } from "../lib/exec";
import { currentPlatform } from "../host";
import { defaultStateDir, statePaths, type StatePaths } from "../state/state-dir";
import { createLogger, type Logger } from "../state/log";

export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  NOT_ENROLLED: 3,
  SPOOLED: 4,
  REVOKED: 5,
} as const;

export class UsageError extends Error {}
/** An error with the exit code it should end the process with. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

export type Io = { out(text: string): void; err(text: string): void };
export const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

type Options = NonNullable<ParseArgsConfig["options"]>;

export type Command = {
  name: string;
  help: string;
  options: Options;
  allowPositionals?: boolean;
  run(args: ParsedArgs, io: Io): Promise<number>;
};

export type ParsedArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

export const STATE_OPTIONS: Options = { "state-dir": { type: "string" } };
export const ROOT_OPTIONS: Options = { root: { type: "string" }, platform: { type: "string" } };
export const NET_OPTIONS: Options = { ca: { type: "string" }, proxy: { type: "string" } };

export const COMMON_HELP = {
  stateDir: "  --state-dir DIR   state folder (default: /var/lib/muster-agent, %ProgramData%\\MusterAgent,\n                    /Library/Application Support/MusterAgent)",
  root: "  --root DIR        file collectors read below DIR instead of / (commands such as reg, snap,\n                    flatpak do not run; rpm reads DIR's database)\n  --platform OS     windows|darwin|linux: which collectors to use on DIR (only with --root)",
  net: "  --ca FILE         extra trusted CA certificates (PEM), on top of NODE_EXTRA_CA_CERTS\n  --proxy URL       http proxy (default: HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY)",
};

export function parseCommandArgs(cmd: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: "boolean", short: "h" } },
      allowPositionals: cmd.allowPositionals ?? false,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify.*$/s, "")}`);
  }
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === "string" ? v : undefined;
}

export function flag(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

export function resolvePlatform(args: ParsedArgs): Platform {
  const p = str(args, "platform");
  if (p === undefined) return currentPlatform();
  if (!(PLATFORMS as readonly string[]).includes(p)) throw new UsageError(`--platform must be one of ${PLATFORMS.join(", ")} (got ${JSON.stringify(p)})`);
  if (!str(args, "root")) throw new UsageError("--platform is only allowed with --root (the live system is always scanned as itself)");
  return p as Platform;
}

export function collectContext(args: ParsedArgs): CollectContext {
  const platform = resolvePlatform(args);
  const rootArg = str(args, "root");
  const root = rootArg ? resolve(rootArg) : "/";
  return {
    platform,
    root,
    live: !rootArg,
    exec: execCommand,
    which: (name) => findExecutable(name, rootArg ? [] : ["/usr/sbin", "/sbin", "/usr/bin", "/bin", "/snap/bin"]),
  };
}

export function stateFor(args: ParsedArgs): StatePaths {
  return statePaths(resolve(str(args, "state-dir") ?? defaultStateDir(currentPlatform())));
}

/** The state log, echoing warnings and errors to stderr so a technician running by hand sees them. */
export function logFor(paths: StatePaths, io: Io, quiet = false): Logger {
  return createLogger(paths.log, { echo: (level, msg) => !quiet && level !== "info" && io.err(`muster-agent: ${level}: ${msg}\n`) });
}
