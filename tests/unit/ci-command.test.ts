// CI runs exactly what a new user runs: the last command of .ci/run is the README quick start's
// test command (its second line), word for word.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

it("CI's test command is the README's", () => {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  const quickStart = readme.split("## Quick start")[1]!.split("```sh\n")[1]!.split("```")[0]!.split("\n");
  const readmeTest = quickStart[1]!.split("#")[0]!.trim();
  const ci = fs.readFileSync(path.join(ROOT, ".ci/run"), "utf8").trim().split("\n");
  expect(readmeTest).toBe("npm run test");
  expect(ci.at(-1)!.trim()).toBe(readmeTest);
});
