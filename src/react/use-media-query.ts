import { useSyncExternalStore } from "react";

/** One media query, shared by every component that asks for it. */
interface SharedQuery {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): boolean;
}

// Keyed by the `matchMedia` function first: another window (an iframe) or a test's stub has its own.
const shared = new WeakMap<typeof matchMedia, Map<string, SharedQuery>>();

/**
 * One MediaQueryList and one "change" listener per query, however many components read it: each
 * message of a long conversation asks for prefers-reduced-motion, and a list and a listener per
 * message would be memory and listeners that grow with the conversation.
 */
function sharedQuery(match: typeof matchMedia, query: string): SharedQuery {
  let queries = shared.get(match);
  if (!queries) shared.set(match, (queries = new Map()));
  let entry = queries.get(query);
  if (!entry) {
    const list = match(query);
    const listeners = new Set<() => void>();
    const notify = () => {
      for (const listener of listeners) listener();
    };
    entry = {
      subscribe(onChange) {
        if (listeners.size === 0) list.addEventListener("change", notify);
        listeners.add(onChange);
        return () => {
          listeners.delete(onChange);
          if (listeners.size === 0) list.removeEventListener("change", notify);
        };
      },
      getSnapshot: () => list.matches,
    };
    queries.set(query, entry);
  }
  return entry;
}

const NONE: SharedQuery = { subscribe: () => () => undefined, getSnapshot: () => false };
const serverSnapshot = (): boolean => false;

/**
 * Whether a media query matches now, read without subscribing: for a component that re-renders often
 * anyway and would rather not keep a subscription (the hooks and closures of one) for the whole of a
 * long conversation.
 *
 * @example
 * const reduce = mediaQueryMatches("(prefers-reduced-motion: reduce)");
 */
export function mediaQueryMatches(query: string): boolean {
  return typeof matchMedia === "function" && sharedQuery(matchMedia, query).getSnapshot();
}

/**
 * Whether a media query matches, live: the component re-renders when it starts or stops matching.
 * False during server rendering and where `matchMedia` does not exist. Components asking for the
 * same query share one MediaQueryList and one listener.
 *
 * @example
 * const dark = useMediaQuery("(prefers-color-scheme: dark)");
 */
export function useMediaQuery(query: string): boolean {
  const { subscribe, getSnapshot } = typeof matchMedia === "function" ? sharedQuery(matchMedia, query) : NONE;
  return useSyncExternalStore(subscribe, getSnapshot, serverSnapshot);
}

/**
 * The theme a `theme` option stands for: `"auto"` (the default) follows `prefers-color-scheme`, live.
 * The same rule as `<Chat>`'s `data-theme` (written out there to spare its bundle a function), so the
 * embed's launcher always wears the chat's theme.
 *
 * @example
 * <section data-theme={useResolvedTheme(theme)} />
 */
export function useResolvedTheme(theme = "auto"): string {
  const dark = useMediaQuery("(prefers-color-scheme: dark)");
  return theme === "auto" ? (dark ? "dark" : "light") : theme;
}
