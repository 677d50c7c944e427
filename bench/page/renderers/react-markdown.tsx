// react-markdown + remark-gfm as most React chat UIs use it: the whole text re-parsed per update.
import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";
import type { CreateRenderer } from "../renderer.js";
import { reactRenderer } from "./react-root.js";

const plugins = [remarkGfm];

export const create: CreateRenderer = (container) =>
  reactRenderer(container, (text) => <Markdown remarkPlugins={plugins}>{text}</Markdown>);
