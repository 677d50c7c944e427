import { useEffect, useState } from "react";
import { SmoothText } from "../core/smooth-text.js";
import { mediaQueryMatches } from "./use-media-query.js";

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
  const [smooth, setSmooth] = useState<SmoothText | undefined>(undefined);
  const [shown, setShown] = useState(0);
  // State adjusted while rendering (React's pattern for state that follows props): the smoother is
  // made on the first render that smooths, with the text it finds there shown at once (a message
  // already written when first seen is not replayed), and dropped, with the text it holds, on the
  // first render that does not.
  if (active && !smooth) {
    const created = new SmoothText();
    created.update(text, now());
    created.flush();
    setSmooth(created);
    setShown(text.length);
  } else if (!active && smooth) {
    setSmooth(undefined);
  }

  useEffect(() => {
    if (!active || !smooth) return;
    smooth.update(text, now());
    let handle = requestAnimationFrame(function frame() {
      setShown(smooth.shownAt(now()));
      if (!smooth.done) handle = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(handle);
  }, [smooth, text, active]);

  // Finish and stop show everything in the same render: nothing waits for a frame.
  // While active, the store's text only grows (an answer is appended to), so a prefix of it is what
  // the smoother showed; anything else shows at once (the smoother flushes in the effect above).
  return active && smooth && shown < text.length ? text.slice(0, shown) : text;
}

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
