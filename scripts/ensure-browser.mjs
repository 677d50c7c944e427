#!/usr/bin/env node
// Makes sure a Chromium exists for the real-browser tests. Like `playwright install --with-deps`,
// it installs one itself where it can (Debian's chromium, when apt-get exists and we are root),
// and says so; elsewhere it says how to get one and fails.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium, HOW_TO_GET_CHROMIUM } from "./chromium.mjs";

const found = findChromium();
if (found) {
  process.exit(0);
}
if (process.env.CHROME_PATH) {
  console.error(`rivulet: CHROME_PATH=${process.env.CHROME_PATH} does not exist.\n${HOW_TO_GET_CHROMIUM}`);
  process.exit(1);
}
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (existsSync("/usr/bin/apt-get") && isRoot) {
  console.info("rivulet: no Chromium found; installing Debian's chromium with apt-get (as `playwright install --with-deps` would).");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env });
  if (findChromium()) {
    console.info(`rivulet: installed ${findChromium()}.`);
    process.exit(0);
  }
}
console.error(`rivulet: no Chromium found.\n${HOW_TO_GET_CHROMIUM}`);
process.exit(1);
