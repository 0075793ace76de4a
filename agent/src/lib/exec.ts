// Runs an external command for a collector: bounded in time and output, never through a shell
// unless the caller asks for one (cmd.exe for `chcp 65001`), output decoded as UTF-8.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

export type ExecResult = { code: number; stdout: string; stderr: string };
export type ExecOptions = { timeoutMs?: number; windowsVerbatimArguments?: boolean };
export type ExecFn = (file: string, args: string[], options?: ExecOptions) => Promise<ExecResult>;

export const execCommand: ExecFn = async (file, args, options = {}) => {
  // Loaded on first use: most scans on Linux and macOS never start a process.
  const { execFile } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 128 * 1024 * 1024,
        encoding: "utf8",
        windowsHide: true,
        windowsVerbatimArguments: options.windowsVerbatimArguments,
        env: { ...process.env, LC_ALL: "C.UTF-8", LANG: "C.UTF-8" },
      },
      (err, stdout, stderr) => {
        if (err && typeof (err as NodeJS.ErrnoException).code === "string") {
          // Spawn failure (ENOENT, EACCES) or a timeout kill: the command did not run to the end.
          const e = err as NodeJS.ErrnoException & { killed?: boolean };
          reject(new Error(e.killed ? `${file} timed out` : `${file}: ${e.message}`));
          return;
        }
        if (err && (err as { killed?: boolean }).killed) {
          reject(new Error(`${file} timed out after ${options.timeoutMs ?? 60_000} ms`));
          return;
        }
        const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
};

/** Absolute path of an executable found on PATH (or in the extra folders given), or null. */
export function findExecutable(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), ...extraDirs].filter(Boolean);
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}
