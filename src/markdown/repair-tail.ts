import remend from "remend";

// remend's placeholder for a half-written image; the image is dropped until its ")" arrives.
const INCOMPLETE_IMAGE = /!\[[^\]\n]*\]\(streamdown:incomplete-image\)/g;

/**
 * Closes what a half-written tail block leaves open, so it renders as what it is becoming:
 * `**bold` → `**bold**`, `` `code `` → `` `code` ``, `~~del` → `~~del~~`; a half link shows only its
 * text; a half image shows nothing. Built on remend, with links in its "text-only" mode so no
 * placeholder URL can ever reach an href, and raw HTML left alone (it renders as text anyway).
 * Only for the streaming tail: finished text is never repaired.
 *
 * @example
 * repairTail("Some **bold");          // "Some **bold**"
 * repairTail("See [the docs](https://ex"); // "See the docs"
 * repairTail("![chart](https://ex");  // ""
 */
export function repairTail(block: string): string {
  const repaired = remend(completeTableDelimiter(block), {
    linkMode: "text-only",
    htmlTags: false,
    inlineKatex: false,
    katex: false,
  });
  return repaired.includes("streamdown:") ? repaired.replace(INCOMPLETE_IMAGE, "") : repaired;
}

// A delimiter row being written: "|", ":", "-" and spaces only, at least one "-".
const PARTIAL_DELIMITER = /^ {0,3}\|?[ \t]*:?-[-: \t|]*$/;
const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/gm;

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
