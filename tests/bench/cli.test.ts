// The bench's command line: --help prints the usage and exits 0, an unknown option prints it and
// exits 1, and neither builds the page or starts a browser (a stand-in Chromium notes any launch).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseBenchArgs, USAGE } from "../../bench/lib/cli.mjs";

const dir = mkdtempSync(join(tmpdir(), "rivulet-bench-cli-"));
const launched = join(dir, "launched");
const fakeChromium = join(dir, "chromium");
writeFileSync(fakeChromium, `#!/bin/sh\ntouch '${launched}'\nexit 1\n`);
chmodSync(fakeChromium, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bench(...args: string[]) {
  const result = spawnSync(process.execPath, ["bench/run.mjs", ...args], {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, CHROME_PATH: fakeChromium },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, launched: existsSync(launched) };
}

/** Every option bench/run.mjs reads (`args.name` or `args["name"]`). */
const optionsRead = [...readFileSync("bench/run.mjs", "utf8").matchAll(/\bargs(?:\.([\w]+)|\["([\w-]+)"\])/g)].map((m) => m[1] ?? m[2]);

describe("node bench/run.mjs", () => {
  it("--help and -h print the usage, every option in it, and exit 0 without starting the bench", () => {
    for (const flag of ["--help", "-h"]) {
      const run = bench(flag);
      expect(run).toMatchObject({ code: 0, stderr: "", launched: false });
      expect(run.stdout).toBe(`${USAGE}\n`);
      expect(run.stdout).not.toContain("bench: building");
    }
    expect(new Set(optionsRead).size).toBeGreaterThan(5);
    for (const name of optionsRead) expect(USAGE).toContain(`--${name}`);
    expect(USAGE).toMatch(/^Usage: node bench\/run\.mjs/);
  });

  it("an unknown option, a value given to a flag, a missing value or a stray argument: the usage on stderr, exit 1", () => {
    for (const [args, error] of [
      [["--qiuck"], "Unknown option '--qiuck'"],
      [["--quick=yes"], "'--quick' does not take an argument"],
      [["--only"], "'--only <value>' argument missing"],
      [["--quick", "100kb"], "Unexpected argument '100kb'"],
    ] as const) {
      const run = bench(...args);
      expect(run).toMatchObject({ code: 1, stdout: "", launched: false });
      expect(run.stderr.split("\n")[0]).toMatch(/^bench: /);
      expect(run.stderr.split("\n")[0]).toContain(error);
      expect(run.stderr).toContain(USAGE);
    }
  });
});

describe("parseBenchArgs", () => {
  it("accepts every option run.mjs reads, with the value it expects", () => {
    for (const name of optionsRead) {
      const parsed = parseBenchArgs([`--${name}`]);
      const withValue = "exit" in parsed ? parseBenchArgs([`--${name}=x`]) : parsed;
      expect(withValue, `--${name}`).toHaveProperty("args");
    }
    expect(parseBenchArgs(["--quick", "--only=rivulet,pre", "--docs", "2kb", "--no-write"])).toEqual({
      args: { quick: true, only: "rivulet,pre", docs: "2kb", "no-write": true },
    });
    expect(parseBenchArgs([])).toEqual({ args: {} });
  });
});
