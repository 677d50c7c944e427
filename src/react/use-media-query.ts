import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a media query matches, live: the component re-renders when it starts or stops matching.
 * False during server rendering and where `matchMedia` does not exist.
 *
 * @example
 * const dark = useMediaQuery("(prefers-color-scheme: dark)");
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = typeof matchMedia === "function" ? matchMedia(query) : undefined;
      list?.addEventListener("change", onChange);
      return () => list?.removeEventListener("change", onChange);
    },
    [query],
  );
  const getSnapshot = () => (typeof matchMedia === "function" ? matchMedia(query).matches : false);
  return useSyncExternalStore(subscribe, getSnapshot, () => false);
}
