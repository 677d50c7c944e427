import { decodeHTML, decodeHTMLAttribute } from "entities";

// The WHATWG table of named character references (with entities' decoder, about 13 KB gzip), in a
// module of its own so decode.ts can load it with import() only when an answer uses a rare name.
// Re-exported rather than imported as `import("entities")`: a namespace import would keep every
// export of the package (its XML decoder and table too), this keeps only these two.

/**
 * Decodes character references as the HTML tokenizer does in text content ("&notit;" is "¬it;").
 *
 * @example
 * decodeInText("&HilbertSpace;"); // "ℋ"
 */
export const decodeInText: (text: string) => string = decodeHTML;

/**
 * Decodes character references as the HTML tokenizer does in an attribute value ("&notit;" stays).
 *
 * @example
 * decodeInAttribute("&ngE;"); // "≧̸"
 */
export const decodeInAttribute: (text: string) => string = decodeHTMLAttribute;
