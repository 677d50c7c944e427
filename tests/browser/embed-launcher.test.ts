// The floating launcher in real Chromium: full screen on a phone, the visual viewport, focus,
// the unread dot, events, and a destroy that leaves the page exactly as it was.
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chromiumWith, collectPageErrors } from "../helpers/browser.js";
import { sendFromComposer } from "./embed-chat-flow.js";
import { numberedWords, startEmbedServer, until } from "./embed-test-server.js";

type Api = {
  Rivulet: ((...args: unknown[]) => unknown) & {
    mount: (target: Element, options: object) => Instance;
    init: (options: object) => Instance;
  };
};
type Instance = { open(): void; close(): void; destroy(): void; on(event: string, cb: (detail: unknown) => void): () => void };

/** The shadow root's focused element, described. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return inner ? `${inner.localName}${inner.getAttribute("aria-label") ? `[${inner.getAttribute("aria-label")}]` : ""}` : `page:${host?.localName}`;
  });

/** Event listeners on window, document, <html>, <body> and visualViewport, by type, as DevTools sees them. */
async function globalListeners(page: Page, cdp: CDPSession): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const expression of ["window", "document", "document.documentElement", "document.body", "window.visualViewport"]) {
    const { result } = await cdp.send("Runtime.evaluate", { expression });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId!, depth: 0 });
    out[expression] = listeners.map((l) => `${l.type}:${l.scriptId}:${l.lineNumber}:${l.columnNumber}`).toSorted();
  }
  await page.evaluate(() => undefined);
  return out;
}

