// The floor: a plain <pre> whose textContent is the whole text. No parsing at all.
import type { CreateRenderer } from "../renderer.js";

export const create: CreateRenderer = (container) => {
  const pre = document.createElement("pre");
  container.append(pre);
  return {
    update(text) {
      pre.textContent = text;
    },
    dispose() {
      pre.remove();
    },
  };
};
