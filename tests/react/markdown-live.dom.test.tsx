// The live tail's cost and identity: an open fence is highlighted line by line (pieces already
// highlighted are kept, never shown plain again), and a block keeps its DOM node when it freezes.
import { render } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { LiveHighlight } from "../../src/react/highlight-live.js";
import { Markdown } from "../../src/react/markdown.js";
import { charPrefixes, highlighterReady } from "../markdown/helpers.js";

beforeAll(highlighterReady);

const CODE = [
  "function add(a, b) {",
  "  // adds two numbers",
  "  return a + b;",
  "}",
  "/* a comment",
  "   over two lines */",
  'const s = "done";',
].join("\n");

describe("an open fence while streaming", () => {
  it("keeps each highlighted piece as the same element and highlights only what follows it", () => {
    const live = new LiveHighlight();
    const first = live.update("function add(a, b) {\n  ret", "js")!;
    expect(first).toHaveLength(2);
    const second = live.update("function add(a, b) {\n  return a", "js")!;
    expect(second[0]).toBe(first[0]);
    // A comment left open is not a cut: the lines after it are highlighted with it.
    const open = live.update("function add(a, b) {\n}\n/* a comment\n   still", "js")!;
    expect(open[0]).toBe(first[0]);
    const closed = live.update("function add(a, b) {\n}\n/* a comment\n   over */\nx", "js")!;
    // "}" and the comment became one piece once the comment closed; "x" is the live line.
    expect(closed).toHaveLength(3);
    expect(closed[0]).toBe(first[0]);
  });

  it("never shows a highlighted line plain again, and ends as the one-shot highlight when the fence closes", () => {
    const text = "Intro.\n\n```js\n" + CODE + "\n```\n\nAfter.";
    const { container, rerender } = render(<Markdown text="" streaming />);
    let checked = 0;
    for (const prefix of charPrefixes(text)) {
      rerender(<Markdown text={prefix} streaming />);
      const block = container.querySelector(".rv-code[data-open]");
      const code = block?.querySelector("code");
      // Once the first line is complete, its "function" stays a keyword span while the fence grows.
      if (!code || !(code.textContent ?? "").includes("{\n")) continue;
      expect(code.querySelector(".hljs-keyword")?.textContent).toBe("function");
      expect(code.textContent).toBe(prefix.slice(prefix.indexOf("```js\n") + 6).replace(/\n$/, "") + "\n");
      checked++;
    }
    expect(checked).toBeGreaterThan(CODE.length - 30);
    rerender(<Markdown text={text} />);
    const streamed = container.innerHTML;
    const oneShot = render(<Markdown text={text} />).container.innerHTML;
    expect(streamed).toBe(oneShot);
  });
});

describe("a block that freezes", () => {
  it("keeps its DOM node: a paragraph and a code block are the same nodes before and after", () => {
    const { container, rerender } = render(<Markdown text={"First para"} streaming />);
    const paragraph = container.querySelector("p");
    rerender(<Markdown text={"First paragraph.\n\n```js\nconst a = 1;"} streaming />);
    const code = container.querySelector(".rv-code");
    expect(code?.getAttribute("data-open")).toBe("true");
    rerender(<Markdown text={"First paragraph.\n\n```js\nconst a = 1;\n```\n\nNext paragraph.\n\nAnd more"} streaming />);
    // Both have frozen by now (a complete line of a later block follows each).
    expect(container.querySelector("p")).toBe(paragraph);
    expect(container.querySelector(".rv-code")).toBe(code);
    expect(code?.hasAttribute("data-open")).toBe(false);
    rerender(<Markdown text={"First paragraph.\n\n```js\nconst a = 1;\n```\n\nNext paragraph.\n\nAnd more."} />);
    expect(container.querySelector("p")).toBe(paragraph);
    expect(container.querySelector(".rv-code")).toBe(code);
  });

  it("keeps its node across the chunk of 32 it freezes into, and past it", () => {
    const paragraphs = Array.from({ length: 70 }, (_, index) => `Paragraph ${index}.`);
    const { container, rerender } = render(<Markdown text="" streaming />);
    const seen: Element[] = [];
    for (let count = 1; count <= paragraphs.length; count++) {
      rerender(<Markdown text={paragraphs.slice(0, count).join("\n\n")} streaming />);
      const all = container.querySelectorAll("p");
      expect(all).toHaveLength(count);
      // Every paragraph seen before, live or frozen, is the same node now.
      seen.forEach((node, index) => expect(all[index]).toBe(node));
      seen.push(all[count - 1]!);
    }
  });
});
