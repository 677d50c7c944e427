/**
 * Splits text into pieces shaped like an LLM's tokens: a word with its leading space, a run of
 * punctuation, a newline run, a few digits, and long words cut into sub-word pieces. The mock model
 * streams these, so clients meet the same boundaries a real model produces (mid-word, mid-markup,
 * between `*` and `*`), and joining the pieces always gives back the text exactly.
 */

// One pre-token: newlines; a word (any script) with an optional leading space; up to three digits;
// a punctuation run with an optional leading space; whitespace not followed by a word; a last space.
const PRE_TOKEN = /\n+|[ \t]?\p{L}[\p{L}\p{M}']*|[ \t]?\p{N}{1,3}|[ \t]?[^\s\p{L}\p{N}]{1,4}|[ \t]+(?=[ \t\n])|[ \t]+|\s/gu;

/** Words longer than this are cut into sub-word pieces, as a BPE vocabulary cuts rare words. */
const LONG_WORD = 7;

/**
 * The tokens of `text`, in order; `tokenize(text).join("") === text` always holds, and no token
 * splits a Unicode code point.
 *
 * @example
 * tokenize("Streaming **markdown**!");
 * // ["Strea", "ming", " **", "markdown", "**!"]
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(PRE_TOKEN)) {
    const piece = match[0];
    if (/\p{L}/u.test(piece) && piece.trim().length > LONG_WORD) {
      // A loop, not push(...pieces): a pathological word can have more pieces than a call has arguments.
      for (const sub of splitWord(piece)) tokens.push(sub);
    } else {
      tokens.push(piece);
    }
  }
  return tokens;
}

/**
 * Cuts a long word into pieces of 3 to 6 characters, chosen from the word itself so the cut is the
 * same every time ("Streaming" is always "Strea" + "ming").
 */
function splitWord(word: string): string[] {
  const chars = Array.from(word);
  const pieces: string[] = [];
  let hash = 0;
  for (const char of chars) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  let start = 0;
  while (start < chars.length) {
    const rest = chars.length - start;
    // Keep the leading space with the first piece, and never leave a tail of one or two letters.
    let size = 3 + (hash % 4) + (start === 0 && chars[0] === " " ? 1 : 0);
    if (rest - size < 3) size = rest;
    pieces.push(chars.slice(start, start + size).join(""));
    start += size;
    hash = (hash * 1103515245 + 12345) >>> 0;
  }
  return pieces;
}
