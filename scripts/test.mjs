#!/usr/bin/env node
// `npm test`: every check rivulet has, in order of cost, stopping at the first failing stage.
// Ends with one summary line, "rivulet: N passed, N failed", counted from vitest's JSON reports.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const reports = mkdtempSync(join(tmpdir(), "rivulet-test-"));
let passed = 0;
let failed = 0;

function run(title, command, args, { json } = {}) {
  console.info(`\n▶ ${title}: ${[command, ...args].join(" ")}`);
  const started = Date.now();
  const extra = json ? ["--reporter=default", "--reporter=json", `--outputFile.json=${join(reports, json)}`] : [];
  const failedBefore = failed;
  const result = spawnSync(command, [...args, ...extra], { stdio: "inherit", shell: process.platform === "win32" });
  if (json) {
    try {
      const report = JSON.parse(readFileSync(join(reports, json), "utf8"));
      passed += report.numPassedTests;
      failed += report.numFailedTests;
    } catch {
      // No report: the runner died before writing one; its exit code says so below.
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    // A stage can fail with every test passed (vitest's unhandled errors, a crash): count it.
    if (!json || failedBefore === failed) failed += 1;
    console.error(`\n✗ ${title} failed after ${seconds}s`);
    summary();
    process.exit(result.status ?? 1);
  }
  if (!json) passed += 1;
  console.info(`✓ ${title} (${seconds}s)`);
}

function summary() {
  console.info(`\nrivulet: ${passed} passed, ${failed} failed`);
}

const bin = (name) => join("node_modules", ".bin", name);

run("type check", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
run("lint", bin("oxlint"), ["--deny-warnings", "src", "server", "tests", "bench", "scripts"]);
run("unit and component tests", bin("vitest"), ["run", "--project", "unit", "--project", "component", "--project", "react18"], { json: "unit.json" });
run("build", "node", ["scripts/build.mjs"]);
run("package checks (publint, attw, server-side import)", "node", ["scripts/check-package.mjs"]);
run("Chromium", "node", ["scripts/ensure-browser.mjs"]);
run("real-browser tests", bin("vitest"), ["run", "--project", "browser"], { json: "browser.json" });
summary();
