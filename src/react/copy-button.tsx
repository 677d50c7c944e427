import { useState, type MouseEvent } from "react";
import { checkIcon, copyIcon } from "./icons.js";

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
  // One hook only: every message of a transcript keeps a copy button, so no ref (the click's
  // currentTarget is the button) and no effect (the timer resets the state itself; a state update
  // after unmount is a no-op). The count tells a later click's timer from an earlier one's.
  const [copied, setCopied] = useState(0);

  const copy = async (event: MouseEvent<HTMLButtonElement>) => {
    const button = event.currentTarget;
    let done = false;
    try {
      await navigator.clipboard.writeText(text);
      done = true;
    } catch {
      done = copyWithTextarea(button, text);
    }
    if (!done) return;
    const click = copied + 1;
    setCopied(click);
    setTimeout(() => setCopied((current) => (current === click ? 0 : current)), 1500);
  };

  return (
    <button type="button" className={className} aria-label={copied ? copiedLabel : label} title={label} onClick={copy}>
      {copied ? checkIcon() : copyIcon()}
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
