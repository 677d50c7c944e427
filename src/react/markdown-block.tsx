import { createElement, Fragment, type ReactNode } from "react";
import type { Token, Tokens } from "marked";
import { isOpenFence } from "../markdown/freeze-boundary.js";
import { decodeAttribute } from "../markdown/decode.js";
import { CodeBlock } from "./code-block.js";
import { h, type RenderContext } from "./markdown-context.js";
import { renderCheckbox, renderInline } from "./markdown-inline.js";

/** Tokens that render nothing: they can never hold the cursor. */
function isInvisible(token: Token): boolean {
  return token.type === "space" || token.type === "def";
}

/** Index of the last token that renders something, or -1. */
export function lastVisible(tokens: readonly Token[]): number {
  for (let index = tokens.length - 1; index >= 0; index--) if (!isInvisible(tokens[index]!)) return index;
  return -1;
}

/**
 * Renders a list of block tokens; `cursor` goes into the last inline container of the last one.
 *
 * @example
 * renderBlocks(new Lexer().lex("# Hi\n\ntext"), context);
 */
export function renderBlocks(tokens: readonly Token[], context: RenderContext, cursor?: ReactNode): ReactNode[] {
  const last = cursor ? lastVisible(tokens) : -1;
  return tokens.map((token, index) => renderBlock(token, context, index, index === last ? cursor : undefined));
}

/**
 * Renders one block token as a React element (null for spaces and link definitions).
 *
 * @example
 * renderBlock(new Lexer().lex("> quote")[0]!, context, 0);
 */
export function renderBlock(token: Token, context: RenderContext, key: number, cursor?: ReactNode): ReactNode {
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "paragraph":
      return h(context, "p", { key }, ...renderInline(token.tokens, context, cursor));
    case "text":
      // A tight list item's text: inline content with no <p> around it.
      return createElement(Fragment, { key }, ...renderInline(textTokens(token), context, cursor));
    case "checkbox":
      // A tight task item's checkbox sits directly in the <li>.
      return createElement(Fragment, { key }, renderCheckbox(token as Tokens.Checkbox, context, 0), cursor);
    case "heading":
      return h(context, `h${token.depth as 1 | 2 | 3 | 4 | 5 | 6}`, { key }, ...renderInline(token.tokens, context, cursor));
    case "hr":
      return h(context, "hr", { key });
    case "blockquote":
      return h(context, "blockquote", { key }, ...renderBlocks(token.tokens ?? [], context, cursor));
    case "code":
      return renderCode(token as Tokens.Code, context, key, cursor);
    case "list":
      return renderList(token as Tokens.List, context, key, cursor);
    case "table":
      return renderTable(token as Tokens.Table, context, key, cursor);
    case "html":
      // A raw HTML block from the model is shown as the text it is (invariant 6).
      return h(context, "p", { key, className: "rv-raw-html" }, token.text.replace(/\n+$/, ""), cursor);
    default:
      return null;
  }
}

function textTokens(token: Token): Token[] {
  return "tokens" in token && token.tokens ? token.tokens : [{ type: "text", raw: token.raw, text: token.raw } as Token];
}

function renderCode(token: Tokens.Code, context: RenderContext, key: number, cursor?: ReactNode): ReactNode {
  const language = decodeAttribute(/^\S*/.exec(token.lang ?? "")?.[0] ?? "");
  // An unclosed fence runs to the end of the text; while streaming it is the growing tail.
  const open = token.codeBlockStyle !== "indented" && isOpenFence(token.raw);
  const props = { key, code: token.text.replace(/\n$/, ""), language, open, cursor };
  return createElement(context.components?.codeBlock ?? CodeBlock, props);
}

function renderList(token: Tokens.List, context: RenderContext, key: number, cursor?: ReactNode): ReactNode {
  const props: Record<string, unknown> = { key };
  if (token.ordered && token.start !== 1 && token.start !== "") props.start = token.start;
  const lastItem = token.items.length - 1;
  const items = token.items.map((item, index) => {
    const itemCursor = index === lastItem ? cursor : undefined;
    const tokens = item.tokens;
    const blocks = renderBlocks(tokens, context, itemCursor);
    // An empty last item still takes the cursor, so it is never on a line of its own.
    const tail = itemCursor && lastVisible(tokens) === -1 ? [itemCursor] : [];
    return h(context, "li", { key: index, className: item.task ? "rv-task" : undefined }, ...blocks, ...tail);
  });
  return h(context, token.ordered ? "ol" : "ul", props, ...items);
}

function renderTable(token: Tokens.Table, context: RenderContext, key: number, cursor?: ReactNode): ReactNode {
  const cell = (c: Tokens.TableCell, index: number, withCursor: boolean): ReactNode =>
    h(
      context,
      c.header ? "th" : "td",
      { key: index, align: c.align ?? undefined },
      ...renderInline(c.tokens, context, withCursor ? cursor : undefined),
    );
  const lastRow = token.rows.length - 1;
  const row = (cells: Tokens.TableCell[], index: number, isLast: boolean): ReactNode =>
    h(context, "tr", { key: index }, ...cells.map((c, i) => cell(c, i, isLast && i === cells.length - 1)));
  const head = h(context, "thead", { key: "head" }, row(token.header, 0, lastRow === -1));
  const body =
    lastRow === -1 ? null : h(context, "tbody", { key: "body" }, ...token.rows.map((r, i) => row(r, i, i === lastRow)));
  return h(context, "table", { key }, head, body);
}