describe("embed launcher in Chromium", () => {
  const env = chromiumWith(startEmbedServer);

  it("opens full screen on a 375x667 phone and follows the visual viewport (the on-screen keyboard)", async () => {
    const page = await env.browser.newPage({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    await page.goto(`${env.server.url}/pages/embed-script.html`);
    await page.locator(".rivulet-launcher").tap();
    const panel = page.locator(".rivulet-panel");
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    // A smaller visual viewport (what a keyboard makes) shrinks the panel so the composer stays visible.
    await page.setViewportSize({ width: 375, height: 400 });
    await until(async () => (await panel.boundingBox())?.height === 400, "the panel to follow the viewport");
    const composer = await page.getByRole("textbox", { name: "Message" }).boundingBox();
    expect(composer!.y + composer!.height).toBeLessThanOrEqual(400);
    await page.close();
  });

  it("on a desktop: a 400x640 panel, focus into it on open and back to the launcher on close (Esc, the close button)", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    await page.goto(`${env.server.url}/pages/embed-script.html`);
    const launcher = page.locator(".rivulet-launcher");
    await launcher.waitFor();
    expect(await launcher.getAttribute("aria-label")).toBe("Ask us");
    await launcher.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("textbox", { name: "Message" }).waitFor();
    expect((await page.locator(".rivulet-panel").boundingBox())!).toMatchObject({ width: 400, height: 640 });
    expect(await focused(page)).toBe("textarea[Message]");
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");

    await page.keyboard.press("Escape");
    expect(await page.locator(".rivulet-panel").isHidden()).toBe(true);
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    expect(await focused(page)).toBe("button[Ask us]");

    await page.keyboard.press("Enter");
    expect(await focused(page)).toBe("textarea[Message]");
    await page.locator(".rv-header").getByRole("button", { name: "Close chat" }).click();
    expect(await focused(page)).toBe("button[Ask us]");

    // Closing from the page's code, while the page has focus, does not steal it.
    await page.evaluate(() => (window as unknown as Api).Rivulet("open"));
    await page.locator("#host-button").focus();
    await page.evaluate(() => (window as unknown as Api).Rivulet("close"));
    expect(await focused(page)).toBe("page:button");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an unread dot when an answer arrives while closed, and reports events on the API and as DOM events", async () => {
    const page = await env.browser.newPage();
    await page.goto(`${env.server.url}/pages/embed-script.html`);
    await page.evaluate(() => {
      const log: string[] = ((window as unknown as { log: string[] }).log = []);
      for (const name of ["ready", "open", "close", "message", "messageSent", "error"]) {
        document.addEventListener(`rivulet:${name}`, (event) => log.push(`dom:${name}:${(event as CustomEvent).composed}`));
      }
    });
    await page.locator(".rivulet-launcher").click();
    env.server.reply = { words: numberedWords(40), delayMs: 20 };
    await sendFromComposer(page, "Answer me while closed");
    await page.locator(".rivulet-launcher").click();
    expect(await page.locator(".rivulet-unread").count()).toBe(0);
    await page.locator(".rivulet-unread").waitFor();
    expect(await page.locator(".rivulet-launcher").getAttribute("aria-label")).toBe("Ask us (new message)");
    await page.locator(".rivulet-launcher").click();
    expect(await page.locator(".rivulet-unread").count()).toBe(0);
    // "ready" may land before or after the listeners above, depending on when the async script ran.
    const log = await page.evaluate(() => (window as unknown as { log: string[] }).log);
    expect(log.filter((entry) => !entry.startsWith("dom:ready:"))).toEqual([
      "dom:open:true",
      "dom:messageSent:true",
      "dom:close:true",
      "dom:message:true",
      "dom:open:true",
    ]);
    // The z-index option, through the constructed sheet.
    expect(await page.locator(".rivulet-launcher").evaluate((el) => getComputedStyle(el).zIndex)).toBe("2147483000");
    await page.evaluate(() => (window as unknown as Api).Rivulet("init", { endpoint: "/api/chat", zIndex: 7 }));
    expect(await page.locator(".rivulet-launcher").evaluate((el) => getComputedStyle(el).zIndex)).toBe("7");
    expect(await page.locator("rivulet-embed").count()).toBe(1);
    await page.close();
  });

  it("destroy leaves the page's DOM as it was, and no listener on window, document or the viewport", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${env.server.url}/pages/embed-plain.html`);
    await page.waitForFunction(() => typeof (window as unknown as { Rivulet?: unknown }).Rivulet === "function");
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    const listeners = await globalListeners(page, cdp);

    await page.evaluate(() => {
      const { Rivulet } = window as unknown as Api;
      const w = window as unknown as { inline: Instance; floating: Instance };
      w.inline = Rivulet.mount(document.getElementById("target")!, { endpoint: "/api/chat", persist: "embed-destroy-test" });
      w.floating = Rivulet.init({ endpoint: "/api/chat", open: true });
    });
    const floatingPanel = page.locator(".rivulet-panel");
    await floatingPanel.getByRole("textbox", { name: "Message" }).waitFor();
    env.server.reply = { words: numberedWords(20), delayMs: 5 };
    await sendFromComposer(floatingPanel, "Before destroy");
    await floatingPanel.getByRole("log").getByText("END").waitFor();
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toBe(html);
    // The probe sees listeners: the open panel follows the visual viewport.
    expect((await globalListeners(page, cdp))["window.visualViewport"]).toEqual(expect.arrayContaining([expect.stringMatching(/^resize:/)]));

    // Count animation frames and intervals requested after destroy: none may keep running.
    const afterDestroy = await page.evaluate(async () => {
      const w = window as unknown as { inline: Instance; floating: Instance };
      w.inline.destroy();
      w.floating.destroy();
      let frames = 0;
      const raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (cb) => {
        frames += 1;
        return raf(cb);
      };
      await new Promise((resolve) => setTimeout(resolve, 500));
      window.requestAnimationFrame = raf;
      return frames;
    });
    expect(afterDestroy).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(html);
    expect(await globalListeners(page, cdp)).toEqual(listeners);
    // Only the persisted conversation (an explicit option) stays, as it should.
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual(["embed-destroy-test"]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
