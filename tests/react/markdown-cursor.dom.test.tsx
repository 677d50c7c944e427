import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/react/markdown.js";

function cursorIn(text: string): HTMLElement | null {
  const { container } = render(<Markdown text={text} streaming />);
  const cursors = container.querySelectorAll(".rv-cursor");
  expect(cursors.length).toBeLessThanOrEqual(1);
  return cursors[0] as HTMLElement | null;
}

/** The cursor is the last thing in its container, right after text (never alone on a line). */
function expectAtEnd(cursor: HTMLElement | null, parentTag: string): void {
  expect(cursor).not.toBeNull();
  expect(cursor!.getAttribute("aria-hidden")).toBe("true");
  expect(cursor!.parentElement!.tagName.toLowerCase()).toBe(parentTag);
  const before = cursor!.previousSibling;
  expect(before).not.toBeNull();
  expect(before!.textContent).not.toMatch(/\n$/);
  // Nothing visible follows it in its container but the code block's final newline.
  const after = cursor!.nextSibling;
  expect(after === null || after.textContent === "\n").toBe(true);
}

describe("typing cursor placement", () => {
  it.each([
    ["paragraph", "Hello wor", "p"],
    ["paragraph after a blank line", "Hello world.\n\n", "p"],
    ["emphasis being written", "Some **bol", "p"],
    ["heading", "## Titl", "h2"],
    ["setext heading", "Title\n===", "h1"],
    ["bullet list item", "- one\n- tw", "li"],
    ["nested list item", "- one\n  - nested tw", "li"],
    ["ordered list item", "3. three\n4. fo", "li"],
    ["task list item", "- [ ] writ", "li"],
    ["blockquote", "> a quot", "p"],
    ["table cell", "| a | b |\n|---|---|\n| 1 | 2", "td"],
    ["table header cell", "| a | b |\n|---|---|", "th"],
    ["table whose delimiter row is being written", "| a | b |\n|--", "th"],
    ["open code fence", "```js\nconst a = 1;\nconst b", "code"],
    ["open code fence after a newline", "```js\nconst a = 1;\n", "code"],
    ["indented code", "    code lin", "code"],
    ["raw HTML block, shown as text", "<div>\nhello", "p"],
  ])("%s", (_kind, text, parentTag) => {
    expectAtEnd(cursorIn(text), parentTag);
  });

  it("puts the cursor in the innermost last item of a nested quote and list", () => {
    const cursor = cursorIn("> - a\n>   - deep ite");
    expect(cursor!.closest("li")!.textContent).toBe("deep ite");
    expect(cursor!.closest("blockquote")).not.toBeNull();
  });

  it("goes inside the last line of code, not on a line of its own", () => {
    const cursor = cursorIn("```\nline one\nline two");
    const code = cursor!.closest("code")!;
    const textBefore = code.textContent!.slice(0, code.textContent!.indexOf("line two") + "line two".length);
    expect(textBefore.endsWith("line two")).toBe(true);
    expect(cursor!.previousSibling!.textContent!.endsWith("line two")).toBe(true);
  });

  it("shows alone only when there is no text yet, and never when not streaming", () => {
    const { container, rerender } = render(<Markdown text="" streaming />);
    expect(container.querySelector(".rv-markdown > .rv-cursor")).not.toBeNull();
    rerender(<Markdown text="Done." streaming={false} />);
    expect(container.querySelector(".rv-cursor")).toBeNull();
  });

  it("is a new element for each token, so its blink restarts", () => {
    const { container, rerender } = render(<Markdown text="Hel" streaming />);
    const first = container.querySelector(".rv-cursor");
    rerender(<Markdown text="Hello" streaming />);
    const second = container.querySelector(".rv-cursor");
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
  });
});
