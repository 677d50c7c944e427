import type { Token } from "marked";

/**
 * Where a streaming tail may be cut: blocks before the returned offset can no longer change.
 *
 * In CommonMark, block structure is decided line by line: once a complete line has started the next
 * block, the one before is closed for good. marked looks one line further (a table's delimiter
 * row, a setext underline), so the last block's first two lines must be complete; a definition's
 * title may run on until a blank line. 0 when nothing can freeze, and 0 too if the tokens do not add
 * up to the source (nothing is frozen on a guess).
 *
 * @example
 * const source = "# Title\n\nFirst paragraph.\nstill first\n";
 * freezeBoundary(source, new Lexer().lex(source)); // 9: the heading may freeze
 */
export function freezeBoundary(source: string, tokens: readonly Token[]): number {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.raw.length;
  }
  if (offset !== source.length) return 0;
  let index = tokens.length - 1;
  while (index >= 0 && tokens[index]!.type === "space") index--;
  // Until the last block's first two lines are complete, what they turn out to be might yet join
  // it to the block before (marked looks one line ahead: a table's delimiter row or a setext
  // underline under a paragraph line; "---x" is a lazy line, "---" a break), unless that block
  // cannot take more lines.
  while (index > 0 && !hasLines(source, starts[index]!, 2)) {
    let previous = index - 1;
    while (previous >= 0 && tokens[previous]!.type === "space") previous--;
    if (previous < 0 || isClosed(tokens[previous]!, source.slice(starts[previous]!, starts[index]))) break;
    index = previous;
  }
  // A definition's title may run over the following lines (marked takes any of them up to a blank
  // line, even a "***" line lexed as a break meanwhile): a block that is or starts like a
  // definition stays live until a blank line follows it.
  for (let scan = index - 1; scan >= 0; scan--) {
    const token = tokens[scan]!;
    if (token.type === "space" || /\n[ \t]*\n$/.test(token.raw)) break;
    if (token.type === "def" || DEFINITION_START.test(token.raw)) index = scan;
  }
  return index > 0 ? starts[index]! : 0;
}

const DEFINITION_START = /^ {0,3}\[(?:\\.|[^\]\\])+\]:/;

/** Whether `source` has `count` complete lines from `from` on. */
function hasLines(source: string, from: number, count: number): boolean {
  let at = from - 1;
  for (let found = 0; found < count; found++) {
    at = source.indexOf("\n", at + 1);
    if (at === -1) return false;
  }
  return true;
}

/**
 * Whether no line can join a block: a heading, a thematic break or a closed fence ends on its own
 * line; a paragraph, quote, table or definition ends at a blank line. (Lists, indented code and
 * HTML blocks can go on after a blank line.)
 */
function isClosed(token: Token, source: string): boolean {
  if (token.type === "heading" || token.type === "hr") return true;
  if (token.type === "code") return token.codeBlockStyle !== "indented" && !isOpenFence(token.raw);
  const closedByBlankLine = ["paragraph", "blockquote", "table", "def"].includes(token.type);
  return closedByBlankLine && /\n[ \t]*\n[ \t]*$/.test(source);
}

/** Whether a fenced code block has no closing fence yet (CommonMark 4.5: it runs to the end). */
export function isOpenFence(raw: string): boolean {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
  if (!opening) return false;
  const fence = opening[1]!;
  const closing = new RegExp(`\\n {0,3}\\${fence[0]}{${fence.length},}[ \\t]*\\n*$`);
  return !closing.test(raw);
}

