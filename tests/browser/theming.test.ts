// Theming through the public --rivulet-* custom properties, in real Chromium: the widget only READS
// them, so a value set by the page higher up (:root, a wrapper, the embed's host element) reaches it,
// through a Shadow DOM too; a --rivulet-<name>-dark value applies only in the dark theme.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";
import { startChatServer, waitForChat, type ChatTestServer } from "./chat-server.js";
import { sendFromComposer } from "./embed-chat-flow.js";
import { numberedWords, startEmbedServer, type EmbedTestServer } from "./embed-test-server.js";

const DEFAULT_ACCENT = { light: "rgb(79, 70, 229)", dark: "rgb(139, 140, 255)" };
const RED = "rgb(255, 0, 0)";
const GREEN = "rgb(0, 128, 0)";
const WHITE = "rgb(255, 255, 255)";
const DEFAULT_ACCENT_FG_DARK = "rgb(18, 19, 26)";
const UNREAD = "rgb(239, 68, 68)";

/** An element's background and text colours. */
const colours = (element: Locator) =>
  element.evaluate((e) => ({ background: getComputedStyle(e).backgroundColor, color: getComputedStyle(e).color }));
/** The unread dot's fill and ring. */
const dotColours = (dot: Locator) =>
  dot.evaluate((e) => ({ background: getComputedStyle(e).backgroundColor, ring: getComputedStyle(e).borderTopColor }));
/** The theme tokens the launcher draws with, as computed on an element. */
const tokens = (element: Locator) =>
  element.evaluate((e) => ["--rv-accent", "--rv-accent-fg", "--rv-focus"].map((name) => getComputedStyle(e).getPropertyValue(name)));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Types into the composer (so the send button is enabled and shows the accent), then waits for the
 * button's background to settle on the expected colour (it has a transition).
 */
async function expectSendButton(scope: Page | Locator, background: string): Promise<void> {
  await scope.getByRole("textbox", { name: "Message" }).fill("hello");
  const button = scope.locator(".rv-composer-button");
  const colour = () => button.evaluate((element) => getComputedStyle(element).backgroundColor);
  await expect.poll(colour, { timeout: 3_000 }).toBe(background);
}

const chatRoot = (scope: Page | Locator, property: "borderTopLeftRadius" | "fontSize" | "backgroundColor" | "color") =>
  scope.locator(".rv-chat").evaluate((element, name) => getComputedStyle(element)[name], property);

