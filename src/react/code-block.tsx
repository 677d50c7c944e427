import { useEffect, useMemo, useState, type ReactNode } from "react";
import { highlight, useHighlighter } from "./highlight.js";
import { LiveHighlight } from "./highlight-live.js";
import type { CodeBlockProps } from "./markdown-context.js";

const COPIED_FOR_MS = 2000;

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
    () => (!ready ? null : growing ? live.update(code, language) : highlight(code, language)),
    [ready, growing, live, code, language],
  );
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = (): void => {
    const clipboard = typeof navigator === "undefined" ? undefined : navigator.clipboard;
    if (!clipboard) return;
    clipboard.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  const codeClass = [language ? `language-${language}` : "", highlighted ? "hljs" : ""].filter(Boolean).join(" ");
  // marked ends a code block's text with one newline; we do the same so the DOM text matches.
  const body = code === "" && !cursor ? [] : [...(highlighted ?? [code]), cursor, code === "" ? "" : "\n"];
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
