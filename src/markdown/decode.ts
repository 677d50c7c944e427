import { decodeHTMLAttribute, decodeHTMLStrict } from "entities";

/**
 * marked keeps character references in its text tokens ("&copy;") and lets the browser decode them
 * when it parses marked's HTML. We build DOM nodes directly, so we decode them the way an HTML
 * parser would in text content: named references only with their ";" (marked has already
 * escaped every "&" that does not start one).
 *
 * @example
 * decodeText("&copy; 2024 &amp; &lt;b&gt;"); // "© 2024 & <b>"
 */
export function decodeText(text: string): string {
  return text.includes("&") ? text.replace(REFERENCE, (reference) => decodeHTMLStrict(reference)) : text;
}

// The references marked leaves unescaped; any other "&" it has already written as "&amp;".
const REFERENCE = /&(?:#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);/g;

/**
 * Decodes character references the way an HTML parser does inside an attribute value, for the
 * href, src, title and class values marked would have written into its HTML.
 *
 * @example
 * decodeAttribute("&#x6A;avascript:"); // "javascript:" (which the URL policy then refuses)
 */
export function decodeAttribute(value: string): string {
  return value.includes("&") ? decodeHTMLAttribute(value) : value;
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
