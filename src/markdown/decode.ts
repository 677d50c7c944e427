/**
 * Character references, decoded as a browser decodes marked's HTML. marked keeps named references in
 * its text tokens ("&copy;") and in link titles and URLs, and escapes every "&" that does not start
 * one; the browser then decodes them when it parses marked's HTML. We build DOM nodes directly, so
 * we decode them ourselves, with the HTML tokenizer's rules.
 *
 * Numeric references and the named ones answers actually use are decoded here at once. Any other
 * name needs the WHATWG table (2,125 names plus the legacy forms without ";", about 13 KB gzip): it
 * is loaded with import() the first time such a name appears, the reference shows as written until
 * then, and `<Markdown>` renders again when it arrives (see `subscribeCharacterReferences`).
 * @see https://html.spec.whatwg.org/multipage/parsing.html#character-reference-state
 */

// What marked leaves unescaped; any other "&" it has already written as "&amp;".
const REFERENCE = /&(?:#(\d{1,7})|#[Xx]([a-fA-F0-9]{1,6})|(\w+));/g;

// Named references with their ";", decoded without the table: the five marked and HTML escape
// with, and those LLM answers write. Each equals the table's value (tested against it).
const COMMON: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", shy: "\u00ad", copy: "©", reg: "®",
  trade: "™", hellip: "…", mdash: "—", ndash: "–", minus: "−", lsquo: "‘", rsquo: "’", ldquo: "“",
  rdquo: "”", laquo: "«", raquo: "»", bull: "•", middot: "·", times: "×", divide: "÷", deg: "°",
  plusmn: "±", le: "≤", ge: "≥", ne: "≠", asymp: "≈", infin: "∞", larr: "←", rarr: "→", uarr: "↑",
  darr: "↓", harr: "↔", lArr: "⇐", rArr: "⇒", hArr: "⇔", euro: "€", pound: "£", yen: "¥", cent: "¢",
  sect: "§", para: "¶", check: "✓", emsp: "\u2003", ensp: "\u2002", thinsp: "\u2009", zwj: "\u200d",
  zwnj: "\u200c", frac12: "½", frac14: "¼", frac34: "¾", sup2: "²", sup3: "³",
};

// Numeric references to C1 controls mean windows-1252's characters (0x80 + index; 0 = unchanged).
// @see https://html.spec.whatwg.org/multipage/parsing.html#numeric-character-reference-end-state
const C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function numeric(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  return String.fromCodePoint((code >= 0x80 && code <= 0x9f && C1[code - 0x80]) || code);
}

type Table = typeof import("./named-references.js");
let table: Table | undefined;
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

/**
 * Loads the full table of named references (once; later calls return the same promise). Decoding
 * loads it by itself when it meets a rare name; await it before server rendering, or in a test that
 * compares DOMs, so every reference is decoded in the first render.
 *
 * @example
 * await loadCharacterReferences();
 * decodeText("&HilbertSpace;"); // "ℋ"
 */
export function loadCharacterReferences(): Promise<void> {
  loading ??= import("./named-references.js").then(
    (module) => {
      table = module;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      // Offline, or a deploy removed the chunk: references stay as written; the next one retries.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Whether the full table has loaded: a snapshot for `useSyncExternalStore`.
 *
 * @example
 * characterReferencesLoaded(); // false until loadCharacterReferences() has resolved
 */
export function characterReferencesLoaded(): boolean {
  return table !== undefined;
}

/**
 * Calls `listener` once the full table has loaded (so a view can render again); returns the
 * function that removes it.
 *
 * @example
 * const unsubscribe = subscribeCharacterReferences(() => rerender());
 */
export function subscribeCharacterReferences(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

function decode(text: string, inAttribute: boolean): string {
  REFERENCE.lastIndex = 0;
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (decimal !== undefined) return numeric(Number.parseInt(decimal, 10));
    if (hex !== undefined) return numeric(Number.parseInt(hex, 16));
    if (Object.hasOwn(COMMON, name!)) return COMMON[name!]!;
    if (!table) {
      loadCharacterReferences().catch(() => undefined);
      return reference;
    }
    // The tokenizer's rules for a name the table may know only in part ("&notit;" is "¬it;" in
    // text, but stays as written in an attribute, where a legacy name must not run into letters).
    return inAttribute ? table.decodeInAttribute(reference) : table.decodeInText(reference);
  });
}

/**
 * Decodes the character references in a text token as an HTML parser does in text content.
 *
 * @example
 * decodeText("&copy; 2024 &amp; &lt;b&gt;"); // "© 2024 & <b>"
 */
export function decodeText(text: string): string {
  return text.includes("&") ? decode(text, false) : text;
}

/**
 * Decodes character references the way an HTML parser does inside an attribute value, for the
 * href, src, title and class values marked would have written (escaped) into its HTML.
 *
 * @example
 * decodeAttribute("&#x6A;avascript:"); // "javascript:" (which the URL policy then refuses)
 */
export function decodeAttribute(value: string): string {
  return value.includes("&") ? decode(value, true) : value;
}

/**
 * The URL marked writes into an href or src: `encodeURI`, keeping existing "%" escapes; `null` when
 * it cannot be encoded (a lone surrogate), in which case marked renders the text instead.
 *
 * @example
 * cleanUrl("/a b"); // "/a%20b"
 */
export function cleanUrl(url: string): string | null {
  try {
    return encodeURI(url).replace(/%25/g, "%");
  } catch {
    return null;
  }
}
