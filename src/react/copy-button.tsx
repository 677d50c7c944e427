import { useEffect, useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons.js";

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  text: string;
  label: string;
  copiedLabel: string;
  className?: string;
}

/**
 * Copies `text` to the clipboard and says "Copied" for a moment. Falls back to a hidden textarea and
 * `execCommand("copy")` where the async Clipboard API is missing (insecure origins), placing the
 * textarea next to the button so it works inside a Shadow DOM too.
 *
 * @example
 * <CopyButton text={message.content} label="Copy" copiedLabel="Copied" />
 */
export function CopyButton({ text, label, copiedLabel, className = "rv-action" }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const button = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      if (button.current && copyWithTextarea(button.current, text)) setCopied(true);
    }
  };

  return (
    <button ref={button} type="button" className={className} aria-label={copied ? copiedLabel : label} title={label} onClick={copy}>
      {copied ? <CheckIcon /> : <CopyIcon />}
    </button>
  );
}

function copyWithTextarea(anchor: HTMLElement, text: string): boolean {
  const area = anchor.ownerDocument.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "rv-sr-only";
  anchor.after(area);
  area.select();
  try {
    return anchor.ownerDocument.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    anchor.focus();
  }
}
