import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";

describe("demo page in Chromium", () => {
  let browser: Browser;
  let demo: DemoServer;

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("loads with no console error and renders the app", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(demo.url);
    await expect(page.getByRole("heading", { level: 1 }).textContent({ timeout: 15_000 })).resolves.toContain("rivulet");
    expect(errors).toEqual([]);
  });

  it("serves the chat endpoint from the same origin", async () => {
    const page = await browser.newPage();
    await page.goto(demo.url);
    const body = await page.evaluate(async () => {
      const response = await fetch("/api/chat", { method: "POST", body: JSON.stringify({ messages: [] }) });
      return { type: response.headers.get("content-type"), text: await response.text() };
    });
    expect(body.type).toContain("text/event-stream");
    expect(body.text).toContain("data: [DONE]");
  });
});
