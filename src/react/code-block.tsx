import { cloneElement, isValidElement, useEffect, useMemo, useState, type MouseEvent, type ReactNode } from "react";
import { COPIED_FOR_MS, copyText } from "./copy-button.js";
import { highlight, useHighlighter } from "./highlight.js";
import { LiveHighlight } from "./highlight-live.js";
import type { CodeBlockProps } from "./markdown-context.js";

/**
 * A fenced or indented code block: a header with the language and a copy button, then the code
 * highlighted by highlight.js (CSS classes only). An open fence is highlighted as it grows, line by
 * line (see `LiveHighlight`), so what was highlighted never flashes back to plain text. The first code block with a language loads the
 * highlighter (see `loadHighlighter`) and shows plain text until it has arrived.
 *
 * @example
 * <CodeBlock code={'print("hi")'} language="python" open={false} />
 */
export function CodeBlock({ code, language, open, cursor }: CodeBlockProps): ReactNode {
  const ready = useHighlighter(language !== "");
  // While the fence is open and text is streaming in (the cursor is in it), only the lines since
  // the last safe cut are highlighted per token; a finished or one-shot block is highlighted whole.
  const [live] = useState(() => new LiveHighlight());
  const growing = open && cursor !== undefined;
  const highlighted = useMemo(
    () => {
      if (!ready) return null;
      if (growing) return live.update(code, language);
      // Done growing: drop the kept pieces. Each was first mounted in an earlier render, and under
      // Preact an element keeps that render's parent pointers, which pin that render's props (the
      // whole answer's text as it was then) for as long as the element is kept.
      live.update("", language);
      return highlight(code, language);
    },
    [ready, growing, live, code, language],
  );
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = (event: MouseEvent<HTMLButtonElement>): void => {
    void copyText(event.currentTarget, code).then(setCopied);
  };

  const codeClass = [language ? `language-${language}` : "", highlighted ? "hljs" : ""].filter(Boolean).join(" ");
  // marked ends a code block's text with one newline; we do the same so the DOM text matches.
  // Fresh elements every render (cheap beside highlighting): under Preact an element keeps the
  // parent pointers of the render that first mounted it, so reusing the memoized ones would pin that
  // render's whole tree (the answer's text and the message list as they were then) for good.
  const body = code === "" && !cursor ? [] : [...(highlighted ?? [code]).map(fresh), cursor, code === "" ? "" : "\n"];
  return (
    <div className="rv-code" data-open={open || undefined}>
      <div className="rv-code-header">
        <span className="rv-code-lang">{language || "text"}</span>
        <button type="button" className="rv-code-copy" onClick={copy} data-copied={copied || undefined}>
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre>
        <code className={codeClass || undefined}>{body}</code>
      </pre>
    </div>
  );
}

/** A copy of a highlighted node whose elements (and theirs, all the way down) were never mounted. */
function fresh(node: ReactNode): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(node)) return node;
  const children = node.props.children;
  if (children === undefined) return cloneElement(node);
  return cloneElement(node, undefined, ...(Array.isArray(children) ? children.map(fresh) : [fresh(children)]));
}
