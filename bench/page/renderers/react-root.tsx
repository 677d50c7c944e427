// Shared by the React renderers: a root whose every update is committed synchronously (flushSync),
// so the time `update` takes is render + reconcile + DOM mutation + passive effects of that update.
import type { ReactNode } from "react";
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import type { BenchRenderer } from "../renderer.js";

/**
 * Wraps a text → element function into a synchronous bench renderer.
 * @example
 * reactRenderer(container, (text) => <p>{text}</p>).update("hi", true);
 */
export function reactRenderer(container: HTMLElement, view: (text: string, streaming: boolean) => ReactNode): BenchRenderer {
  const host = document.createElement("div");
  container.append(host);
  const root = createRoot(host);
  return {
    update(text, streaming) {
      flushSync(() => root.render(view(text, streaming)));
    },
    dispose() {
      root.unmount();
      host.remove();
    },
  };
}
