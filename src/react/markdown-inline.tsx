import type { ReactNode } from "react";
import type { Token, Tokens } from "marked";
import { cleanUrl, decodeAttribute, decodeText } from "../markdown/decode.js";
import { isAllowedImage, isSafeUrl } from "../markdown/url-policy.js";
import { h, type RenderContext } from "./markdown-context.js";

/** The href placed in the DOM for a link token, as the browser would read marked's HTML. */
function linkHref(token: Tokens.Link): string | null {
  const cleaned = cleanUrl(token.href);
  if (cleaned === null) return null;
  // An autolink's text is escaped whole by marked, so its references stay literal.
  return token.autolink ? cleaned : decodeAttribute(cleaned);
}

/**
 * The plain text of inline tokens, as marked's TextRenderer makes an image's alt: markup dropped,
 * character references kept (the caller decodes them once, as an attribute).
 */
export function plainText(tokens: Token[] | undefined): string {
  let out = "";
  for (const token of tokens ?? []) {
    if (token.type === "br") out += "\n";
    else if (token.type === "checkbox") out += token.raw;
    else if ("tokens" in token && token.tokens && token.type !== "text") out += plainText(token.tokens);
    else if (token.type === "text" && "tokens" in token && token.tokens) out += plainText(token.tokens);
    else if ("text" in token && typeof token.text === "string") out += token.text;
  }
  return out;
}

/**
 * Renders marked's inline tokens as React elements; `cursor` goes after the last one.
 *
 * @example
 * renderInline(new Lexer().inlineTokens("**hi**"), context); // [<strong>hi</strong>]
 */
export function renderInline(tokens: Token[] | undefined, context: RenderContext, cursor?: ReactNode): ReactNode[] {
  const out: ReactNode[] = [];
  let key = 0;
  for (const token of tokens ?? []) out.push(renderOne(token, context, key++));
  if (cursor) out.push(cursor);
  return out;
}

function renderOne(token: Token, context: RenderContext, key: number): ReactNode {
  switch (token.type) {
    case "escape":
      return token.text;
    case "text":
      if ("tokens" in token && token.tokens) return renderInline(token.tokens, context);
      // An "escaped" text token is raw HTML inside an inline <pre>/<script>: shown as text.
      return token.escaped ? token.text : decodeText(token.text);
    case "html":
      // Raw inline HTML from the model is shown, never parsed (invariant 6).
      return token.text;
    case "strong":
      return h(context, "strong", { key }, ...renderInline(token.tokens, context));
    case "em":
      return h(context, "em", { key }, ...renderInline(token.tokens, context));
    case "del":
      return h(context, "del", { key }, ...renderInline(token.tokens, context));
    case "codespan":
      return h(context, "code", { key }, token.text);
    case "br":
      return h(context, "br", { key });
    case "checkbox":
      return renderCheckbox(token as Tokens.Checkbox, context, key);
    case "link":
      return renderLink(token as Tokens.Link, context, key);
    case "image":
      return renderImage(token as Tokens.Image, context, key);
    default:
      return "text" in token && typeof token.text === "string" ? token.text : null;
  }
}

/** A task list's checkbox: shown, never editable. */
export function renderCheckbox(token: Tokens.Checkbox, context: RenderContext, key: number): ReactNode {
  return [
    h(context, "input", { key, type: "checkbox", disabled: true, checked: token.checked, readOnly: true }),
    " ",
  ];
}

function renderLink(token: Tokens.Link, context: RenderContext, key: number): ReactNode {
  const children = token.autolink ? [token.text] : renderInline(token.tokens, context);
  const href = linkHref(token);
  // A refused URL keeps the words and loses the link (invariant 6).
  if (href === null || !isSafeUrl(href)) return children;
  const props: Record<string, unknown> = { key, href, target: "_blank", rel: "noopener noreferrer" };
  if (token.title) props.title = decodeAttribute(token.title);
  return h(context, "a", props, ...children);
}

function renderImage(token: Tokens.Image, context: RenderContext, key: number): ReactNode {
  const alt = decodeAttribute(plainText(token.tokens) || token.text);
  const cleaned = cleanUrl(token.href);
  const src = cleaned === null ? null : decodeAttribute(cleaned);
  const base = typeof location === "undefined" ? undefined : location.href;
  if (src === null || !isAllowedImage(src, context.images, base)) {
    return alt;
  }
  const props: Record<string, unknown> = { key, src, alt };
  if (token.title) props.title = decodeAttribute(token.title);
  return h(context, "img", props);
}
