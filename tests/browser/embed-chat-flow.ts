// The one conversation every boot path must hold: a reply streams in to its end, then a long reply
// is stopped mid-way, the server sees its connection close, and nothing arrives after the stop.
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { numberedWords, until, type EmbedTestServer } from "./embed-test-server.js";

/** Sends `text` from the composer inside `scope` (which may be the whole page: locators pierce open shadow roots). */
export async function sendFromComposer(scope: Page | Locator, text: string): Promise<void> {
  const composer = scope.getByRole("textbox", { name: "Message" });
  await composer.fill(text);
  await composer.press("Enter");
}

export async function streamsAndStops(scope: Page | Locator, server: EmbedTestServer): Promise<void> {
  const log = scope.getByRole("log");
  const before = server.requests.length;

  // 1. A reply streams in, growing over several reads, and ends.
  server.reply = { words: numberedWords(30), delayMs: 25 };
  await sendFromComposer(scope, "First question");
  const seen = new Set<string>();
  await until(async () => {
    const text = await log.innerText();
    seen.add(text);
    return text.includes("END");
  }, "the first reply to end");
  expect(seen.size, "the reply should appear progressively, not at once").toBeGreaterThan(3);
  expect(await log.innerText()).toContain("w30");
  expect(server.requests.length).toBe(before + 1);
  expect(JSON.stringify(server.requests.at(-1))).toContain("First question");

  // 2. A long reply is stopped mid-way.
  server.reply = { words: numberedWords(400), delayMs: 30 };
  const abortedBefore = server.aborted;
  await sendFromComposer(scope, "Second question");
  await until(async () => (await log.innerText()).includes("w3 "), "the second reply to start");
  await scope.getByRole("button", { name: "Stop" }).click();
  await until(() => server.aborted === abortedBefore + 1, "the server to see the connection close");
  const atStop = await log.innerText();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const later = await log.innerText();
  expect(later).toBe(atStop);
  expect(later).not.toContain("w400");
  expect(later).toContain("Second question");
}
