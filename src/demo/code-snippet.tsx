import { useEffect, useRef, useState } from "react";

/**
 * A snippet to copy: a caption, plain `<pre><code>` text and a Copy button (the Clipboard API, with
 * a selection of the code as the fallback where the page is not a secure context).
 *
 * @example
 * <CodeSnippet label="App.tsx" code={reactSnippet()} />
 */
export function CodeSnippet({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  const codeRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1600);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // No clipboard here (plain http on another host): select the code so Ctrl+C does the rest.
      const node = codeRef.current;
      const selection = node ? getSelection() : null;
      if (node && selection) selection.selectAllChildren(node);
    }
  };

  return (
    <figure className="snippet">
      <figcaption className="snippet-bar">
        <span className="snippet-label">{label}</span>
        <button type="button" className="snippet-copy" onClick={copy} aria-label={copied ? `Copied ${label}` : `Copy ${label}`}>
          {copied ? <CheckGlyph /> : <CopyGlyph />}
          <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>
        </button>
      </figcaption>
      <pre className="snippet-code" tabIndex={0}>
        <code ref={codeRef}>{code}</code>
      </pre>
    </figure>
  );
}

function CopyGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false" className="glyph">
      <rect x="9" y="9" width="11" height="11" rx="2" />
      <path d="M5 15V6a2 2 0 0 1 2-2h9" />
    </svg>
  );
}

function CheckGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false" className="glyph">
      <path d="M5 12.5l4.5 4.5L19 7.5" />
    </svg>
  );
}
