/**
 * Closes what a half-written tail block leaves open, so it renders as what it is becoming:
 * `**bold` → `**bold**`, `` `code `` → `` `code` ``, `~~del` → `~~del~~`; a half link shows only its
 * text; a half image shows nothing. Raw HTML is left alone (it renders as text anyway). Only for
 * the streaming tail: finished text is never repaired.
 *
 * One pass over the block, with CommonMark's delimiter rules simplified to what a prefix can tell:
 * a run of `*`, `_` or `~~` opens when a non-space follows it (`_` not inside a word), closes the
 * open run of the same character when a non-space precedes it; a backtick run opens a code span
 * that only the same run closes, and hides everything inside it; a backslash escapes.
 *
 * @example
 * repairTail("Some **bold");          // "Some **bold**"
 * repairTail("See [the docs](https://ex"); // "See the docs"
 * repairTail("![chart](https://ex");  // ""
 */
export function repairTail(block: string): string {
  const text = completeTableDelimiter(block);
  // Inside an open code fence the lines are code: nothing to close.
  if ((text.match(FENCE_LINE)?.length ?? 0) % 2 === 1) return text;
  const open: Opener[] = [];
  /** Where the text ends: before a link's or image's half-written destination. */
  let end = text.length;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const top = open.at(-1);
    if (char === "\n" && /^\n[ \t]*\n/.test(text.slice(i, i + 80))) {
      // A blank line ends the paragraph: nothing opened before it (a code span neither) closes after it.
      open.length = 0;
      i++;
    } else if (top?.char === "`") {
      // Inside a code span only a backtick run of the same length matters.
      const run = char === "`" ? runLength(text, i, "`") : 1;
      if (run === top.length && char === "`") open.pop();
      i += run;
    } else if (char === "\\") {
      i += 2;
    } else if (char === "`") {
      const run = runLength(text, i, "`");
      open.push({ char, length: run, at: i });
      i += run;
    } else if (char === "[") {
      open.push({ char, length: 1, at: text[i - 1] === "!" ? i - 1 : i });
      i++;
    } else if (char === "]") {
      const index = open.findLastIndex((o) => o.char === "[");
      const close = index >= 0 && text[i + 1] === "(" ? destinationEnd(text, i + 2) : undefined;
      if (close === -1) {
        // The destination is still being written: the link shows its text (its "[" is dropped
        // below), an image nothing.
        end = i;
        break;
      }
      if (index >= 0) open.splice(index, 1);
      i = close === undefined ? i + 1 : close + 1;
    } else if (char === "*" || char === "_" || char === "~") {
      const run = runLength(text, i, char);
      if (!(char === "~" && run !== 2) && !isListMarker(text, i, run)) delimiter(open, text, i, run);
      i += run;
    } else {
      i++;
    }
  }
  // An image not complete shows nothing yet; an unclosed link's "[" is dropped, its words kept.
  const image = open.find((o) => o.char === "[" && text[o.at] === "!");
  if (image) end = Math.min(end, image.at);
  // An opener with nothing but spaces after it stays as written ("Some **" is not "Some ****").
  const lastVisible = text.slice(0, end).trimEnd().length;
  const closing = open.filter((o) => o.char !== "[" && o.at + o.length < lastVisible);
  // Real text nests a few deep; closing a wall of openers ("**a **a **a ...") would only make
  // marked's emphasis matching quadratic. The innermost few are closed, the rest stay as written:
  // escaped, so marked reads them as the literal text it would show for them anyway, rather than
  // scanning to the end of the block for a closer once per opener.
  const escaped = new Set(closing.slice(0, -MAX_CLOSERS).filter((o) => o.char !== "`"));
  let head = "";
  let from = 0;
  for (const o of open) {
    if (o.at >= end || (o.char !== "[" && !escaped.has(o))) continue;
    head += text.slice(from, o.at);
    if (o.char === "[") {
      from = o.at + 1;
    } else {
      head += `\\${o.char}`.repeat(o.length);
      from = o.at + o.length;
    }
  }
  head += text.slice(from, end);
  const closers = closing
    .slice(-MAX_CLOSERS)
    .toReversed()
    .map((o) => o.char.repeat(o.length))
    .join("");
  // A closing run must follow a non-space: it goes before trailing spaces.
  const body = head.trimEnd();
  return closers ? body + closers + head.slice(body.length) : head;
}

