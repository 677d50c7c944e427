import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumWith, collectPageErrors } from "../helpers/browser.js";
import { startDemoServer } from "../helpers/demo-server.js";

const PROTOCOLS = ["openai-chat", "openai-responses", "anthropic", "gemini", "ai-sdk", "ollama", "sse", "text"];

const chatOf = (page: Page) => page.locator(".demo-chat");
const lastAnswer = (page: Page) => chatOf(page).locator(".rv-msg--assistant").last();
const prompt = (page: Page, text: string) => page.locator(".prompts").getByRole("button", { name: text });
const setSpeed = (page: Page, tps: number) => page.getByRole("radio", { name: `${tps} tokens per second` }).check();

async function waitForState(answer: Locator, state: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => answer.getAttribute("data-state"), { timeout }).toBe(state);
}

describe("demo page in Chromium", () => {
  const env = chromiumWith(startDemoServer);

  /** A fresh page with the prompts loaded from /api/chat/info; errors collected from the start. */
  async function openDemo(): Promise<{ page: Page; errors: string[] }> {
    const page = await env.browser.newPage({ viewport: { width: 1360, height: 900 } });
    const errors = collectPageErrors(page);
    await page.goto(env.server.url);
    await page.locator(".prompts .prompt").first().waitFor({ timeout: 20_000 });
    return { page, errors };
  }

  it("loads with no console error and renders the app", async () => {
    const { page, errors } = await openDemo();
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("rivulet");
    // The mock model's prompts came from /api/chat/info, and the three ways are on the page.
    await expect(page.locator(".prompts .prompt").count()).resolves.toBeGreaterThanOrEqual(6);
    await expect(page.locator(".way").count()).resolves.toBe(3);
    await expect(page.locator("pre code").count()).resolves.toBeGreaterThanOrEqual(3);
    // The script-tag launcher booted in its own shadow root.
    await page.locator("rivulet-embed").waitFor({ state: "attached" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("serves the chat endpoint from the same origin", async () => {
    const page = await env.browser.newPage();
    await page.goto(env.server.url);
    const body = await page.evaluate(async () => {
      const messages = [{ role: "user", content: "hello" }];
      const response = await fetch("/api/chat", { method: "POST", body: JSON.stringify({ messages }) });
      return { type: response.headers.get("content-type"), text: await response.text() };
    });
    expect(body.type).toContain("text/event-stream");
    expect(body.text).toContain("data: [DONE]");
    await page.close();
  });

  it("streams a suggested prompt to the end in each of the eight protocols, and over a WebSocket", async () => {
    const { page, errors } = await openDemo();
    await setSpeed(page, 2000);
    const runs = [...PROTOCOLS.map((protocol) => ({ protocol, transport: "fetch + SSE" })), { protocol: "anthropic", transport: "WebSocket" }];
    for (const [index, { protocol, transport }] of runs.entries()) {
      await page.getByLabel("Protocol").selectOption(protocol);
      await page.getByRole("radio", { name: transport }).check();
      await expect(page.getByTestId("request-url").textContent()).resolves.toContain(`protocol=${protocol}`);
      await prompt(page, "Compare the protocols in a table").click();
      const answer = chatOf(page).locator(".rv-msg--assistant").nth(index);
      await waitForState(answer, "done");
      // The whole table arrived and rendered as a table, whatever the wire format.
      await expect.poll(() => answer.locator("table").count()).toBeGreaterThan(0);
      await expect.poll(() => answer.locator("tbody tr").count()).toBeGreaterThanOrEqual(3);
      await expect.poll(() => page.getByTestId("run-phase").textContent()).toBe("Done");
      // The figures are the store's, from onFinish. Plain text has no events: a delta is one network
      // read, and at this speed the whole answer may come in one, so it has no rate to show.
      expect(Number.parseFloat((await page.getByTestId("figure-ttft").textContent()) ?? "")).toBeGreaterThan(0);
      await expect(page.getByTestId("figure-tps").textContent()).resolves.toMatch(protocol === "text" ? /^([1-9]\d*|—)$/ : /^[1-9]\d*$/);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("stops a long answer: it stays partial, marked stopped, and grows no further", async () => {
    const { page, errors } = await openDemo();
    await setSpeed(page, 30);
    await prompt(page, "Write a long answer").click();
    const answer = lastAnswer(page);
    await expect.poll(async () => (await answer.locator(".rv-answer").textContent().catch(() => ""))?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(20);
    await chatOf(page).getByRole("button", { name: "Stop" }).click();
    await waitForState(answer, "aborted");
    await expect(answer.locator(".rv-note").textContent()).resolves.toBe("Stopped");
    const stopped = (await answer.textContent()) ?? "";
    await page.waitForTimeout(600);
    expect((await answer.textContent()) ?? "").toBe(stopped);
    expect(stopped.length).toBeLessThan(5_000); // the whole answer is ~100 KB
    await expect(page.getByTestId("run-phase").textContent()).resolves.toBe("Stopped");
    expect(errors).toEqual([]);
    await page.close();
  });

  // Every fault the mock model injects, with a word its error message must contain. Stall runs with a
  // 1 s idle timeout (the "Idle timeout" control) against a 5 s stall.
  const FAULT_CASES: { fault: string; label: string; amount?: string; expected: RegExp }[] = [
    { fault: "drop", label: "drop:5", amount: "5", expected: /connection|network|ended|closed|terminated/i },
    { fault: "500", label: "500", expected: /500/ },
    { fault: "429", label: "429", expected: /429|too many|rate/i },
    { fault: "malformed", label: "malformed", expected: /malformed|invalid|json|protocol|parse/i },
    { fault: "provider-error", label: "provider-error", expected: /./ },
    { fault: "stall", label: "stall:5", amount: "5", expected: /timeout|timed out|no data|idle|seconds/i },
  ];

  it("shows each fault's error, and Retry recovers", async () => {
    const { page, errors } = await openDemo();
    await setSpeed(page, 400);
    await page.getByLabel("Idle timeout").selectOption("1");
    for (const { fault, label, amount, expected } of FAULT_CASES) {
      await page.getByLabel("Fault", { exact: true }).selectOption(fault);
      if (amount) await page.locator(".amount input").fill(amount);
      await expect(page.getByTestId("request-url").textContent()).resolves.toContain(`fault=${encodeURIComponent(label)}`);
      await prompt(page, "Show me some code").click();
      const answer = lastAnswer(page);
      await waitForState(answer, "error");
      const alert = answer.getByRole("alert");
      await expect(alert.textContent(), `${fault}: ${await alert.textContent()}`).resolves.toMatch(expected);
      // The fault was for one message: the control is back to None, so Retry gets a whole answer.
      await expect(page.getByLabel("Fault", { exact: true }).inputValue()).resolves.toBe("none");
      await answer.getByRole("button", { name: "Retry" }).click();
      await waitForState(lastAnswer(page), "done");
      await expect.poll(() => lastAnswer(page).locator("pre").count()).toBeGreaterThanOrEqual(3);
      await expect(chatOf(page).getByRole("alert").count()).resolves.toBe(0);
    }
    // Chromium logs the failed requests themselves (a 500, a 429, a cut chunked body) as console
    // errors: those were asked for. Nothing else may be logged.
    expect(errors.filter((e) => !e.startsWith("console.error: Failed to load resource:"))).toEqual([]);
    await page.close();
  });
});
