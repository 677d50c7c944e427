// Hostile model output in real Chromium: every payload of tests/fixtures/xss streamed as an answer
// into the built widget (Rivulet.mount, Shadow DOM) on a page with no CSP. No script may run (a
// global canary and dialogs are watched), no event-handler attribute or unsafe URL may reach the DOM
// at any moment of the stream (a MutationObserver inside the shadow root checks each change, and a
// walk checks the end), and no request may leave for an image the `images` policy does not allow.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "../fixtures/xss/payloads.js";
import { type Behaviour, embedPage, type FaultServer, good, startFaultServer } from "../hardening/fault-server.js";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";

// A 1×1 transparent PNG for the one allowed image.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>rivulet hardening: hostile output</title>
<script>window.rivuletPwned = function () { window.rvPwnedCount = (window.rvPwnedCount || 0) + 1; };</script>
<script src="/rivulet.js"></script>
</head><body><div id="target" style="height: 600px"></div></body></html>`;

/** Streams the payload named by the question ("P12") in chunks of 1 to 4 characters. */
const answerPayload: Behaviour = (req, res, body) => {
  const index = Number(/^P(\d+)$/.exec(body.messages?.at(-1)?.content ?? "")?.[1] ?? -1);
  const text = XSS_PAYLOADS[index]?.markdown ?? "unknown payload";
  const tokens: string[] = [];
  for (let at = 0, size = 1; at < text.length; at += size, size = (size % 4) + 1) tokens.push(text.slice(at, at + size));
  good(tokens, 1)(req, res, body);
};

let browser: Browser;
let server: FaultServer;
let page: Page;

beforeAll(async () => {
  server = await startFaultServer(answerPayload, embedPage(PAGE, {
    "/allowed.png": { body: PNG, type: "image/png" },
    "/favicon.ico": { body: PNG, type: "image/png" },
  }));
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** In the page: checks one element against the rules; returns what it broke. */
function installWatch(): void {
  const w = window as unknown as { rvViolations: string[]; rvCheck: (root: Node) => void };
  w.rvViolations = [];
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "ping"];
  // The composer is a <form> of our own: forms are judged by their action URLs, like links.
  const FORBIDDEN_TAGS = ["SCRIPT", "IFRAME", "OBJECT", "EMBED", "FRAME", "BASE", "META", "LINK", "TEMPLATE", "MATH"];
  const checkElement = (element: Element) => {
    const where = `<${element.tagName.toLowerCase()}>`;
    if (FORBIDDEN_TAGS.includes(element.tagName.toUpperCase())) w.rvViolations.push(`${where} element`);
    for (const { name, value } of Array.from(element.attributes)) {
      if (name.toLowerCase().startsWith("on")) w.rvViolations.push(`${where} ${name}="${value}"`);
      if (name === "srcdoc") w.rvViolations.push(`${where} srcdoc`);
      if (name === "style" && /url\(|expression|javascript:/i.test(value)) w.rvViolations.push(`${where} style="${value}"`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase())) {
        let protocol = "invalid:";
        try {
          protocol = new URL(value, location.href).protocol;
        } catch {
          // An unparsable URL cannot navigate anywhere; it counts as unsafe all the same.
        }
        if (!["http:", "https:", "mailto:"].includes(protocol)) w.rvViolations.push(`${where} ${name}="${value}"`);
      }
    }
  };
  w.rvCheck = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
      if (!(node instanceof Element)) continue;
      checkElement(node);
      if (node.shadowRoot) w.rvCheck(node.shadowRoot);
    }
  };
  const target = document.getElementById("target")!;
  const roots = Array.from(target.querySelectorAll("*"))
    .map((element) => element.shadowRoot)
    .filter((root): root is ShadowRoot => root !== null);
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes" && record.target instanceof Element) checkElement(record.target);
      for (const added of Array.from(record.addedNodes)) if (added instanceof Element) w.rvCheck(added);
    }
  });
  for (const root of roots) observer.observe(root, { subtree: true, childList: true, attributes: true });
}

describe("hostile model output in Chromium", () => {
  it(`streams ${XSS_PAYLOADS.length} XSS payloads as answers: no script runs, nothing unsafe reaches the DOM, no disallowed request leaves`, async () => {
    const errors = collectPageErrors(page);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(`${server.url}/page.html`);
    await page.evaluate((origin) => {
      const R = (window as unknown as { Rivulet: { mount: (t: Element, o: object) => unknown } }).Rivulet;
      R.mount(document.getElementById("target")!, {
        endpoint: "/api/chat",
        smooth: false,
        markdown: { images: { allowedOrigins: [origin] } },
      });
    }, server.url);
    const textbox = page.locator("#target").getByRole("textbox", { name: "Message" });
    await textbox.waitFor();
    await page.evaluate(installWatch);
    // Control: the watch does see an unsafe element added to the shadow root (then forgets it).
    const control = await page.evaluate(async () => {
      const w = window as unknown as { rvViolations: string[] };
      const root = document.querySelector("#target *")!.shadowRoot!;
      const bad = document.createElement("a");
      bad.setAttribute("href", "javascript:void 0");
      bad.setAttribute("onclick", "rivuletPwned()");
      root.append(bad);
      await new Promise((resolve) => setTimeout(resolve, 0));
      bad.remove();
      return w.rvViolations.splice(0);
    });
    expect(control).toEqual(['<a> href="javascript:void 0"', '<a> onclick="rivuletPwned()"']);

    for (const [index] of XSS_PAYLOADS.entries()) {
      await textbox.fill(`P${index}`);
      await textbox.press("Enter");
      // The answer is done when the Send button is back (it is Stop while streaming).
      await page.locator("#target").getByRole("button", { name: "Send" }).waitFor();
      await page.waitForFunction(() => !document.querySelector("#target *")?.shadowRoot?.querySelector(".rv-cursor"));
    }
    // Hover and focus everything once, so handlers that need an event would have had their chance.
    const links = page.locator("#target").locator("a, img, b, input, details, button");
    for (let i = 0; i < Math.min(await links.count(), 200); i++) await links.nth(i).hover({ timeout: 500 }).catch(() => {});

    await page.evaluate(() => (window as unknown as { rvCheck: (root: Node) => void }).rvCheck(document.body));
    const outcome = await page.evaluate(() => {
      const w = window as unknown as { rvPwnedCount?: number; rvViolations: string[] };
      return { pwned: w.rvPwnedCount ?? 0, violations: [...new Set(w.rvViolations)] };
    });
    expect(outcome).toEqual({ pwned: 0, violations: [] });
    expect(dialogs).toEqual([]);
    const origin = new URL(server.url).origin;
    const foreign = requests.filter((url) => new URL(url).origin !== origin);
    expect(foreign, "requests that left the page's origin").toEqual([]);
    const local = [...new Set(requests.map((url) => new URL(url).pathname))].filter((path) => path !== "/favicon.ico").toSorted();
    // The allowed image did load: the policy is on, not every image blocked.
    expect(local).toEqual(["/allowed.png", "/api/chat", "/page.html", "/rivulet.js"]);
    // Every payload arrived (the log holds the last one's visible text), and nothing crashed the widget.
    expect(server.requests).toHaveLength(XSS_PAYLOADS.length);
    expect(errors).toEqual([]);
  }, 110_000);
});
