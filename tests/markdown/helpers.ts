// Shared by the markdown tests: a seeded generator, chunkers and a DOM canonical form.

/** mulberry32: a tiny seeded generator, so random splits replay exactly. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The growing prefixes of `text` when it arrives in random chunks of 1 to `max` characters. */
export function randomPrefixes(text: string, seed: number, max = 8): string[] {
  const random = seeded(seed);
  const prefixes: string[] = [];
  let end = 0;
  while (end < text.length) {
    end = Math.min(text.length, end + 1 + Math.floor(random() * max));
    prefixes.push(text.slice(0, end));
  }
  return prefixes;
}

/** Every prefix, one character at a time. */
export function charPrefixes(text: string): string[] {
  const prefixes: string[] = [];
  for (let end = 1; end <= text.length; end++) prefixes.push(text.slice(0, end));
  return prefixes;
}

/**
 * A canonical form of a DOM subtree for comparing our render with marked's HTML: tags, sorted
 * attributes, text with whitespace collapsed. Our own additions that marked has no notion of are
 * normalised away: the code block's header and wrapper, highlight.js spans and classes, the `rv-`
 * classes, and the target/rel every link gets.
 */
export function canonical(node: Node): string {
  let out = "";
  const walk = (current: Node): void => {
    if (current.nodeType === 3) {
      out += current.nodeValue ?? "";
      return;
    }
    if (current.nodeType !== 1) return;
    const element = current as Element;
    const tag = element.tagName.toLowerCase();
    const classes = (element.getAttribute("class") ?? "")
      .split(/\s+/)
      .filter((name) => name && !name.startsWith("rv-") && !name.startsWith("hljs") && !name.endsWith("_"));
    if (element.classList.contains("rv-code-header")) return;
    if (element.classList.contains("rv-code") || (tag === "span" && classes.length === 0 && element.attributes.length <= 1)) {
      element.childNodes.forEach(walk);
      return;
    }
    const attributes: string[] = [];
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name;
      if (name === "class" || name === "target" || name === "rel" || name === "readonly" || name === "checked") continue;
      attributes.push(`${name}="${attribute.value}"`);
    }
    if (classes.length > 0) attributes.push(`class="${classes.join(" ")}"`);
    if (tag === "input" && (element as HTMLInputElement).checked) attributes.push("checked");
    attributes.sort();
    out += `<${tag}${attributes.map((a) => ` ${a}`).join("")}>`;
    element.childNodes.forEach(walk);
    if (!["br", "hr", "img", "input"].includes(tag)) out += `</${tag}>`;
  };
  node.childNodes.forEach(walk);
  return out
    .replace(/\s+/g, " ")
    .replace(/\s*(<\/?(?:p|li|ul|ol|blockquote|h[1-6]|pre|table|thead|tbody|tr|th|td|hr|div)\b[^>]*>)\s*/g, "$1")
    .trim();
}

/**
 * Waits until code blocks can highlight synchronously. highlight.js may be loaded on demand by
 * src/react/highlight.ts (`loadHighlighter`); a test that compares DOMs must not race that load.
 */
export async function highlighterReady(): Promise<void> {
  const module: Record<string, unknown> = await import("../../src/react/highlight.js");
  if (typeof module.loadHighlighter === "function") await (module.loadHighlighter as () => Promise<void>)();
}
