import { memo, useMemo, type ReactNode } from "react";
import { Lexer, type Token } from "marked";
import { repairTail } from "../markdown/repair-tail.js";
import type { ImagePolicy } from "../markdown/url-policy.js";
import { renderBlocks } from "./markdown-block.js";
import type { MarkdownComponents, RenderContext } from "./markdown-context.js";

/** Props of `<Markdown>`. */
export interface MarkdownProps {
  /** The markdown so far. While streaming, each render passes the text grown by new tokens. */
  text: string;
  /** True while more text is coming: shows the typing cursor and repairs the half-written tail. */
  streaming?: boolean;
  /** Overrides per element (`a`, `img`, `p`, ...) and `codeBlock` for whole code blocks. */
  components?: MarkdownComponents;
  /** Which images may load: "all" (default), "none", or only `{ allowedOrigins }`. */
  images?: ImagePolicy;
  /** Extra class names for the root element (always has `rv-markdown`). */
  className?: string;
}

/**
 * Renders markdown as React elements, progressively while it streams.
 *
 * @example
 * <Markdown text={message.content} streaming={message.state === "streaming"} />
 */
export const Markdown = memo(function Markdown({
  text,
  streaming = false,
  components,
  images = "all",
  className,
}: MarkdownProps): ReactNode {
  const context: RenderContext = useMemo(() => ({ components, images }), [components, images]);
  const tokens: Token[] = useMemo(() => new Lexer({ gfm: true }).lex(streaming ? repairTail(text) : text), [text, streaming]);
  const cursor = streaming ? <span key="cursor" className="rv-cursor" aria-hidden="true" /> : undefined;
  const blocks = renderBlocks(tokens, context, cursor);
  return (
    <div className={className ? `rv-markdown ${className}` : "rv-markdown"}>
      {blocks}
      {streaming && blocks.every((block) => block === null) ? cursor : null}
    </div>
  );
});
