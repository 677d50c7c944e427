// streamdown in streaming mode with its defaults (remend tail repair, block memoization, GFM) and its
// own stylesheet (animation keyframes only). No plugins: streamdown 2 keeps Shiki highlighting,
// Mermaid, math and CJK in separate @streamdown/* packages, so nothing heavy is loaded; and no
// Tailwind build, so its utility classes are inert (they change no layout work we would measure).
import { Streamdown } from "streamdown";
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet, imported for its side effect
import "streamdown/styles.css";
import type { CreateRenderer } from "../renderer.js";
import { reactRenderer } from "./react-root.js";

export const create: CreateRenderer = (container) =>
  reactRenderer(container, (text, streaming) => (
    <Streamdown mode="streaming" isAnimating={streaming}>
      {text}
    </Streamdown>
  ));
