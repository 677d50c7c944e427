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
  const repaired = remend(block, { linkMode: "text-only", htmlTags: false, inlineKatex: false, katex: false });
  return repaired.includes("streamdown:") ? repaired.replace(INCOMPLETE_IMAGE, "") : repaired;
}
