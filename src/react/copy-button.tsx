import { useState, type MouseEvent, type ReactElement } from "react";
import { checkIcon, copyIcon } from "./icons.js";

/** How long a copy button (a message's or a code block's) says "Copied". */
export const COPIED_FOR_MS = 1500;

/**
 * Copies `text` to the clipboard; resolves to whether it did. Falls back to a hidden textarea and
 * `execCommand("copy")` where the async Clipboard API is missing or refused (an insecure origin),
 * placing the textarea next to `anchor` (the clicked button), so it works inside a Shadow DOM too,
 * and giving the focus back to `anchor`.
 *
 * @example
 * button.onclick = () => copyText(button, "npm start");
 */
export async function copyText(anchor: HTMLElement, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithTextarea(anchor, text);
  }
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

/** Copies a message's text and marks it copied: `copy(id, text, button)`. Stable across renders. */
export type CopyMessage = (id: string, text: string, anchor: HTMLElement) => void;

/**
 * The copy state of a whole transcript: which message's button says "Copied" now (at most one), and
 * the function that copies. Kept once, in the list, rather than in each message's button: every
 * message of a long conversation stays mounted, and a state (hook, setter, closures) per button is
 * memory that grows with the conversation.
 *
 * @example
 * const [copied, copy] = useCopied();
 * copyButton({ copied: copied === m.id, label: "Copy", copiedLabel: "Copied", onClick: (e) => copy(m.id, m.content, e.currentTarget) });
 */
export function useCopied(): [copied: string | undefined, copy: CopyMessage] {
  const [copied, setCopied] = useState<string | undefined>(undefined);
  const [copy] = useState<CopyMessage>(() => {
    let clicks = 0; // tells the latest click's timer from an earlier one's
    const copyMessage: CopyMessage = (id, text, anchor) => {
      const click = ++clicks;
      void copyText(anchor, text).then((done) => {
        if (!done || click !== clicks) return;
        setCopied(id);
        // A state update after unmount is a no-op, so the timer needs no cleanup.
        setTimeout(() => click === clicks && setCopied(undefined), COPIED_FOR_MS);
      });
    };
    return copyMessage;
  });
  return [copied, copy];
}

/** What {@link copyButton} shows and does. */
export interface CopyButtonOptions {
  copied: boolean;
  label: string;
  copiedLabel: string;
  onClick(event: MouseEvent<HTMLButtonElement>): void;
}

/**
 * A message's copy button: a plain element, not a component, so it keeps no instance of its own (see
 * {@link useCopied}, which holds its state).
 *
 * @example
 * copyButton({ copied: false, label: "Copy", copiedLabel: "Copied", onClick: () => copy(id, text, button) });
 */
export function copyButton({ copied, label, copiedLabel, onClick }: CopyButtonOptions): ReactElement {
  return (
    <button type="button" className="rv-action" aria-label={copied ? copiedLabel : label} title={label} onClick={onClick}>
      {copied ? checkIcon() : copyIcon()}
    </button>
  );
}
