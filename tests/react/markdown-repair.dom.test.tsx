// The tail repair (src/markdown/repair-tail.ts, our own since remend was dropped) as <Markdown>
// shows it: half-written constructs render as what they are becoming.
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { repairTail } from "../../src/markdown/repair-tail.js";
import { Markdown } from "../../src/react/markdown.js";

const live = (text: string) => render(<Markdown text={text} streaming />).container.firstElementChild!;

describe("tail repair", () => {
  it.each([
    ["**b *i", "**b *i***"],
    ["***bi", "***bi***"],
    ["**bold ", "**bold** "],
    ["*a\n\n*b", "*a\n\n*b*"],
    ["`a **b", "`a **b`"],
    ["- **Step 1**: run `npm i", "- **Step 1**: run `npm i`"],
    ["[a](b(c)", "a"],
    ["see [x](y) and ![z](w", "see [x](y) and "],
    ["![[x]](y", ""],
    ["Use `arr[0` now", "Use `arr[0` now"],
    ["snake_case_name and 5*3", "snake_case_name and 5*3"],
    ["* item", "* item"],
    ["Some **", "Some **"],
    ["a ~b", "a ~b"],
  ])("%j → %j", (input, output) => expect(repairTail(input)).toBe(output));

  it("renders nested emphasis, a code span and a half link in the tail as they will end", () => {
    const root = live("**bold *and em* and `code` and [a link](https://ex");
    expect(root.querySelector("strong em")?.textContent).toBe("and em");
    expect(root.querySelector("strong code")?.textContent).toBe("code");
    expect(root.querySelector("a")).toBeNull();
    expect(root.textContent).toBe("bold and em and code and a link");
  });

  it("closes only the innermost few of a wall of openers", () => {
    expect(repairTail("**a ".repeat(100)).endsWith(`**a${"**".repeat(8)} `)).toBe(true);
  });
});
