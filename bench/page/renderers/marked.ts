// The naive baseline many chat UIs ship: marked.parse the whole text and replace innerHTML per update.
// (Bench-only: rivulet itself never puts model text into innerHTML.)
import { marked } from "marked";
import type { CreateRenderer } from "../renderer.js";

export const create: CreateRenderer = (container) => {
  const root = document.createElement("div");
  container.append(root);
  return {
    update(text) {
      root.innerHTML = marked.parse(text, { async: false, gfm: true });
    },
    dispose() {
      root.remove();
    },
  };
};