const MAX_CLOSERS = 8;

/** An opening delimiter run waiting for its closer, or a "[" waiting for its "]". */
interface Opener {
  char: string;
  length: number;
  at: number;
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
}

/** "* item" at the start of a line (after indentation or a quote marker) is a list marker. */
function isListMarker(text: string, at: number, run: number): boolean {
  if (run !== 1 || text[at] === "~" || !/[ \t]/.test(text[at + 1] ?? " ")) return false;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t>]*$/.test(text.slice(lineStart, at));
}

const WORD = /[\p{L}\p{N}]/u;

/** CommonMark's flanking rules, simplified: open on a following non-space, close on a preceding one. */
function delimiter(open: Opener[], text: string, at: number, run: number): void {
  const char = text[at]!;
  const before = text[at - 1] ?? " ";
  const after = text[at + run] ?? " ";
  const canClose = !/\s/.test(before) && !(char === "_" && WORD.test(after));
  let left = canClose ? run : 0;
  for (let top = open.at(-1); left > 0 && top?.char === char; top = open.at(-1)) {
    if (top.length > left) {
      top.length -= left;
      left = 0;
    } else {
      left -= top.length;
      open.pop();
    }
  }
  left = canClose ? left : run;
  if (left === 0) return;
  // "a_b" and "5*3" are not emphasis (for "*", a single one between word characters, as remend
  // and most readers judge it).
  const inWord = WORD.test(before) && WORD.test(after);
  const canOpen = !/\s/.test(after) && !(char === "_" && WORD.test(before)) && !(char === "*" && left === 1 && inWord);
  if (canOpen) open.push({ char, length: Math.min(left, char === "~" ? 2 : 3), at: at + run - left });
}

/** Where a link destination's ")" is (parentheses may nest), or -1 while it is still being written. */
function destinationEnd(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === "(") depth++;
    else if (char === ")" && depth-- === 0) return i;
    else if (char === "\n" && text[i + 1] === "\n") return -1;
  }
  return -1;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/gm;

// A delimiter row being written: "|", ":", "-" and spaces only, at least one "-".
const PARTIAL_DELIMITER = /^ {0,3}\|?[ \t]*:?-[-: \t|]*$/;

/**
 * A table becomes a table as soon as its delimiter row starts: "| a | b |\n| --" is completed to
 * "| a | b |\n| --|---|" so the header does not show as a paragraph of pipes until the row ends.
 * (GFM needs as many delimiter cells as header cells.)
 */
function completeTableDelimiter(text: string): string {
  const lastBreak = text.lastIndexOf("\n");
  if (lastBreak === -1) return text;
  const last = text.slice(lastBreak + 1);
  if (!PARTIAL_DELIMITER.test(last)) return text;
  const header = text.slice(text.lastIndexOf("\n", lastBreak - 1) + 1, lastBreak);
  // "a | b" over "-" may yet be a setext heading; a pipe on either line at its start says table.
  if (!header.includes("|") || !(last.includes("|") || header.trimStart().startsWith("|"))) return text;
  // Inside an open code fence the lines are code, not a table.
  if ((text.match(FENCE_LINE)?.length ?? 0) % 2 === 1) return text;
  const headerCells = cells(header);
  const written = cells(last);
  if (written.length >= headerCells.length) return text;
  const missing = Array.from({ length: headerCells.length - written.length }, () => "---");
  const separator = last.trimEnd().endsWith("|") ? "" : "|";
  return `${text}${separator}${missing.join("|")}|`;
}

/** The cells of a table row (unescaped "|" separates; outer pipes are optional). */
function cells(row: string): string[] {
  const trimmed = row.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/);
}
