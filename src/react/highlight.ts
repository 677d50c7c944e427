import { useEffect, useSyncExternalStore, type ReactNode } from "react";

// highlight.js with its grammars is the heaviest thing a chat could carry (about 35 KB gzip, more
// than the rest of <Chat> together), and many conversations show no code. So it loads on demand:
// the first code block with a language calls `loadHighlighter()` and shows plain text (with its
// label and copy button) until the module arrives; from then on highlighting is synchronous, so
// text that was highlighted never flashes back to plain while a fence keeps growing.
// In dist/rivulet.js the import() is inlined: it resolves a microtask later and fetches nothing.

type Engine = typeof import("./highlight-engine.js");

let engine: Engine | undefined;
let loading: Promise<void> | undefined;
const listeners = new Set<() => void>();

/**
 * Loads the highlighter (once; later calls return the same promise). Code blocks call it
 * themselves; await it before `renderToString` (and before `hydrateRoot`) to get highlighted
 * code in server-rendered HTML, or in a test that compares DOMs.
 *
 * @example
 * await loadHighlighter();
 * const html = renderToString(<Markdown text={answer} />); // code blocks highlighted
 */
export function loadHighlighter(): Promise<void> {
  loading ??= import("./highlight-engine.js").then(
    (module) => {
      engine = module;
      for (const listener of listeners) listener();
    },
    (error: unknown) => {
      // A chunk that failed to load (offline, a deploy that removed it): code stays plain text,
      // and the next code block that mounts tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/**
 * Whether the highlighter has loaded, i.e. whether `highlight` can highlight now.
 *
 * @example
 * if (!isHighlighterLoaded()) void loadHighlighter();
 */
export function isHighlighterLoaded(): boolean {
  return engine !== undefined;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/**
 * For a component that highlights: true once the highlighter is loaded. While `wanted` is true and
 * it is not, it starts loading (after mount, so server rendering never starts a download), and the
 * component renders again when it arrives.
 *
 * @example
 * const ready = useHighlighter(language !== "");
 */
export function useHighlighter(wanted: boolean): boolean {
  const ready = useSyncExternalStore(subscribe, isHighlighterLoaded, isHighlighterLoaded);
  useEffect(() => {
    if (wanted && !ready) loadHighlighter().catch(() => undefined);
  }, [wanted, ready]);
  return ready;
}

/**
 * Highlights code as React elements with highlight.js's CSS classes (`hljs-keyword`, ...), or
 * returns `null` when the language is unknown or the highlighter has not loaded yet (the caller
 * shows plain text). See highlight-engine.ts for how highlight.js's HTML becomes elements without
 * innerHTML.
 *
 * @example
 * await loadHighlighter();
 * highlight("const a = 1", "js"); // [<span className="hljs-keyword">const</span>, " a = ", ...]
 */
export function highlight(code: string, language: string): ReactNode[] | null {
  return engine ? engine.highlightToReact(code, language) : null;
}

/**
 * `highlight` for a piece of a growing code block, with whether highlight.js ended it outside every
 * mode (see highlight-live.ts), or `null` until the highlighter has loaded.
 *
 * @example
 * await loadHighlighter();
 * highlightPiece("x = 1\n", "python"); // { nodes: [...], closed: true }
 */
export function highlightPiece(code: string, language: string): { nodes: ReactNode[] | null; closed: boolean } | null {
  return engine ? engine.highlightPiece(code, language) : null;
}

/**
 * Whether `highlight` knows a language name or alias (false until the highlighter has loaded).
 *
 * @example
 * await loadHighlighter();
 * isKnownLanguage("py"); // true
 */
export function isKnownLanguage(language: string): boolean {
  return engine ? engine.knowsLanguage(language) : false;
}
