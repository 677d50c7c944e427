import { createElement, type ComponentType, type JSX, type ReactNode } from "react";
import type { ImagePolicy } from "../markdown/url-policy.js";

/** Props a custom code block receives through `components.codeBlock`. */
export interface CodeBlockProps {
  /** The code, without the fence and without its final newline. */
  code: string;
  /** The first word of the fence's info string (`js` in "```js"), or "" when there is none. */
  language: string;
  /** True while the fence is still open and the block is growing. */
  open: boolean;
  /** The typing cursor to place at the end of the last line, while streaming. */
  cursor?: ReactNode;
}

/**
 * Overrides per element: any HTML tag `<Markdown>` renders (`a`, `img`, `p`, `table`, ...), plus
 * `codeBlock` for a whole fenced or indented code block.
 *
 * @example
 * const components: MarkdownComponents = {
 *   a: (props) => <a {...props} className="my-link" />,
 *   codeBlock: ({ code, language }) => <MyEditor value={code} mode={language} />,
 * };
 */
export type MarkdownComponents = {
  [Tag in keyof JSX.IntrinsicElements]?: ComponentType<JSX.IntrinsicElements[Tag]>;
} & { codeBlock?: ComponentType<CodeBlockProps> };

/** What every render function needs besides the token. */
export interface RenderContext {
  components: MarkdownComponents | undefined;
  images: ImagePolicy;
}

/** createElement through the user's override for the tag, if there is one. */
export function h(
  context: RenderContext,
  tag: keyof JSX.IntrinsicElements,
  props: Record<string, unknown> | null,
  ...children: ReactNode[]
): ReactNode {
  const override = context.components?.[tag] as ComponentType<Record<string, unknown>> | undefined;
  return createElement(override ?? tag, props, ...children);
}
