// Real Chromium for the browser tests, driven by playwright-core (Playwright's own browser download
// cannot work on a closed network, so we use the system's Chromium).
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
// @ts-expect-error -- plain ESM helper shared with scripts/ and bench/, no types of its own.
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "../../scripts/chromium.mjs";

/** Launches headless Chromium with the flags a loopback-only machine needs. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium() as string | undefined;
  if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM as string);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS as string[], headless: true });
}

/** Collects console errors and uncaught page errors, so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * Chromium and a server for the tests of a file (or a describe): both start in parallel before its
 * first test and close after its last. Read them through the returned object once the tests run.
 *
 * @example
 * const env = chromiumWith(startDemoServer);
 * it("loads", async () => {
 *   const page = await env.browser.newPage();
 *   await page.goto(env.server.url);
 * });
 */
export function chromiumWith<S extends { close(): Promise<void> }>(start: () => Promise<S>): { readonly browser: Browser; readonly server: S } {
  let browser: Browser | undefined;
  let server: S | undefined;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), start()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return started(browser);
    },
    get server() {
      return started(server);
    },
  };
}

function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("chromiumWith: read browser and server inside a test or hook, once started");
  return value;
}
