// Where rivulet's real-browser tests and bench find Chromium. Playwright's own browser download
// cannot work on a closed network, so we drive a system Chromium through playwright-core.
import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** The Chromium executable to use: $CHROME_PATH, else the first system install found, else undefined. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}

/** Flags for a headless Chromium on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export const HOW_TO_GET_CHROMIUM = `rivulet's browser tests need Chromium. Either:
  - point CHROME_PATH at a Chrome or Chromium executable, or
  - on Debian/Ubuntu: sudo apt-get install -y chromium   (gives /usr/bin/chromium)`;
