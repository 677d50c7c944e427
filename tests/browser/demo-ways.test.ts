import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";

async function openDemo(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const errors = collectPageErrors(page);
  await page.goto(url);
  await page.locator(".prompts .prompt").first().waitFor({ timeout: 20_000 });
  return { page, errors };
}

describe("the three ways on the demo page, in Chromium", () => {
  let browser: Browser;
  let demo: DemoServer;

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("the headless useChat mini-chat streams an answer with the controls' settings", async () => {
    const { page, errors } = await openDemo(browser, demo.url);
    await page.getByLabel("Protocol").selectOption("gemini");
    await page.getByRole("radio", { name: "2000 tokens per second" }).check();
    const request = page.waitForRequest((r) => r.url().includes("/api/chat?") && r.url().includes("protocol=gemini"));
    await page.getByLabel("Headless message").fill("Compare the protocols in a table");
    await page.locator(".mini-form").getByRole("button", { name: "Send" }).click();
    await request;
    const answer = page.locator(".mini-answer").last();
    await expect.poll(() => answer.getAttribute("data-state"), { timeout: 15_000 }).toBe("done");
    await expect.poll(() => answer.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
    await expect(page.locator(".mini-question").textContent()).resolves.toBe("Compare the protocols in a table");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the script-tag launcher opens from its card and answers, following the controls", async () => {
    const { page, errors } = await openDemo(browser, demo.url);
    await page.getByLabel("Protocol").selectOption("ollama");
    await page.getByRole("radio", { name: "2000 tokens per second" }).check();
    await page.getByRole("button", { name: "Open the launcher" }).click();
    // Playwright's locators pierce the embed's open shadow root.
    const embed = page.locator("rivulet-embed");
    const composer = embed.getByRole("textbox", { name: "Message" });
    await composer.waitFor();
    const request = page.waitForRequest((r) => r.url().includes("protocol=ollama"));
    await composer.fill("Give me a nested list");
    await composer.press("Enter");
    await request;
    const answer = embed.locator(".rv-msg--assistant").last();
    await expect.poll(() => answer.getAttribute("data-state"), { timeout: 15_000 }).toBe("done");
    await expect.poll(() => answer.locator("li").count()).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the theme control switches the page and every widget; the React snippet follows the controls", async () => {
    const { page, errors } = await openDemo(browser, demo.url);
    await page.getByRole("radio", { name: "Dark" }).check();
    await expect(page.locator("html").getAttribute("data-theme")).resolves.toBe("dark");
    await expect.poll(() => page.locator(".demo-chat").getAttribute("data-theme")).toBe("dark");
    await page.getByRole("radio", { name: "Light" }).check();
    await expect.poll(() => page.locator(".demo-chat").getAttribute("data-theme")).toBe("light");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.getByRole("radio", { name: "Dark" }).check();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(background);

    await page.getByLabel("Protocol").selectOption("anthropic");
    await page.getByRole("radio", { name: "WebSocket" }).check();
    const snippet = page.locator("figure", { has: page.getByText("Help.tsx") }).locator("code");
    await expect(snippet.textContent()).resolves.toContain('protocol="anthropic"');
    await expect(snippet.textContent()).resolves.toContain('transport="websocket"');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("has no WCAG 2 A or AA violation that axe finds, in light and in dark", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      // axe needs a page of a context of its own.
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme });
      const page = await context.newPage();
      await page.goto(demo.url);
      await page.locator(".prompts .prompt").first().waitFor({ timeout: 20_000 });
      const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
      expect(violations.map((v) => `${colorScheme}: ${v.id} on ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
      await context.close();
    }
  });
});

describe("the demo page in proxy mode, in Chromium", () => {
  let browser: Browser;
  let demo: DemoServer;
  let upstream: Server;
  const saved = { host: process.env.OLLAMA_HOST, model: process.env.OLLAMA_MODEL };

  beforeAll(async () => {
    // A fake Ollama on loopback: /api/chat answers in NDJSON, a few words at a time.
    upstream = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      const words = ["Hello ", "from ", "the ", "fake ", "upstream."];
      for (const word of words) res.write(`${JSON.stringify({ message: { role: "assistant", content: word }, done: false })}\n`);
      res.end(`${JSON.stringify({ message: { role: "assistant", content: "" }, done: true, done_reason: "stop" })}\n`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
    process.env.OLLAMA_HOST = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    process.env.OLLAMA_MODEL = "tiny-test";
    [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await new Promise((resolve) => upstream?.close(resolve));
    for (const [key, value] of [["OLLAMA_HOST", saved.host], ["OLLAMA_MODEL", saved.model]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("names the provider, hides the mock-only controls, and streams the provider's answer", async () => {
    const { page, errors } = await openDemo(browser, demo.url);
    await expect(page.getByTestId("proxy-note").textContent()).resolves.toMatch(/ollama.*tiny-test/);
    await expect(page.getByLabel("Protocol").count()).resolves.toBe(0);
    await expect(page.getByLabel("Fault", { exact: true }).count()).resolves.toBe(0);
    await expect(page.getByTestId("request-url").textContent()).resolves.toBe("/api/chat");
    await page.locator(".prompts .prompt").first().click();
    const answer = page.locator(".demo-chat .rv-msg--assistant").last();
    await expect.poll(() => answer.getAttribute("data-state"), { timeout: 15_000 }).toBe("done");
    await expect(answer.locator(".rv-answer").textContent()).resolves.toBe("Hello from the fake upstream.");
    expect(errors).toEqual([]);
    await page.close();
  });
});