describe("the npm path: <Chat> with rivulet's stylesheet", () => {
  let demo: DemoServer;
  let api: ChatTestServer;

  beforeAll(async () => {
    [demo, api] = await Promise.all([startDemoServer(), startChatServer()]);
    const warm = await browser.newPage();
    await warm.goto(`${demo.url}/tests/browser/pages/chat.html?endpoint=${encodeURIComponent(api.endpoint)}`);
    await waitForChat(warm, 6);
    await warm.close();
  });
  afterAll(async () => {
    await demo?.close();
    await api?.close();
  });

  async function openChat(theme: "light" | "dark", pageCss: string | null, shadow = false) {
    const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
    const errors = collectPageErrors(page);
    const query = new URLSearchParams({ endpoint: api.endpoint, theme, shadow: shadow ? "1" : "0" });
    await page.goto(`${demo.url}/tests/browser/pages/chat.html?${query}`);
    await waitForChat(page);
    // The page's own stylesheet, a <style> in the document: it comes BEFORE rivulet's (adopted) sheet
    // in the cascade, so it could only win by reaching the widget as an inherited input.
    if (pageCss) await page.addStyleTag({ content: pageCss });
    return { page, errors };
  }

  it("keeps the default accent when the page sets nothing", async () => {
    for (const theme of ["light", "dark"] as const) {
      const { page, errors } = await openChat(theme, null);
      await expectSendButton(page, DEFAULT_ACCENT[theme]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("takes --rivulet-accent, text colour, radius and font size set on :root", async () => {
    const { page, errors } = await openChat(
      "light",
      `:root { --rivulet-accent: ${RED}; --rivulet-text: ${GREEN}; --rivulet-radius: 3px; --rivulet-font-size: 19px; }`,
    );
    await expectSendButton(page, RED);
    expect(await chatRoot(page, "color")).toBe(GREEN);
    expect(await chatRoot(page, "borderTopLeftRadius")).toBe("3px");
    expect(await chatRoot(page, "fontSize")).toBe("19px");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("reaches a <Chat> inside a Shadow DOM from :root", async () => {
    const { page } = await openChat("light", `:root { --rivulet-accent: ${RED}; --rivulet-bg: ${GREEN}; }`, true);
    await expectSendButton(page, RED);
    expect(await chatRoot(page, "backgroundColor")).toBe(GREEN);
    await page.close();
  });

  it("uses --rivulet-accent-dark in the dark theme only, and --rivulet-accent in both otherwise", async () => {
    const both = `:root { --rivulet-accent: ${RED}; --rivulet-accent-dark: ${GREEN}; }`;
    const dark = await openChat("dark", both);
    await expectSendButton(dark.page, GREEN);
    await dark.page.close();

    const light = await openChat("light", both);
    await expectSendButton(light.page, RED);
    await light.page.close();

    // With no -dark value, the one value serves the dark theme too.
    const single = await openChat("dark", `:root { --rivulet-accent: ${RED}; }`);
    await expectSendButton(single.page, RED);
    await single.page.close();
    // A -dark value alone leaves the light theme at its default.
    const onlyDark = await openChat("light", `:root { --rivulet-accent-dark: ${GREEN}; }`);
    await expectSendButton(onlyDark.page, DEFAULT_ACCENT.light);
    await onlyDark.page.close();
  });

  it("still takes a value set on .rv-chat itself, as before", async () => {
    const { page } = await openChat("dark", `.rv-chat[data-theme="dark"] { --rivulet-accent: ${RED}; }`);
    await expectSendButton(page, RED);
    await page.close();
  });
});

describe("the script-tag embed (built dist/rivulet.js)", () => {
  let server: EmbedTestServer;

  beforeAll(async () => {
    server = await startEmbedServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function open(path: string, pageCss: string, colorScheme?: "light" | "dark"): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}${path}`);
    await page.addStyleTag({ content: pageCss });
    return { page, errors };
  }

  it("<rivulet-chat> takes --rivulet-* set on the element, inside its shadow root, and -dark in the dark theme", async () => {
    const { page, errors } = await open(
      "/pages/embed-element.html",
      `rivulet-chat { --rivulet-accent: ${RED}; --rivulet-accent-dark: ${GREEN}; --rivulet-radius: 4px; }`,
    );
    const element = page.locator("rivulet-chat#inline");
    // The property is set on the host; the colour is computed inside the shadow tree.
    expect(await element.evaluate((host) => host.shadowRoot?.querySelector(".rv-chat") !== null)).toBe(true);
    await expectSendButton(element, RED);
    expect(await chatRoot(element, "borderTopLeftRadius")).toBe("4px");

    await element.evaluate((host) => host.setAttribute("theme", "dark"));
    await element.locator('.rv-chat[data-theme="dark"]').waitFor();
    await expectSendButton(element, GREEN);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the launcher and its panel take --rivulet-accent set on :root", async () => {
    const { page, errors } = await open("/pages/embed-script.html", `:root { --rivulet-accent: ${RED}; }`);
    const launcher = page.locator(".rivulet-launcher");
    await launcher.waitFor();
    expect(await launcher.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(RED);
    await launcher.click();
    const panel = page.getByRole("dialog", { name: "Help desk" });
    await panel.waitFor();
    await expectSendButton(panel, RED);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("keeps its default accent when the page sets nothing", async () => {
    const { page } = await open("/pages/embed-script.html", "body { margin: 0; }");
    const launcher = page.locator(".rivulet-launcher");
    await launcher.waitFor();
    expect(await launcher.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe(DEFAULT_ACCENT.light);
    await page.close();
  });

  it("the launcher and its unread dot wear the panel's theme: auto follows prefers-color-scheme, live", async () => {
    const { page, errors } = await open("/pages/embed-script.html", `:root { --rivulet-unread-dark: ${GREEN}; }`, "light");
    const launcher = page.locator(".rivulet-launcher");
    await launcher.waitFor();
    const light = await colours(launcher);
    expect(light).toEqual({ background: DEFAULT_ACCENT.light, color: WHITE });

    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => colours(launcher)).toEqual({ background: DEFAULT_ACCENT.dark, color: DEFAULT_ACCENT_FG_DARK });
    // The same tokens as the panel: its send button is drawn with the accent and accent-fg.
    await launcher.click();
    const panel = page.getByRole("dialog", { name: "Help desk" });
    await panel.locator('.rv-chat[data-theme="dark"]').waitFor();
    await expectSendButton(panel, DEFAULT_ACCENT.dark);
    expect(await colours(panel.locator(".rv-composer-button"))).toEqual(await colours(launcher)); // the arrow too
    expect(await tokens(launcher)).toEqual(await tokens(panel.locator(".rv-chat")));

    // An answer that lands while the panel is closed lights the dot, ringed in the launcher's accent-fg.
    server.reply = { words: numberedWords(30), delayMs: 20 };
    await sendFromComposer(panel, "Answer me while closed");
    await launcher.click();
    const dot = page.locator(".rivulet-unread");
    await dot.waitFor();
    expect(await dotColours(dot)).toEqual({ background: GREEN, ring: DEFAULT_ACCENT_FG_DARK });
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => dotColours(dot)).toEqual({ background: UNREAD, ring: WHITE });
    expect(await colours(launcher)).toEqual(light);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the launcher follows theme: \"dark\" (and --rivulet-accent-dark) under a light scheme, and \"light\" under a dark one", async () => {
    const { page, errors } = await open("/pages/embed-script.html", `:root { --rivulet-accent: ${RED}; --rivulet-accent-dark: ${GREEN}; }`, "light");
    const launcher = page.locator(".rivulet-launcher");
    await launcher.waitFor();
    expect((await colours(launcher)).background).toBe(RED);
    const init = (theme: string) =>
      page.evaluate((t) => (window as unknown as { Rivulet: (...args: unknown[]) => unknown }).Rivulet("init", { endpoint: "/api/chat", theme: t }), theme);
    await init("dark");
    await expect.poll(() => colours(launcher)).toEqual({ background: GREEN, color: DEFAULT_ACCENT_FG_DARK });
    await page.emulateMedia({ colorScheme: "dark" });
    await init("light");
    await expect.poll(() => colours(launcher)).toEqual({ background: RED, color: WHITE });
    expect(errors).toEqual([]);
    await page.close();
  });
});
