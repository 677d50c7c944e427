// The three ways to start the embed, each streaming a reply and stopping one, in real Chromium
// against the BUILT dist/rivulet.js (npm test builds it first).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumWith, collectPageErrors } from "../helpers/browser.js";
import { streamsAndStops } from "./embed-chat-flow.js";
import { startEmbedServer, until } from "./embed-test-server.js";

describe("embed boot paths in Chromium", () => {
  const env = chromiumWith(startEmbedServer);
  let errors: string[] = [];

  async function open(path: string): Promise<Page> {
    const page = await env.browser.newPage();
    errors = collectPageErrors(page);
    await page.goto(`${env.server.url}${path}`);
    return page;
  }

  it("<script data-endpoint async> boots a launcher with its data- options, which opens a chat that streams and stops", async () => {
    const page = await open("/pages/embed-script.html");
    const launcher = page.getByRole("button", { name: "Ask us" });
    await launcher.waitFor();
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    await launcher.click();
    const panel = page.getByRole("dialog", { name: "Help desk" });
    await panel.waitFor();
    expect(await page.locator(".rivulet-launcher").getAttribute("aria-expanded")).toBe("true");
    await streamsAndStops(panel, env.server);
    expect(await page.locator("rivulet-embed").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("<rivulet-chat> renders inline, streams and stops, and its attributes are live", async () => {
    const page = await open("/pages/embed-element.html");
    const element = page.locator("rivulet-chat");
    await element.getByRole("textbox", { name: "Message" }).waitFor();
    expect(await page.getByRole("button", { name: /open chat/i }).count()).toBe(0);
    await streamsAndStops(element, env.server);

    // A changed attribute applies to the next request, with no reload and no second widget.
    const before = env.server.requests.length;
    env.server.reply = { words: ["ok"], delayMs: 1 };
    await page.evaluate(() => document.querySelector("rivulet-chat")!.setAttribute("body", '{"tenant":"acme"}'));
    const composer = element.getByRole("textbox", { name: "Message" });
    await composer.fill("Third");
    await composer.press("Enter");
    await until(() => env.server.requests.length === before + 1, "the request after the attribute change");
    expect(env.server.requests.at(-1)).toMatchObject({ tenant: "acme" });
    expect(await page.evaluate(() => document.querySelector("rivulet-chat")!.shadowRoot!.querySelectorAll(".rivulet-root").length)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a queue stub with Rivulet('init') before an async script inserted by code (currentScript is null) replays the queue", async () => {
    const page = await open("/pages/embed-queue.html");
    const launcher = page.getByRole("button", { name: "Open chat" });
    await launcher.waitFor();
    await until(async () => (await page.evaluate(() => (window as unknown as { rivuletEvents: string[] }).rivuletEvents)).includes("ready"), "the queued ready listener");
    // position: "left" came through the queue.
    const box = await launcher.boundingBox();
    expect(box!.x).toBeLessThan(100);
    await launcher.click();
    await streamsAndStops(page.getByRole("dialog", { name: "Queued" }), env.server);
    const events = await page.evaluate(() => (window as unknown as { rivuletEvents: string[] }).rivuletEvents);
    expect(events.some((e) => e.startsWith("message:") && e.includes("END"))).toBe(true);

    // After load, Rivulet is still a function taking commands, and has mount.
    const kinds = await page.evaluate(() => {
      const R = (window as unknown as { Rivulet: ((...a: unknown[]) => unknown) & { mount: unknown } }).Rivulet;
      R("close");
      R("init", { endpoint: "/api/chat", title: "Queued again", position: "left" });
      return { call: typeof R, mount: typeof R.mount, hosts: document.querySelectorAll("rivulet-embed").length };
    });
    expect(kinds).toEqual({ call: "function", mount: "function", hosts: 1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Rivulet.mount(element, options) renders inline, streams and stops, and returns the instance API", async () => {
    const page = await open("/pages/embed-plain.html");
    await page.waitForFunction(() => typeof (window as unknown as { Rivulet?: unknown }).Rivulet === "function");
    // No data-endpoint and no queue: nothing booted.
    expect(await page.locator("rivulet-embed").count()).toBe(0);
    const api = await page.evaluate(() => {
      const R = (window as unknown as { Rivulet: { mount: (t: Element, o: object) => Record<string, unknown> } }).Rivulet;
      const chat = R.mount(document.getElementById("target")!, { endpoint: "/api/chat", title: "Mounted" });
      (window as unknown as { chat: unknown }).chat = chat;
      return ["open", "close", "toggle", "send", "on", "destroy"].filter((name) => typeof chat[name] === "function");
    });
    expect(api).toEqual(["open", "close", "toggle", "send", "on", "destroy"]);
    const target = page.locator("#target");
    await target.getByRole("textbox", { name: "Message" }).waitFor();
    await streamsAndStops(target, env.server);

    // send() from the page, and the message event with the answer.
    env.server.reply = { words: ["from ", "send()"], delayMs: 5 };
    const answer = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const chat = (window as unknown as { chat: { send: (t: string) => void; on: (e: string, f: (d: { message: { content: string } }) => void) => void } }).chat;
          chat.on("message", ({ message }) => resolve(message.content));
          chat.send("Programmatic");
        }),
    );
    expect(answer).toBe("from send()");
    expect(errors).toEqual([]);
    await page.close();
  });
});
