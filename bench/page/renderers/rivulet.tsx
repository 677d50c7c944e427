// rivulet's own <Markdown text streaming>: frozen blocks plus one live tail block, with its stylesheet.
import { Markdown } from "../../../src/react/index.js";
// oxlint-disable-next-line import/no-unassigned-import -- a stylesheet, imported for its side effect
import "../../../src/styles/rivulet.css";
import type { CreateRenderer } from "../renderer.js";
import { reactRenderer } from "./react-root.js";

export const create: CreateRenderer = (container) =>
  reactRenderer(container, (text, streaming) => <Markdown text={text} streaming={streaming} />);
