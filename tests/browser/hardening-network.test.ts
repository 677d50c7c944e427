// Network faults in real Chromium, through the built widget (dist/rivulet.js, Rivulet.mount) and a
// real loopback server on the page's own origin: a drop at every phase of the response, a stall past
// the idle timeout and a 429 each leave the question and the partial answer on screen with an alert,
// and its Retry button recovers. Then four widgets on one page stream at once and stay independent.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { echo, embedPage, type FaultServer, FAULTS, good, rateLimited, stall, startFaultServer } from "../hardening/fault-server.js";

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rivulet hardening: network</title>
<script src="/rivulet.js"></script>
<style>.slot { height: 420px; width: 360px; display: inline-block; vertical-align: top; }</style>
</head><body><div class="slot" id="w0"></div><div class="slot" id="w1"></div><div class="slot" id="w2"></div><div class="slot" id="w3"></div></body></html>`;

let browser: Browser;
let server: FaultServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await startFaultServer(good(["Recovered ", "answer."]), embedPage(PAGE));
  browser = await launchChromium();
  page = await browser.newPage();
  errors = collectPageErrors(page);
  await page.goto(`${server.url}/page.html`);
  await page.waitForFunction(() => typeof (window as unknown as { Rivulet?: unknown }).Rivulet === "function");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Mounts a fresh widget in slot `index` (destroying what was there) and returns its locator. */
async function mount(index: number, options: Record<string, unknown> = {}): Promise<Locator> {
  await page.evaluate(
    ({ at, extra }) => {
      const w = window as unknown as { Rivulet: { mount: (t: Element, o: object) => { destroy(): void } }; widgets?: ({ destroy(): void } | undefined)[] };
      w.widgets ??= [];
      w.widgets[at]?.destroy();
      w.widgets[at] = w.Rivulet.mount(document.getElementById(`w${at}`)!, { endpoint: "/api/chat", smooth: false, ...extra });
    },
    { at: index, extra: options },
  );
  const slot = page.locator(`#w${index}`);
  await slot.getByRole("textbox", { name: "Message" }).waitFor();
  return slot;
}

async function ask(slot: Locator, question: string): Promise<void> {
  await slot.getByRole("textbox", { name: "Message" }).fill(question);
  await slot.getByRole("textbox", { name: "Message" }).press("Enter");
}

/** Network noise Chromium logs for the faults themselves; anything else is a real error. */
const realErrors = () => errors.filter((e) => !/Failed to load resource|net::ERR_|status of 429/.test(e));

describe("network faults in Chromium (Rivulet.mount, loopback server)", () => {
  const cases = [
    ...Object.entries(FAULTS).map(([name, fault]) => ({ name, behaviour: fault.behaviour, partial: fault.partial })),
    { name: "stall past the idle timeout", behaviour: stall("Thinking hard"), partial: "Thinking hard" },
    { name: "429 with Retry-After", behaviour: rateLimited(1), partial: "" },
  ];
  it.each(cases)("$name: question and partial answer stay, an alert shows, Retry recovers", async ({ name, behaviour, partial }) => {
    const slot = await mount(0, { idleTimeoutMs: 500 });
    // Chromium itself retries a request once when a reused keep-alive connection is reset before any
    // response byte (the server may have closed it as idle), so that drop must strike twice to be seen.
    server.script(...(name === "drop before headers" ? [behaviour, behaviour] : [behaviour]));
    await ask(slot, "Question?");
    const alert = slot.getByRole("alert");
    await alert.waitFor({ timeout: 5_000 });
    expect((await alert.innerText()).trim().length).toBeGreaterThan(10);
    const log = slot.getByRole("log");
    expect(await log.innerText()).toContain("Question?");
    expect(await log.innerText()).toContain(partial.trim());
    // The widget stays usable: the composer is enabled while the error shows.
    expect(await slot.getByRole("textbox", { name: "Message" }).isEnabled()).toBe(true);
    await slot.getByRole("button", { name: "Retry" }).click();
    await log.getByText("Recovered answer.").waitFor({ timeout: 5_000 });
    expect(await slot.getByRole("alert").count()).toBe(0);
    expect((await log.innerText()).split("Question?").length - 1).toBe(1);
    expect(realErrors()).toEqual([]);
  });

  it("four widgets on one page stream at once and each gets only its own answer", async () => {
    const slots = await Promise.all([0, 1, 2, 3].map((index) => mount(index)));
    // The second answer is long (200 tokens, 6 s), so it is still streaming when it is stopped.
    server.script(echo(30, 30), echo(200, 30), echo(30, 30), echo(30, 30));
    const closedBefore = server.clientClosed;
    const before = server.requests.length;
    // One after the other (typing needs focus), well within the first answer's 900 ms.
    for (const [index, slot] of slots.entries()) await ask(slot, `Q${index}`);
    // Stop the second one mid-answer: the others must not notice.
    await slots[1]!.getByRole("log").getByText(/Q1-t3/).waitFor();
    await slots[1]!.getByRole("button", { name: "Stop" }).click();
    for (const index of [0, 2, 3]) await slots[index]!.getByRole("log").getByText(`Q${index}-t30`).waitFor({ timeout: 10_000 });
    expect(server.requests.length - before).toBe(4);
    expect(server.maxConcurrent).toBeGreaterThanOrEqual(4);
    for (const [index, slot] of slots.entries()) {
      const text = await slot.getByRole("log").innerText();
      const others = [0, 1, 2, 3].filter((other) => other !== index).map((other) => `Q${other}-t`);
      expect(others.filter((other) => text.includes(other)), `widget ${index} shows another's answer`).toEqual([]);
      expect(text).toContain(`Answer to Q${index}:`);
    }
    const stopped = await slots[1]!.getByRole("log").innerText();
    expect(stopped).not.toContain("Q1-t200");
    expect(server.clientClosed, "the stopped widget closed its connection").toBe(closedBefore + 1);
    expect(realErrors()).toEqual([]);
  }, 60_000);
});
