// Invariant 6 in real Chromium: XSS payloads in model output leave no executable element, no
// event-handler attribute and no URL with a scheme other than http, https or mailto in the DOM,
// in the final render and in every streamed prefix. The browser's own URL parser is the judge.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";
import type { MarkdownPage } from "./pages/markdown-page.js";

declare global {
  interface Window {
    markdownPage: MarkdownPage;
    xssFired?: string;
  }
}

const PAYLOADS = [
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](&#x6A;&#x61;vascript:alert(1))",
  "[click](&#0000106&#0000097vascript:alert(1))",
  "[click](javascript&colon;alert(1))",
  "[click](java&#9;script:alert(1))",
  "[click](java&Tab;script:alert(1))",
  "[click](java&NewLine;script:alert(1))",
  "[click](&#32;javascript:alert(1))",
  "[click](<javascript:alert(1)>)",
  "[click](<java script:alert(1)>)",
  "[click](\u0001javascript:alert(1))",
  "[click](javascript:alert(1) \"title\")",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "[click](&#118;bscript:msgbox(1))",
  "[click][ref]\n\n[ref]: javascript:alert(1)",
  "[ref]\n\n[ref]: &#106;avascript:alert(1) \"t\"",
  "**[bold click](javascript:alert(1))**",
  "[![img](https://example.com/a.png)](javascript:alert(1))",
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<data:text/html,alert(1)>",
  "<vbscript:msgbox(1)>",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml,<svg onload=alert(1)>)",
  "![x](data:image/png;base64,iVBORw0KGgo=)",
  '![x](https://example.com/a.png "onerror=alert(1)")',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  "<img src=x onerror=alert(1)>",
  "<img src=x onerror=\"window.xssFired='img'\">",
  "<script>window.xssFired='script'</script>",
  "<svg onload=\"window.xssFired='svg'\">",
  "<svg><script>window.xssFired='svg script'</script></svg>",
  '<iframe src="javascript:window.parent.xssFired=\'iframe\'"></iframe>',
  '<iframe srcdoc="<script>parent.xssFired=1</script>"></iframe>',
  '<a href="javascript:alert(1)">html link</a>',
  "<details open ontoggle=\"window.xssFired='details'\">",
  "<object data=\"javascript:alert(1)\"></object>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "Inline <b onmouseover=alert(1)>bold</b> text",
  "`<script>alert(1)</script>`",
  "```html\n<script>window.xssFired='code'</script>\n```",
  "- [x](javascript:alert(1))\n- <img src=x onerror=alert(1)>",
  "> [quoted](javascript:alert(1))",
  "| a |\n|---|\n| [cell](javascript:alert(1)) |",
  "[a](https://example.com \"x\" onclick=\"alert(1)\")",
  "www.example.com/javascript:alert(1)",
  "javascript:alert(1)",
];

describe("XSS payloads in Chromium", () => {
  let browser: Browser;
  let demo: DemoServer;
  let page: Page;
  let errors: string[];
  const dialogs: string[] = [];
  const external: string[] = [];
  const GIF = "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

  beforeAll(async () => {
    [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
    page = await browser.newPage();
    errors = collectPageErrors(page);
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // No network here: any other origin answers with a 1×1 GIF, and we record that it was asked.
    await page.route(
      (url) => url.origin !== demo.url,
      (route) => {
        external.push(route.request().url());
        return route.fulfill({ status: 200, contentType: "image/gif", body: Buffer.from(GIF, "base64") });
      },
    );
    await page.goto(`${demo.url}/tests/browser/pages/markdown.html`);
    await page.waitForFunction(() => "markdownPage" in window, undefined, { timeout: 30_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  it("leave nothing executable, one-shot and at every streamed prefix", async () => {
    const problems = await page.evaluate((payloads) => {
      const md = window.markdownPage;
      const found: string[] = [];
      const EXECUTABLE = "script, iframe, frame, object, embed, svg, math, style, link, meta, base, form, details, template";
      const URL_ATTRIBUTES = ["href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background"];
      const inspect = (label: string): void => {
        const root = md.root();
        if (root.querySelector(EXECUTABLE)) found.push(`${label}: ${root.querySelector(EXECUTABLE)!.outerHTML}`);
        for (const element of Array.from(root.querySelectorAll("*"))) {
          for (const attribute of Array.from(element.attributes)) {
            if (attribute.name.toLowerCase().startsWith("on")) found.push(`${label}: ${attribute.name} on <${element.tagName}>`);
            if (attribute.name === "style") found.push(`${label}: inline style on <${element.tagName}>`);
            if (URL_ATTRIBUTES.includes(attribute.name.toLowerCase())) {
              const protocol = new URL(attribute.value, location.href).protocol;
              if (!["http:", "https:", "mailto:"].includes(protocol)) found.push(`${label}: ${attribute.name}=${attribute.value}`);
            }
          }
        }
      };
      payloads.forEach((payload, index) => {
        md.render(payload, false, { fresh: true });
        inspect(`#${index} one-shot`);
        // The visible text keeps the payload's words: a refused link is text, not nothing.
        if (md.root().textContent === "" && !md.root().querySelector("img") && !payload.startsWith("![")) found.push(`#${index}: rendered nothing`);
        for (let end = 1; end <= payload.length; end++) {
          md.render(payload.slice(0, end), true, { fresh: end === 1 });
          inspect(`#${index} prefix ${end}`);
        }
        md.render(payload, false);
        inspect(`#${index} streamed final`);
      });
      return found;
    }, PAYLOADS);
    // Give anything that slipped through a moment to run.
    await page.waitForTimeout(300);
    expect(problems).toEqual([]);
    expect(await page.evaluate(() => window.xssFired)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    // Only the http(s) images of the payloads were fetched.
    expect(external.every((url) => url.startsWith("https://example.com/"))).toBe(true);
  });

  it("shows raw HTML as visible text", async () => {
    const text = await page.evaluate(() => {
      window.markdownPage.render("<script>alert(1)</script>\n\nand <img src=x onerror=alert(1)>", false, { fresh: true });
      return window.markdownPage.root().innerText;
    });
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("<img src=x onerror=alert(1)>");
  });

  it("keeps safe links working, in a new tab without an opener", async () => {
    const link = await page.evaluate(() => {
      window.markdownPage.render("[ok](https://example.com/a?b=1) <mailto:me@example.com> [rel](/docs#x)", false, { fresh: true });
      return Array.from(window.markdownPage.root().querySelectorAll("a")).map((a) => [a.href, a.target, a.rel]);
    });
    expect(link).toEqual([
      ["https://example.com/a?b=1", "_blank", "noopener noreferrer"],
      ["mailto:me@example.com", "_blank", "noopener noreferrer"],
      [`${demo.url}/docs#x`, "_blank", "noopener noreferrer"],
    ]);
  });
});
