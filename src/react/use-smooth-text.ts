import { useEffect, useState } from "react";
import { SmoothText } from "../core/smooth-text.js";
import { useMediaQuery } from "./use-media-query.js";

/**
 * The part of a streaming `text` to show now, revealed at an adaptive, even pace (see
 * {@link SmoothText}). Shows the whole text at once when `streaming` turns false (finish or stop),
 * when `enabled` is false, and under `prefers-reduced-motion: reduce`.
 *
 * @example
 * const shown = useSmoothText(message.content, message.state === "streaming");
 * return <Markdown text={shown} streaming={message.state === "streaming"} />;
 */
export function useSmoothText(text: string, streaming: boolean, enabled = true): string {
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const active = enabled && streaming && !reducedMotion;
  // A message that is already written when first seen (history, a restored conversation) starts
  // fully shown; only text that arrives while we watch is paced.
  const [smooth] = useState(() => {
    const initial = new SmoothText();
    initial.update(text, now());
    initial.flush();
    return initial;
  });
  // A length, not the shown string: a slice of the text would keep that whole text alive in this
  // state after the answer finished, a second copy beside the final one.
  const [shown, setShown] = useState(text.length);

  useEffect(() => {
    smooth.update(text, now());
    if (!active) {
      smooth.flush();
      return;
    }
    let handle = requestAnimationFrame(function frame() {
      setShown(smooth.shownAt(now()));
      if (!smooth.done) handle = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(handle);
  }, [smooth, text, active]);

  // Finish and stop show everything in the same render: nothing waits for a frame.
  // While active, the store's text only grows (an answer is appended to), so a prefix of it is what
  // the smoother showed; anything else flushes in the effect above.
  return active && shown < text.length ? text.slice(0, shown) : text;
}

function now(): number {
  return typeof performance === "undefined" ? Date.now() : performance.now();
}
