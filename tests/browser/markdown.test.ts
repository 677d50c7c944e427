// <Markdown> in real Chromium: every prefix of a long document renders, finished blocks keep their
// DOM nodes, the cursor's blink obeys the clock and reduced motion, and the copy button copies.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { longDocument } from "../markdown/long-document.js";
import { chromiumWith, collectPageErrors } from "../helpers/browser.js";
import { startDemoServer } from "../helpers/demo-server.js";
import type { MarkdownPage } from "./pages/markdown-page.js";

declare global {
  interface Window {
    markdownPage: MarkdownPage;
  }
}

describe("<Markdown> in Chromium", () => {
  const env = chromiumWith(startDemoServer);

  async function openPage(): Promise<{ page: Page; errors: string[] }> {
    const page = await env.browser.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${env.server.url}/tests/browser/pages/markdown.html`);
    await page.waitForFunction(() => "markdownPage" in window, undefined, { timeout: 30_000 });
    return { page, errors };
  }

  it("renders every prefix of a long mixed document, and finished blocks keep their DOM nodes", async () => {
    const { page, errors } = await openPage();
    // References resolved after their use legitimately re-render a block; this document has none.
    const text = longDocument(6).replace(/\[reference\]\[ref\d+\]/g, "reference");
    const result = await page.evaluate((doc) => {
      const md = window.markdownPage;
      // Each frozen block's element and all its descendants, as first seen frozen.
      const frozen: { element: Element; nodes: Node[]; index: number }[] = [];
      const problems: string[] = [];
      for (let end = 1; end <= doc.length; end++) {
        md.render(doc.slice(0, end), true, { fresh: end === 1 });
        const root = md.root();
        // Every frozen block renders one element, but a link definition renders none.
        const frozenCount = md
          .splitter()
          .update(doc.slice(0, end), true)
          .chunks.flat()
          .filter((block) => block.token.type !== "def").length;
        for (let index = frozen.length; index < frozenCount; index++) {
          const element = root.children[index]!;
          const walker = document.createTreeWalker(element);
          const nodes: Node[] = [];
          for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) nodes.push(node);
          frozen.push({ element, nodes, index });
        }
        for (const block of frozen) {
          if (root.children[block.index] !== block.element) problems.push(`prefix ${end}: block ${block.index} replaced`);
        }
        if (problems.length > 5) break;
      }
      md.render(doc, false);
      const root = md.root();
      const streamedHtml = root.outerHTML;
      for (const block of frozen) {
        if (root.children[block.index] !== block.element) problems.push(`final: block ${block.index} replaced`);
        if (block.nodes.some((node) => !node.isConnected)) problems.push(`final: block ${block.index} lost a node`);
      }
      const children = root.children.length;
      md.render(doc, false, { fresh: true });
      // Invariant 1 on the long document too: the streamed DOM ends as the one-shot DOM.
      if (md.root().outerHTML !== streamedHtml) problems.push("final streamed DOM differs from one-shot");
      return { problems, frozen: frozen.length, children };
    }, text);
    expect(result.problems).toEqual([]);
    expect(result.frozen).toBeGreaterThan(40);
    // All but the last block ("The end.") froze while streaming.
    expect(result.children).toBe(result.frozen + 1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("blinks the cursor five times per token (5 s after the last one it rests), and not at all under reduced motion", async () => {
    const { page } = await openPage();
    await page.evaluate(() => window.markdownPage.render("Hello wor", true, { fresh: true }));
    const style = await page.$eval(".rv-cursor", (cursor) => {
      const computed = getComputedStyle(cursor);
      return { name: computed.animationName, count: computed.animationIterationCount, duration: computed.animationDuration };
    });
    expect(style).toEqual({ name: "rv-blink", count: "5", duration: "1s" });
    // A new token makes a new cursor element, so its five blinks start again.
    const restarted = await page.evaluate(() => {
      const before = document.querySelector(".rv-cursor");
      window.markdownPage.render("Hello world", true);
      const after = document.querySelector(".rv-cursor");
      return before !== after && after?.getAnimations()[0]?.currentTime === 0;
    });
    expect(restarted).toBe(true);
    await page.emulateMedia({ reducedMotion: "reduce" });
    expect(await page.$eval(".rv-cursor", (cursor) => getComputedStyle(cursor).animationName)).toBe("none");
    await page.close();
  });

  it("copies a code block and shows Copied", async () => {
    const context = await env.browser.newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.server.url });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/tests/browser/pages/markdown.html`);
    await page.waitForFunction(() => "markdownPage" in window, undefined, { timeout: 30_000 });
    await page.evaluate(() => window.markdownPage.render("```js\nconst a = 1;\n```\n", false, { fresh: true }));
    await page.click(".rv-code-copy");
    await page.waitForSelector(".rv-code-copy[data-copied]");
    expect(await page.textContent(".rv-code-copy")).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("const a = 1;");
    await context.close();
  });
});
