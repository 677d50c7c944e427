import { useState } from "react";
import type { ChatMessage, ChatStatus } from "../core/types.js";
import type { ChatLabels } from "./chat-labels.js";

/**
 * The text of a polite status region: "Reply started" when an answer begins to stream, then the
 * finished answer, once. Tokens are never announced one by one; errors are not announced here (they
 * render in `role="alert"`).
 *
 * @example
 * const announcement = useAnnouncer(messages, status, labels);
 * <div role="status" aria-live="polite">{announcement}</div>
 */
export function useAnnouncer(
  messages: readonly ChatMessage[],
  status: ChatStatus,
  labels: Pick<ChatLabels, "replyStarted" | "stopped">,
): string {
  const [text, setText] = useState("");
  const [previous, setPrevious] = useState(status);

  // Derived from a status transition during render (React's "adjusting state when a prop changes"),
  // so the announcement lands in the same commit as the change it describes.
  if (messages.length === 0 && text !== "") setText(""); // a new conversation: nothing to repeat
  if (previous !== status) {
    setPrevious(status);
    if (status === "streaming") {
      setText(labels.replyStarted);
    } else if (status === "ready" && (previous === "streaming" || previous === "submitted")) {
      const last = messages.at(-1);
      if (last?.role === "assistant") {
        const content = last.content.trim();
        setText(last.state === "aborted" ? [content, labels.stopped].filter(Boolean).join(" — ") : content);
      }
    }
  }

  return text;
}
