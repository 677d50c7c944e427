// Random documents built from the lines that make block boundaries hard (lazy continuations,
// setext underlines, list indents, fences, tables, definitions with titles on later lines, HTML
// blocks), streamed in random chunks: the frozen blocks must end as the one-shot split's.
import { describe, expect, it } from "vitest";
import { BlockSplitter } from "../../src/markdown/block-splitter.js";
import { charPrefixes, randomPrefixes, seeded } from "./helpers.js";

const LINES = [
  "",
  "",
  "text line",
  "more *text* with [r] and [x][r]",
  "- item",
  "- [ ] task",
  "  - nested item",
  "    indented",
  "1. one",
  "2) two",
  "> quote",
  "> - quoted item",
  ">",
  "lazy continuation",
  "===",
  "---",
  "***",
  "-",
  "# heading",
  "```",
  "```js",
  "~~~",
  "| a | b |",
  "|---|:-:|",
  "| 1 | 2 |",
  "[r]: /url",
  "[r]: /url 'title",
  "title end'",
  '"quoted title"',
  "<div>",
  "</div>",
  "<!-- comment",
  "-->",
  "\ttabbed",
  "text with trailing spaces  ",
  "\\",
];

function randomDocument(random: () => number): string {
  const count = 3 + Math.floor(random() * 14);
  const lines: string[] = [];
  for (let index = 0; index < count; index++) lines.push(LINES[Math.floor(random() * LINES.length)]!);
  return lines.join(random() < 0.5 ? "\n" : "\r\n") + (random() < 0.5 ? "\n" : "");
}

const frozen = (splitter: BlockSplitter, text: string, streaming: boolean): string =>
  JSON.stringify(splitter.update(text, streaming).chunks.flat().map((block) => [block.key, block.token]));

describe("BlockSplitter on random hard documents", () => {
  it("ends with the one-shot blocks, whatever the chunks", () => {
    const random = seeded(2024);
    const failures: string[] = [];
    for (let round = 0; round < 1500; round++) {
      const text = randomDocument(random);
      const expected = frozen(new BlockSplitter(), text, false);
      for (const prefixes of [randomPrefixes(text, round, 5), charPrefixes(text)]) {
        const splitter = new BlockSplitter();
        for (const prefix of prefixes) splitter.update(prefix, true);
        if (frozen(splitter, text, false) !== expected) failures.push(JSON.stringify(text));
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  }, 60_000);
});
