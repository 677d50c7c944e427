// What <Markdown> loads on demand (the highlighter, the table of named character references): what
// shows before it arrives, that it arrives by itself, and that the result then equals marked's HTML
// as a browser parses it. The tests run in order: the first ones see nothing loaded yet.
import { render, waitFor } from "@testing-library/react";
import { decodeHTML, decodeHTMLAttribute } from "entities";
import { Marked } from "marked";
import { describe, expect, it } from "vitest";
import { characterReferencesLoaded, decodeAttribute, decodeText } from "../../src/markdown/decode.js";
import { isHighlighterLoaded, loadHighlighter } from "../../src/react/highlight.js";
import { Markdown } from "../../src/react/markdown.js";

const FENCE = "```python\ndef f(x):\n    return x";

describe("the highlighter", () => {
  it("is not loaded for code without a language", async () => {
    const { container } = render(<Markdown text={"```\nplain\n```\n"} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(isHighlighterLoaded()).toBe(false);
    expect(container.querySelector("code")?.textContent).toBe("plain\n");
  });

  it("loads with the first code block in a language, which shows plain text with its label until then", async () => {
    const { container, rerender } = render(<Markdown text={FENCE} streaming />);
    // The first render: plain text, labelled, with its copy button.
    expect(container.querySelector(".rv-code-lang")?.textContent).toBe("python");
    expect(container.querySelector(".rv-code-copy")).not.toBeNull();
    expect(container.querySelector("code")?.className).toBe("language-python");
    expect(container.querySelector("code")?.textContent).toBe("def f(x):\n    return x\n");
    await waitFor(() => expect(container.querySelector(".hljs-keyword")?.textContent).toBe("def"));
    expect(container.querySelector("code")?.className).toBe("language-python hljs");
    // Loaded, highlighting is synchronous: the growing fence never shows plain text again.
    let text = FENCE;
    for (const more of ["\n", "print", "(f(1))", "\n```\n"]) {
      text += more;
      rerender(<Markdown text={text} streaming={!text.endsWith("```\n")} />);
      expect(container.querySelector("code")?.classList.contains("hljs")).toBe(true);
      expect(container.querySelector(".hljs-keyword")?.textContent).toBe("def");
    }
  });

  it("highlights at once once loaded, and loading again returns the same promise", async () => {
    expect(loadHighlighter()).toBe(loadHighlighter());
    await loadHighlighter();
    const { container } = render(<Markdown text={"```js\nconst a = 1;\n```\n"} />);
    expect(container.querySelector(".hljs-keyword")?.textContent).toBe("const");
  });
});

// marked's HTML, parsed by the DOM as a browser would (test-only): the reference for our DOM.
const marked = new Marked({ gfm: true });
function browserView(markdown: string): HTMLElement {
  const template = document.createElement("template");
  template.innerHTML = marked.parse(markdown) as string;
  const holder = document.createElement("div");
  holder.append(template.content);
  return holder;
}

// The named references decoded without the table (src/markdown/decode.ts, COMMON).
const COMMON = [
  "amp", "lt", "gt", "quot", "apos", "nbsp", "shy", "copy", "reg", "trade", "hellip", "mdash", "ndash", "minus",
  "lsquo", "rsquo", "ldquo", "rdquo", "laquo", "raquo", "bull", "middot", "times", "divide", "deg", "plusmn", "le",
  "ge", "ne", "asymp", "infin", "larr", "rarr", "uarr", "darr", "harr", "lArr", "rArr", "hArr", "euro", "pound",
  "yen", "cent", "sect", "para", "check", "emsp", "ensp", "thinsp", "zwj", "zwnj", "frac12", "frac14", "frac34",
  "sup2", "sup3",
];

/** What a reader sees of a rendered answer: paragraph text, link and image attributes, the code's language class. */
const facts = (root: Element) => [
  Array.from(root.querySelectorAll("p"), (p) => p.textContent),
  Array.from(root.querySelectorAll("a"), (a) => [a.getAttribute("href"), a.getAttribute("title")]),
  Array.from(root.querySelectorAll("img"), (img) => [img.getAttribute("alt"), img.getAttribute("title")]),
  root.querySelector("code")?.className.replace(/\s*hljs/, ""),
];

describe("character references", () => {
  it("decodes numeric references and the common names at once, as the WHATWG table does", () => {
    expect(COMMON.map((name) => [name, decodeText(`&${name};`)])).toEqual(COMMON.map((name) => [name, decodeHTML(`&${name};`)]));
    const codes = [0, 9, 13, 0x7f, 0xfdd0, 0xd800, 0xdfff, 0x10ffff, 0x110000, 9_999_999, 0x1f600];
    for (let code = 0x80; code <= 0x9f; code++) codes.push(code);
    for (let code = 0; code < 0x3000; code += 37) codes.push(code);
    const references = codes
      .flatMap((code) => [`&#${code};`, `&#x${code.toString(16)};`, `&#X${code.toString(16).toUpperCase()};`])
      .filter((reference) => /^&#(\d{1,7}|[Xx][a-fA-F0-9]{1,6});$/.test(reference));
    expect(references.map((reference) => [reference, decodeAttribute(reference)])).toEqual(
      references.map((reference) => [reference, decodeHTMLAttribute(reference)]),
    );
    expect(characterReferencesLoaded()).toBe(false);
  });

  it("shows a rare name as written until its table has loaded, then renders every block again, decoded", async () => {
    const text = "Space: &HilbertSpace; and &copy;\n\nStill &ngE; streaming";
    const { container } = render(<Markdown text={text} streaming />);
    expect(container.querySelector("p")?.textContent).toBe("Space: &HilbertSpace; and ©");
    // The first paragraph is a finished (frozen) block: it renders again once, when the table arrives.
    await waitFor(() => expect(container.querySelector("p")?.textContent).toBe("Space: ℋ and ©"));
    expect(container.querySelectorAll("p")[1]?.textContent).toBe("Still ≧̸ streaming");
    expect(characterReferencesLoaded()).toBe(true);
  });

  it("decodes in text and in attributes as the browser decodes marked's HTML", () => {
    const markdown = [
      "&notit; &copyx; &copy_x; &foo; &copy &amp;copy; AT&T &#38;copy; &#128;",
      "",
      '[a](/u?a=1&copy;b&copy "&copy x") [b](/v "&copy_x; &notit; &#x6A;") ![&notit; &copy;](/i.png "&#128;")',
      "",
      "```&copy;x\ncode\n```",
    ].join("\n");
    const ours = render(<Markdown text={markdown} />).container.firstElementChild!;
    const theirs = browserView(markdown);
    expect(facts(ours)).toEqual(facts(theirs));
    expect(ours.querySelector("p")?.textContent).toContain("¬it; ©x; ©_x; &foo; &copy &copy; AT&T &copy; \u0080");
  });
});
