import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/**
 * What {@link useScrollPin} returns: two refs to attach and the pin state.
 */
export interface ScrollPin {
  /** The scrolling element (overflow: auto). */
  scrollRef: RefObject<HTMLDivElement | null>;
  /** The element inside it whose size grows as text streams. */
  contentRef: RefObject<HTMLDivElement | null>;
  /** True while the view follows new content. */
  pinned: boolean;
  /** Scrolls to the bottom and follows again (the "jump to latest" button, a new send). */
  pin(): void;
}

/** How close to the bottom counts as "at the bottom", for sub-pixel layouts. */
const AT_BOTTOM_PX = 4;

/**
 * Keeps a scrolling transcript at its bottom while content grows, until the reader scrolls up.
 *
 * We do not use use-stick-to-bottom here: it adds listeners on `document` when its module loads
 * (the embed promises the host page no global listeners), and it reads `window.getSelection()`,
 * which cannot see a selection inside a Shadow DOM. Here every listener is on the scroller itself,
 * and a selection is found through the scroller's own root node (`getComposedRanges`), so a reader
 * selecting text in a streaming answer is never scrolled away from it.
 *
 * Releasing: any upward scroll the reader makes (wheel, touch, keyboard, scrollbar) shows up as
 * `scrollTop` decreasing while the content did not shrink; a wheel up releases at once even at the
 * top. Re-pinning: scrolling back to the bottom, or `pin()`.
 *
 * @example
 * const { scrollRef, contentRef, pinned, pin } = useScrollPin();
 * <div ref={scrollRef} style={{ overflow: "auto" }}><div ref={contentRef}>{messages}</div></div>
 * {!pinned && <button onClick={pin}>Jump to latest</button>}
 */
export function useScrollPin(): ScrollPin {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const contentRef = useRef<HTMLDivElement | null>(null);
  const pinnedRef = useRef(true);
  const [pinned, setPinnedState] = useState(true);

  const setPinned = useCallback((value: boolean) => {
    pinnedRef.current = value;
    setPinnedState(value);
  }, []);

  const pin = useCallback(() => {
    setPinned(true);
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [setPinned]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let lastTop = el.scrollTop;
    let lastHeight = el.scrollHeight;

    const follow = () => {
      if (!pinnedRef.current || hasSelectionWithin(el)) return;
      el.scrollTop = el.scrollHeight;
      lastTop = el.scrollTop;
      lastHeight = el.scrollHeight;
    };
    const onScroll = () => {
      const top = el.scrollTop;
      const height = el.scrollHeight;
      const atBottom = height - top - el.clientHeight <= AT_BOTTOM_PX;
      if (top < lastTop - 1 && height >= lastHeight && !atBottom) {
        if (pinnedRef.current) setPinned(false);
      } else if (atBottom && !pinnedRef.current) {
        setPinned(true);
      }
      lastTop = top;
      lastHeight = height;
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0 && pinnedRef.current && el.scrollHeight > el.clientHeight) setPinned(false);
    };

    el.addEventListener("scroll", onScroll, { passive: true });
    el.addEventListener("wheel", onWheel, { passive: true });
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(follow) : undefined;
    observer?.observe(el);
    if (contentRef.current) observer?.observe(contentRef.current);
    follow();
    return () => {
      el.removeEventListener("scroll", onScroll);
      el.removeEventListener("wheel", onWheel);
      observer?.disconnect();
    };
  }, [setPinned]);

  return { scrollRef, contentRef, pinned, pin };
}

type ComposedSelection = Omit<Selection, "getComposedRanges"> & {
  getComposedRanges?(options: { shadowRoots: ShadowRoot[] }): StaticRange[];
};

/**
 * True when the user has a non-empty text selection that touches `el`. Inside a Shadow DOM,
 * `document.getSelection()` reports a range retargeted to the host, so we ask for composed ranges
 * that may reach into our shadow root.
 *
 * @see https://w3c.github.io/selection-api/#dom-selection-getcomposedranges
 */
export function hasSelectionWithin(el: Element): boolean {
  const selection = el.ownerDocument.getSelection() as ComposedSelection | null;
  if (!selection || selection.rangeCount === 0) return false;
  const root = el.getRootNode();
  let ranges: AbstractRange[] = [];
  if (typeof ShadowRoot !== "undefined" && root instanceof ShadowRoot) {
    if (typeof selection.getComposedRanges === "function") {
      ranges = selection.getComposedRanges({ shadowRoots: [root] });
    } else {
      // Older Chromium exposes the shadow tree's own selection instead.
      const own = (root as ShadowRoot & { getSelection?: () => Selection | null }).getSelection?.();
      const count = own?.rangeCount ?? 0;
      for (let i = 0; i < count; i++) ranges.push(own!.getRangeAt(i));
    }
  } else {
    for (let i = 0; i < selection.rangeCount; i++) ranges.push(selection.getRangeAt(i));
  }
  return ranges.some((range) => !range.collapsed && (el.contains(range.startContainer) || el.contains(range.endContainer)));
}
