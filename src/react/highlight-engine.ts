import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import shell from "highlight.js/lib/languages/shell";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import { createElement, type ReactNode } from "react";

// The part of highlighting that weighs something (highlight.js and its grammars, about 35 KB gzip):
// highlight.ts loads this module with import() the first time a code block with a language renders,
// so a chat that shows no code never downloads it.

// Our own instance: registering languages on the shared `hljs` would change a host app's copy.
const highlighter = hljs.newInstance();
const LANGUAGES = { bash, c, cpp, css, diff, go, java, javascript, json, markdown, python, rust, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) highlighter.registerLanguage(name, language);

/**
 * Highlights code as React elements with highlight.js's CSS classes (`hljs-keyword`, ...), or
 * returns `null` when the language is unknown (the caller shows plain text).
 *
 * highlight.js's public result is an HTML string. We do not hand it to innerHTML: we read it with a
 * parser that accepts only what highlight.js writes — `<span class="...">`, `</span>` and text in
 * which it has escaped `& < > " '` — and builds elements from that. Anything else is refused and
 * the code shows as plain text, so a change in highlight.js can never turn into markup.
 *
 * @example
 * highlightToReact("const a = 1", "js"); // [<span className="hljs-keyword">const</span>, " a = ", ...]
 */
export function highlightToReact(code: string, language: string): ReactNode[] | null {
  if (!language || !highlighter.getLanguage(language)) return null;
  const html = highlighter.highlight(code, { language, ignoreIllegals: true }).value;
  return spansToReact(html);
}

/**
 * Like `highlightToReact`, and also whether highlight.js ended the code outside every mode (no
 * string, comment or other construct left open): code that follows such a point highlights the
 * same on its own, so a growing block can keep what it highlighted up to there.
 *
 * @example
 * highlightPiece("const a = 1;\n", "js"); // { nodes: [...], closed: true }
 * highlightPiece("/* open comment\n", "js"); // { nodes: [...], closed: false }
 */
export function highlightPiece(code: string, language: string): { nodes: ReactNode[] | null; closed: boolean } {
  const grammar = language ? highlighter.getLanguage(language) : undefined;
  if (!grammar) return { nodes: null, closed: false };
  const result = highlighter.highlight(code, { language, ignoreIllegals: true }) as { value: string; _top?: unknown };
  // `_top` is highlight.js's mode stack at the end; the language itself when nothing is open.
  // oxlint-disable-next-line no-underscore-dangle -- highlight.js's own field
  return { nodes: spansToReact(result.value), closed: result._top === grammar };
}

/**
 * Whether `highlightToReact` knows a language name or alias.
 *
 * @example
 * knowsLanguage("py"); // true
 */
export function knowsLanguage(language: string): boolean {
  return Boolean(language && highlighter.getLanguage(language));
}

const PIECE = /<span class="([\w -]*)">|<\/span>|([^<]+)/y;
const ENTITY = /&(amp|lt|gt|quot|#x27|#39);/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'" };

function spansToReact(html: string): ReactNode[] | null {
  const root: ReactNode[] = [];
  const stack: { className: string; children: ReactNode[] }[] = [];
  let children = root;
  let key = 0;
  PIECE.lastIndex = 0;
  while (PIECE.lastIndex < html.length) {
    const match = PIECE.exec(html);
    if (!match) return null;
    if (match[1] !== undefined) {
      const frame = { className: match[1], children: [] as ReactNode[] };
      stack.push(frame);
      children = frame.children;
    } else if (match[2] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#x27|#39);)/.test(match[2])) return null;
      children.push(match[2].replace(ENTITY, (_, name: string) => ENTITIES[name] ?? ""));
    } else {
      const frame = stack.pop();
      if (!frame) return null;
      children = stack.at(-1)?.children ?? root;
      children.push(createElement("span", { key: key++, className: frame.className }, ...frame.children));
    }
  }
  return stack.length === 0 ? root : null;
}
