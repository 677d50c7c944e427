// Invariant 7: the host page is safe from the embed and the embed from it. Real Chromium, BUILT dist/rivulet.js.
import { join } from "node:path";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { streamsAndStops } from "./embed-chat-flow.js";
import { widgetStyles, type StyleSnapshot } from "./embed-styles-probe.js";
import { startEmbedServer, type EmbedTestServer } from "./embed-test-server.js";

/** Builds the host page's own React app into one classic script. */
async function buildHostApp(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: "silent",
    publicDir: false,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      minify: false,
      rollupOptions: { input: "tests/browser/pages/embed-host-react-app.tsx", output: { format: "iife" } },
    },
  });
  const chunk = (Array.isArray(output) ? output[0]! : output as { output: { code?: string }[] }).output[0] as { code: string };
  const file = join(mkdtempSync(join(tmpdir(), "rivulet-host-app-")), "host-app.js");
  writeFileSync(file, chunk.code);
  return file;
}

/** Opens the launcher's panel, then moves the mouse away so boxes are measured at rest. */
async function openPanel(page: Page): Promise<void> {
  await page.locator(".rivulet-launcher").click();
  await page.getByRole("textbox", { name: "Message" }).waitFor();
  // Off the launcher, and past its hover transition, so its box is measured at rest.
  await page.mouse.move(1, 1);
  await page.waitForTimeout(250);
}

describe("embed isolation in Chromium", () => {
  let browser: Browser;
  let server: EmbedTestServer;
  let plain: StyleSnapshot;

  beforeAll(async () => {
    const hostApp = await buildHostApp();
    [browser, server] = await Promise.all([launchChromium(), startEmbedServer({ "/host-app.js": hostApp })]);
    plain = await openAndMeasure("/pages/embed-script.html");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openAndMeasure(path: string, keep?: (page: Page) => Promise<void>): Promise<StyleSnapshot> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}${path}`);
    await openPanel(page);
    const styles = await widgetStyles(page);
    await keep?.(page);
    await page.close();
    return styles;
  }

  it("measures every probe on the plain page (the reference)", () => {
    expect(Object.entries(plain).filter(([, style]) => style === null)).toEqual([]);
    expect(plain[".rivulet-launcher"]).toMatchObject({ width: "56px", height: "56px", "border-radius": "50%", "z-index": "2147483000" });
    expect(plain[".rivulet-panel"]).toMatchObject({ width: "400px", height: "640px" });
  });

  it("hostile host CSS (all: unset !important, 40px root font, div { display: none }) changes nothing inside the widget", async () => {
    const hostile = await openAndMeasure("/pages/embed-hostile.html", async (page) => {
      // The page's rules did apply to the page itself.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe("40px");
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("main")!).display)).toBe("inline");
      await streamsAndStops(page.getByRole("dialog", { name: "Help desk" }), server);
    });
    expect(hostile).toEqual(plain);
  });

  it("runs under a strict CSP (default-src 'self'; style-src 'self') with no violation and the same styles", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = collectPageErrors(page);
    const response = await page.goto(`${server.url}/pages/embed-csp.html?csp`);
    expect(response?.headers()["content-security-policy"]).toContain("style-src 'self'");
    await openPanel(page);
    expect(await widgetStyles(page)).toEqual(plain);
    // Markdown, code highlighting and the cursor render under the policy too.
    server.reply = { words: ["**bold** and `code`\n\n", "```js\nconst x = 1;\n```\n"], delayMs: 10 };
    await page.getByRole("textbox", { name: "Message" }).fill("Show markdown");
    await page.getByRole("textbox", { name: "Message" }).press("Enter");
    await page.getByRole("log").getByText("bold").waitFor();
    await streamsAndStops(page.getByRole("dialog", { name: "Help desk" }), server);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("adds no <style> element, no style attribute (a grown composer included), and nothing to the page's styles", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/pages/embed-plain.html`);
    const pageStyles = () =>
      page.evaluate(() =>
        ["html", "body", "h1", "#target"].map((s) => {
          const style = getComputedStyle(document.querySelector(s)!);
          return [s, style.fontSize, style.fontFamily, style.color, style.display, style.margin, style.lineHeight].join("|");
        }),
      );
    const before = await pageStyles();
    const sheetsBefore = await page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length]);
    await page.evaluate(() => {
      const R = (window as unknown as { Rivulet: { mount: (t: Element, o: object) => unknown; init: (o: object) => { open: () => void } } }).Rivulet;
      R.mount(document.getElementById("target")!, { endpoint: "/api/chat" });
      R.init({ endpoint: "/api/chat" }).open();
    });
    await page.getByRole("textbox", { name: "Message" }).first().waitFor();
    // Grow both composers over several lines: they grow by CSS, not by a written height.
    for (const box of await page.getByRole("textbox", { name: "Message" }).all()) await box.fill("one\ntwo\nthree\nfour");
    expect(await pageStyles()).toEqual(before);
    expect(await page.evaluate(() => [document.styleSheets.length, document.adoptedStyleSheets.length])).toEqual(sheetsBefore);
    const found = await page.evaluate(() => {
      const all: Element[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll("*")) {
          all.push(element);
          if (element.shadowRoot) walk(element.shadowRoot);
        }
      };
      walk(document);
      return {
        styleElements: all.filter((e) => e.localName === "style").length,
        styleAttributes: all.filter((e) => e.hasAttribute("style")).map((e) => e.localName + "." + e.className),
      };
    });
    expect(found.styleElements).toBe(0);
    expect(found.styleAttributes).toEqual([]);
    await page.close();
  });

  it("works beside the page's own, different React, which keeps working and keeps its global", async () => {
    const page = await browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/pages/embed-host-react.html`);
    await page.locator("#host-counter").click();
    await page.locator("#host-counter").click();
    expect(await page.locator("#host-counter").innerText()).toBe("Host clicks: 2");
    await openPanel(page);
    await streamsAndStops(page.getByRole("dialog", { name: "Help desk" }), server);
    await page.locator("#host-counter").click();
    expect(await page.locator("#host-counter").innerText()).toBe("Host clicks: 3");
    expect(await page.evaluate(() => (window as unknown as { React: { version: string } }).React.version)).toMatch(/^19\./);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("defines no global but Rivulet (and the <rivulet-chat> element)", async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, "rivuletTestGlobalsBefore", { value: new Set(Object.getOwnPropertyNames(window)), enumerable: false });
    });
    await page.goto(`${server.url}/pages/embed-script.html`);
    await openPanel(page);
    await streamsAndStops(page.getByRole("dialog", { name: "Help desk" }), server);
    const added = await page.evaluate(() => {
      const before = (window as unknown as { rivuletTestGlobalsBefore: Set<string> }).rivuletTestGlobalsBefore;
      return Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && name !== "rivuletTestGlobalsBefore");
    });
    expect(added).toEqual(["Rivulet"]);
    expect(await page.evaluate(() => typeof customElements.get("rivulet-chat"))).toBe("function");
    await page.close();
  });
});
