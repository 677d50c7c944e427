import type { Token, Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { BlockSplitter, splitBlocks, type SplitState } from "../../src/markdown/block-splitter.js";
import { freezeBoundary } from "../../src/markdown/freeze-boundary.js";
import { Lexer } from "marked";
import { charPrefixes, randomPrefixes, seeded } from "./helpers.js";
import { longDocument } from "./long-document.js";

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Every frozen token, for comparing a streamed split with a one-shot split. */
function frozenTokens(state: SplitState): Token[] {
  return state.chunks.flat().map((block) => block.token);
}

function streamThrough(prefixes: string[], full: string): { splitter: BlockSplitter; state: SplitState } {
  const splitter = new BlockSplitter();
  for (const prefix of prefixes) splitter.update(prefix, true);
  return { splitter, state: splitter.update(full, false) };
}

describe("BlockSplitter", () => {
  it("freezes finished blocks and keeps the last one live", () => {
    const splitter = new BlockSplitter();
    let state = splitter.update("# Title\n\nFirst para", true);
    expect(frozenTokens(state).map((t) => t.type)).toEqual(["heading"]);
    expect(state.live.filter((t) => t.type !== "space").map((t) => t.type)).toEqual(["paragraph"]);
    state = splitter.update("# Title\n\nFirst paragraph.\n\nNext", true);
    expect(frozenTokens(state).map((t) => t.type)).toEqual(["heading", "paragraph"]);
  });

  it("never re-lexes or replaces a frozen block when later text arrives", () => {
    const text = longDocument(3);
    const splitter = new BlockSplitter();
    const seen = new Map<number, Token>();
    const replaced: string[] = [];
    let kept = 0;
    for (const prefix of randomPrefixes(text, 7)) {
      const state = splitter.update(prefix, true);
      for (const block of state.chunks.flat()) {
        const before = seen.get(block.key);
        // Only a late definition may replace a block, and these blocks' definitions come in the
        // same section, after them: so a replaced block must have held an unresolved reference.
        if (before && before !== block.token) replaced.push(before.raw);
        if (before === block.token) kept++;
        seen.set(block.key, block.token);
      }
    }
    expect(kept).toBeGreaterThan(1000);
    for (const raw of replaced) expect(raw).toMatch(/\[ref\d+\]/);
    expect(splitter.stats.resets).toBe(0);
  });

  it("does not freeze a list while its next line could still continue it", () => {
    const splitter = new BlockSplitter();
    // "---x" is a lazy continuation line of the item, "---" would be a thematic break.
    expect(frozenTokens(splitter.update("- a\n---", true))).toEqual([]);
    expect(frozenTokens(splitter.update("- a\n---x", true))).toEqual([]);
    const state = splitter.update("- a\n---x\n\nnext\nline\n", true);
    expect(frozenTokens(state).map((t) => t.type)).toEqual(["list"]);
    expect(frozenTokens(state)[0]!.raw).toContain("---x");
  });

  it("keeps a definition live until a blank line closes its title", () => {
    const text = "[foo]: /url '\ntitle\nline1\n'\n\n[foo]\n";
    for (const prefixes of [charPrefixes(text), randomPrefixes(text, 1)]) {
      const { state } = streamThrough(prefixes, text);
      expect(JSON.stringify(frozenTokens(state))).toBe(JSON.stringify(frozenTokens(new BlockSplitter().update(text, false))));
    }
    expect(freezeBoundary("[foo]: /url\n'the\n", new Lexer().lex("[foo]: /url\n'the\n"))).toBe(0);
  });

  it("resolves a reference whose definition arrives later, lexing again only the blocks that use it", () => {
    const splitter = new BlockSplitter();
    splitter.update("See [docs].\n\nUnrelated paragraph.\n\nMore", true);
    const before = splitter.update("See [docs].\n\nUnrelated paragraph.\n\nMore text.\n\n[docs]: https://example.com\n\nEnd\n", true);
    const [uses, unrelated] = before.chunks.flat();
    expect(JSON.stringify(uses!.token)).toContain("https://example.com");
    const withoutDefinition = new BlockSplitter().update("See [docs].\n\nx", true).chunks.flat()[0]!;
    expect(JSON.stringify(withoutDefinition.token)).not.toContain('"type":"link"');
    // The unrelated block was frozen before the definition and kept its token.
    const earlier = new BlockSplitter();
    const first = earlier.update("See [docs].\n\nUnrelated paragraph.\n\nMore text.\n\n[docs]", true).chunks.flat();
    const second = earlier.update("See [docs].\n\nUnrelated paragraph.\n\nMore text.\n\n[docs]: /u\n\nEnd\n", true).chunks.flat();
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]);
    expect(unrelated!.token.type).toBe("paragraph");
  });

  it("streams CRLF text to the same blocks as the one-shot split", () => {
    const text = longDocument(2).replace(/\n/g, "\r\n");
    for (const seed of [1, 2, 3]) {
      const { state, splitter } = streamThrough(randomPrefixes(text, seed, 6), text);
      expect(JSON.stringify(frozenTokens(state))).toBe(JSON.stringify(frozenTokens(new BlockSplitter().update(text, false))));
      expect(splitter.stats.resets).toBe(0);
    }
  });

  it("starts over when the text is not an append", () => {
    const splitter = new BlockSplitter();
    splitter.update("# One\n\nfirst answer\n\nmore", true);
    const state = splitter.update("# Two\n\nsecond", true);
    expect(splitter.stats.resets).toBe(1);
    expect(frozenTokens(state)[0]!.raw).toContain("Two");
  });

  it("splitBlocks lists the top-level blocks", () => {
    expect(splitBlocks("# A\n\ntext\n\n- x\n").map((t) => t.type)).toEqual(["heading", "paragraph", "list"]);
  });
});

