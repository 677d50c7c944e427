// Test-only page for tests/browser/markdown*.test.ts: renders <Markdown> on demand and exposes a
// few hooks on window. Served by Vite's dev server at /tests/browser/pages/markdown.html.
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { BlockSplitter } from "../../../src/markdown/block-splitter.js";
import { loadCharacterReferences } from "../../../src/markdown/decode.js";
import { isSafeUrl } from "../../../src/markdown/url-policy.js";
import { Markdown, type MarkdownProps } from "../../../src/react/markdown.js";
import { highlighterReady } from "../../markdown/helpers.js";
// oxlint-disable-next-line import/no-unassigned-import -- the stylesheet under test
import "../../../src/styles/markdown.css";

const container = document.getElementById("root")!;
const root = createRoot(container);
let run = 0;

export interface MarkdownPage {
  /** Renders synchronously; `fresh` starts a new component (a new splitter). */
  render(text: string, streaming: boolean, options?: { fresh?: boolean; images?: MarkdownProps["images"] }): void;
  root(): HTMLElement;
  /** A splitter fed the same texts, to know how many leading blocks are frozen. */
  splitter(): BlockSplitter;
  isSafeUrl(url: string): boolean;
}

let splitter = new BlockSplitter();
const page: MarkdownPage = {
  render(text, streaming, options = {}) {
    if (options.fresh) {
      run++;
      splitter = new BlockSplitter();
    }
    splitter.update(text, streaming);
    flushSync(() => root.render(<Markdown key={run} text={text} streaming={streaming} images={options.images} />));
  },
  root: () => container.firstElementChild as HTMLElement,
  splitter: () => splitter,
  isSafeUrl,
};
// Code blocks highlight synchronously once highlight.js is loaded: load it before the tests start.
await highlighterReady();
// Rare named references wait for their table, loaded on demand: load it too.
await loadCharacterReferences();
(window as unknown as { markdownPage: MarkdownPage }).markdownPage = page;
document.body.dataset.ready = "true";
