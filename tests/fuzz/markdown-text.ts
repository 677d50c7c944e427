/**
 * Random markdown-like text for the markdown fuzzers: inline and block syntax in fragments that
 * rarely close (backticks, stars, brackets, pipes, HTML, entities, URL schemes), line starts that
 * nest (`>`, list markers, indents), and the pathological families of a length-doubling series.
 */
import * as fc from "fast-check";

const FRAGMENTS = [
  // inline
  "`", "``", "```", "*", "**", "***", "_", "__", "~", "~~", "[", "]", "(", ")", "](", "](http://a.b)", "](javascript:x)",
  "![", "![a](", "<", ">", "</", "<div>", "</div>", "<b>", "<script>", "<img src=x onerror=y>", "<!--", "-->",
  "&amp;", "&#x6A;", "&lt;", "&", "\\", "\\*", "$", "$$", "http://a.b", "<https://a.b>", "www.a.b", "a@b.c",
  // tables
  "|", " | ", "|---|", "| --- | :-: |", ":-", "-:",
  // line starts and structure
  "\n", "\n", "\n\n", "  \n", "    ", "\t", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "- [ ] ", "- [x] ", "# ", "###### ",
  "---", "===", "***\n", "```js\n", "~~~\n", "[r]: /u", " 'title'", "[r]", "[x][r]",
  // words
  "a", "word", " ", "é", "😀", "中文", "\u200b", "\r\n",
] as const;

/**
 * Markdown-like text of up to `maxParts` fragments.
 *
 * @example
 * fc.sample(markdownArbitrary(), 1); // e.g. ["> **a](`|---|\n- [ ] é"]
 */
export function markdownArbitrary(maxParts = 40): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: maxParts }).map((parts) => parts.join(""));
}

/** Chunk lengths for streaming a text: each chunk 1 to 12 characters, as tokens come. */
export const chunkSizesArbitrary: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: 1, max: 12 }), {
  minLength: 1,
  maxLength: 16,
});

/**
 * The growing prefixes of `text` cut by `sizes` (cycled), ending with the whole text. Cuts never
 * split a surrogate pair, as a decoder never would.
 */
export function prefixesOf(text: string, sizes: readonly number[]): string[] {
  const prefixes: string[] = [];
  let end = 0;
  for (let index = 0; end < text.length; index++) {
    end = Math.min(text.length, end + sizes[index % sizes.length]!);
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff && end < text.length) end++;
    prefixes.push(text.slice(0, end));
  }
  return prefixes;
}

/** `count` growing prefixes of `text` of about equal steps: a fixed number of updates, whatever the length. */
export function evenPrefixes(text: string, count: number): string[] {
  const step = Math.max(1, Math.ceil(text.length / count));
  const prefixes: string[] = [];
  for (let end = step; end < text.length + step; end += step) prefixes.push(text.slice(0, Math.min(end, text.length)));
  return prefixes;
}

/**
 * Texts that stress nesting and delimiter matching, each built for a size `n`. Deep nesting
 * (`> `, list markers) is where recursive-descent lexers overflow the stack; long runs of unclosed
 * delimiters are where they go quadratic.
 */
export const PATHOLOGICAL: Record<string, (n: number) => string> = {
  "nested > quotes": (n) => `${"> ".repeat(n)}deep`,
  "nested >> quotes": (n) => `${">".repeat(n)} deep`,
  "nested - lists": (n) => `${"- ".repeat(n)}deep`,
  "nested 1. lists": (n) => `${"1. ".repeat(n)}deep`,
  "nested > - mix": (n) => `${"> - ".repeat(Math.ceil(n / 2))}deep`,
  "unclosed ** runs": (n) => "**a ".repeat(n),
  "star wall": (n) => `${"*".repeat(n)}a${"*".repeat(n)}`,
  "open [ brackets": (n) => `${"[".repeat(n)}a`,
  "half links [a](": (n) => "[a](".repeat(n),
  "backtick runs": (n) => "`a".repeat(n),
  "html tags": (n) => `${"<b>".repeat(n)}x`,
  "wide table": (n) => `${"|a".repeat(n)}|\n${"|-".repeat(n)}|\n${"|b".repeat(n)}|\n`,
  "many paragraphs": (n) => "A *short* paragraph with `code` and [a link](https://a.b).\n\n".repeat(Math.ceil(n / 8)),
  "many list items": (n) => "- item with **bold** text\n".repeat(Math.ceil(n / 4)),
};