describe("invariant 2: per-token lexing work does not grow with the message", () => {
  it("lexes about as many characters per append at 100 KB as at the start", () => {
    const text = longDocument(100);
    expect(text.length).toBeGreaterThan(90_000);
    const splitter = new BlockSplitter();
    const random = seeded(42);
    // 1 to 6 characters per append through the first and the last 10%; the middle arrives in large
    // appends (the splitter takes any append), which keeps the test fast.
    const first: number[] = [];
    const last: number[] = [];
    let end = 0;
    const append = (size: number, into?: number[]): void => {
      end = Math.min(text.length, end + size);
      const before = splitter.stats.lexedChars;
      splitter.update(text.slice(0, end), true);
      into?.push(splitter.stats.lexedChars - before);
    };
    while (end < text.length * 0.1) append(1 + Math.floor(random() * 6), first);
    while (end < text.length * 0.9) append(997);
    while (end < text.length) append(1 + Math.floor(random() * 6), last);
    // Work depends on the size of the tail block: the same in the first and the last tenth...
    expect(mean(last) / mean(first)).toBeLessThan(1.5);
    // ...and never anywhere near the length of the message.
    const largestBlock = Math.max(...splitBlocks(text).map((t) => t.raw.length));
    expect(Math.max(...first, ...last)).toBeLessThan(4 * largestBlock + 64);
    expect(Math.max(...last)).toBeLessThan(text.length / 50);
    expect(splitter.stats.resets).toBe(0);
  });

  it("shows text nested deeper than marked can lex (its stack overflows) as one paragraph of plain text", () => {
    const text = `${"> ".repeat(10_000)}deep`;
    const splitter = new BlockSplitter();
    expect(() => splitter.update(text.slice(0, 5_000), true)).not.toThrow();
    const blocks = splitter.update(text, false).chunks.flat();
    expect(blocks.map((block) => [block.token.type, block.token.raw])).toEqual([["paragraph", text]]);
  });
});

describe("long delimiter runs", () => {
  it("leaves a run of 33 or more stars as literal text: no emphasis nesting hundreds deep", () => {
    const depth = (tokens: readonly Token[] = []): number =>
      Math.max(0, ...tokens.map((token) => 1 + depth((token as { tokens?: Token[] }).tokens)));
    const wall = `${"*".repeat(400)}a${"*".repeat(400)}`;
    const [paragraph] = splitBlocks(wall) as [Tokens.Paragraph];
    // marked alone nests hundreds of levels of <em><strong> here; the guard leaves all but the last 32 as text.
    expect(depth(paragraph.tokens)).toBeLessThanOrEqual(24);
    expect(paragraph.tokens[0]).toMatchObject({ type: "text", raw: "*".repeat(400 - 32) });
    const [emphasis] = splitBlocks("***a*** and __b__") as [Tokens.Paragraph];
    expect(emphasis.tokens.map((token) => token.type)).toEqual(["em", "text", "strong"]);
  });

  it("lexes an 8,000-star wall without overflowing marked's stack", () => {
    const wall = `${"*".repeat(8000)}a${"*".repeat(8000)}`;
    expect(() => splitBlocks(wall)).not.toThrow();
  });
});
