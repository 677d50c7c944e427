// Invariant 1 over the CommonMark spec and our GFM cases: the streamed render ends equal to the
// one-shot render, whatever the chunks; and the one-shot render is marked's own HTML, except where
// our safety rules change it (see SAFETY_RENDERER).
import { Marked } from "marked";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- commonmark-spec ships no types
import spec from "commonmark-spec";
import { loadCharacterReferences } from "../../src/markdown/decode.js";
import { isSafeUrl } from "../../src/markdown/url-policy.js";
import { Markdown } from "../../src/react/markdown.js";
import { GFM_CASES } from "../markdown/gfm-cases.js";
import { canonical, charPrefixes, highlighterReady, randomPrefixes } from "../markdown/helpers.js";

interface Example {
  markdown: string;
  number: number;
  section: string;
}
const SPEC: Example[] = (spec as { tests: Example[] }).tests.map((example) => ({
  ...example,
  markdown: example.markdown.replace(/→/g, "\t"),
}));
const ALL: Example[] = [...SPEC, ...GFM_CASES.map((markdown, index) => ({ markdown, number: 10_000 + index, section: "gfm" }))];

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The exceptions, all of them: marked's HTML as our safety rules change it.
 * 1. Raw HTML, block and inline, is shown as text (a block as a paragraph).
 * 2. A link whose URL the policy refuses keeps its text and loses its <a>; a refused image shows
 *    its alt text. (Applied to marked's DOM in `applyUrlPolicy`.)
 */
const SAFETY_RENDERER = {
  html({ text, block }: { text: string; block?: boolean }): string {
    return block ? `<p>${escape(text.replace(/\n+$/, ""))}</p>` : escape(text);
  },
};
const marked = new Marked({ gfm: true, renderer: SAFETY_RENDERER });

function applyUrlPolicy(root: Element): void {
  for (const link of Array.from(root.querySelectorAll("a"))) {
    if (!isSafeUrl(link.getAttribute("href") ?? "")) link.replaceWith(...Array.from(link.childNodes));
  }
  for (const image of Array.from(root.querySelectorAll("img"))) {
    if (!isSafeUrl(image.getAttribute("src") ?? "")) image.replaceWith(image.getAttribute("alt") ?? "");
  }
}

function expectedFromMarked(markdown: string): string {
  const template = document.createElement("template");
  // Test-only: marked's HTML for the expected side, parsed by the DOM it was written for.
  template.innerHTML = marked.parse(markdown) as string;
  const holder = document.createElement("div");
  holder.append(template.content);
  applyUrlPolicy(holder);
  return canonical(holder);
}

let container: HTMLDivElement;
let root: Root;
let run = 0;

beforeAll(async () => {
  await highlighterReady();
  // Rare named references ("&HilbertSpace;") wait for their table, loaded on demand: load it first.
  await loadCharacterReferences();
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});
// Outside act, React's scheduler runs each commit's passive effects on a later macrotask, and that
// task reads `window`: wait for it, or it runs after the file ends, when jsdom's window is gone.
afterAll(async () => {
  root.unmount();
  await new Promise((resolve) => setTimeout(resolve, 50));
});

/** Renders into the one reused root; a new key per run gives a fresh splitter. */
function show(text: string, streaming: boolean, key: number): string {
  flushSync(() => root.render(<Markdown key={key} text={text} streaming={streaming} />));
  return container.innerHTML;
}

function streamed(prefixes: string[], full: string): string {
  const key = ++run;
  for (const prefix of prefixes) show(prefix, true, key);
  return show(full, false, key);
}

describe("one-shot render equals marked's HTML (safety rules aside)", () => {
  it.each(ALL.map((example) => [example.number, example.section, example] as const))("example %i (%s)", (_number, _section, example) => {
    const oneShot = show(example.markdown, false, ++run);
    const ours = document.createElement("div");
    ours.innerHTML = oneShot;
    expect(canonical(ours.firstElementChild!)).toBe(expectedFromMarked(example.markdown));
  });
});

const MODES: [string, (markdown: string) => string[]][] = [
  ["random chunks, seed 1", (markdown) => randomPrefixes(markdown, 1)],
  ["random chunks, seed 2", (markdown) => randomPrefixes(markdown, 2)],
  ["random chunks, seed 3", (markdown) => randomPrefixes(markdown, 3)],
  ["one character at a time", charPrefixes],
];

describe("streamed render ends equal to the one-shot render, for every example", () => {
  it.each(MODES)("%s", (_name, split) => {
    const failures: string[] = [];
    for (const example of ALL) {
      const { markdown } = example;
      const oneShot = show(markdown, false, ++run);
      const final = streamed(split(markdown), markdown);
      if (final !== oneShot) failures.push(`example ${example.number}: ${JSON.stringify(markdown)}\n  one-shot ${oneShot}\n  streamed ${final}`);
    }
    expect(failures.slice(0, 5).join("\n")).toBe("");
    expect(failures).toHaveLength(0);
  }, 120_000);
});
