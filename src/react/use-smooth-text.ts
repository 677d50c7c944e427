import { useEffect, useRef, useState } from "react";
import { SmoothText } from "../core/smooth-text.js";
import { mediaQueryMatches } from "./use-media-query.js";

/** A smoother and how much of the text it shows, alive only while a message streams. */
interface Smoothing {
  readonly smooth: SmoothText;
  shown: number;
}

/**
 * The part of a streaming `text` to show now, revealed at an adaptive, even pace (see
 * {@link SmoothText}). Shows the whole text at once when `streaming` turns false (finish or stop),
 * when `enabled` is false, and under `prefers-reduced-motion: reduce`.
 *
 * Every answer of a conversation calls it and stays mounted, and all but one are finished: so it
 * keeps three hooks and nothing else for a finished answer. The smoother exists only while the answer
 * streams, and reduced motion is read at each render (a streaming answer renders every frame) rather
 * than subscribed to.
 *
 * @example
 * const shown = useSmoothText(message.content, message.state === "streaming");
 * return <Markdown text={shown} streaming={message.state === "streaming"} />;
 */
export function useSmoothText(text: string, streaming: boolean, enabled = true): string {
  const active = enabled && streaming && !mediaQueryMatches("(prefers-reduced-motion: reduce)");
  const ref = useRef<Smoothing | undefined>(undefined);
  const [, setFrame] = useState(0);
  // Made on the first render that smooths, with the text it finds there shown at once (a message
  // already written when first seen is not replayed); only text that arrives while we watch is paced.
  if (active && !ref.current) {
    const smooth = new SmoothText();
    smooth.update(text, now());
    smooth.flush();
    ref.current = { smooth, shown: text.length };
  }

  useEffect(() => {
    const smoothing = ref.current;
    if (!active || !smoothing) {
      ref.current = undefined; // finished: the smoother (and the text it holds) goes
      return;
    }
    smoothing.smooth.update(text, now());
    let handle = requestAnimationFrame(function frame() {
      smoothing.shown = smoothing.smooth.shownAt(now());
      setFrame((count) => count + 1);
      if (!smoothing.smooth.done) handle = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(handle);
  }, [text, active]);

  // Finish and stop show everything in the same render: nothing waits for a frame.
  // While active, the store's text only grows (an answer is appended to), so a prefix of it is what
  // the smoother showed; anything else shows at once (the smoother flushes in the effect above).
  const shown = active ? ref.current?.shown ?? text.length : text.length;
  return shown < text.length ? text.slice(0, shown) : text;
}

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
