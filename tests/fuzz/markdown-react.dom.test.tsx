// Markdown fuzzing through React in jsdom (a smaller count than the splitter's, since each case
// renders every prefix): random markdown-like text streamed into <Markdown streaming> in random
// chunks never throws, and the final DOM equals a one-shot <Markdown text> (DESIGN.md invariant 1).
import { render } from "@testing-library/react";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Markdown } from "../../src/react/markdown.js";
import { fuzzParameters } from "./encoded-answer.js";
import { chunkSizesArbitrary, markdownArbitrary, PATHOLOGICAL, prefixesOf } from "./markdown-text.js";

const RENDERS = 300;

/** The DOM of a one-shot render of the whole text. */
function oneShotHtml(text: string): string {
  const { container, unmount } = render(<Markdown text={text} />);
  const html = container.innerHTML;
  unmount();
  return html;
}

describe("markdown fuzzing in React (jsdom)", () => {
  it(`streams ${RENDERS} random texts in random chunks to the one-shot DOM`, () => {
    fc.assert(
      fc.property(markdownArbitrary(24), chunkSizesArbitrary, (text, sizes) => {
        const { container, rerender, unmount } = render(<Markdown text="" streaming />);
        for (const prefix of prefixesOf(text, sizes)) rerender(<Markdown text={prefix} streaming />);
        rerender(<Markdown text={text} />);
        const streamed = container.innerHTML;
        unmount();
        expect(streamed).toBe(oneShotHtml(text));
      }),
      fuzzParameters(RENDERS),
    );
  }, 120_000);

  it("renders a 10,000-deep blockquote without throwing", () => {
    const text = PATHOLOGICAL["nested > quotes"]!(10_000);
    let outcome = "rendered";
    try {
      render(<Markdown text={text} streaming />).rerender(<Markdown text={text} />);
    } catch (error) {
      outcome = `${(error as Error).name}: ${(error as Error).message}`;
    }
    expect(outcome).toBe("rendered");
  }, 60_000);
});
