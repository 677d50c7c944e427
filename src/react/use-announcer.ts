import { useState } from "react";
import type { ChatMessage, ChatStatus } from "../core/types.js";
import { detach } from "../markdown/detach.js";
import type { ChatLabels } from "./chat-labels.js";

/**
 * Longest answer announced whole, in characters: about a minute of speech at a screen reader's usual
 * rate, so a typical answer is read whole, and a 100 KB one does not hold the reader for an hour.
 */
export const ANNOUNCE_MAX = 2000;
/** The longest run of whole sentences that fits (but not a sliver), else of whole words. */
const SENTENCES = new RegExp(`^.{${ANNOUNCE_MAX / 2 - 1},${ANNOUNCE_MAX - 2}}[.!?](?= )`);
const WORDS = new RegExp(`^.{1,${ANNOUNCE_MAX}}(?= )`);

/**
 * What the status region says for a finished answer: its text with the markdown a screen reader
 * would spell out dropped (fence lines, heading and quote markers, `**`, backticks, link URLs), whole
 * when short, else its first sentences (or words) up to {@link ANNOUNCE_MAX} characters followed by
 * `labels.answerContinues`.
 *
 * @example
 * announceAnswer("# Hi\n\nUse `npm start`.", defaultChatLabels); // "Hi Use npm start."
 */
export function announceAnswer(content: string, labels: Pick<ChatLabels, "answerContinues">): string {
  const plain = content
    .replace(/^ *(```|~~~).*$|^ *(#+|>) *|\*\*|__|`/gm, "")
    .replace(/\[([^\]]{0,200})\]\([^)]{0,2000}\)/g, "$1") // bounded: "[[[[…" must not cost n²
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= ANNOUNCE_MAX) return plain;
  const head = (SENTENCES.exec(plain) ?? WORDS.exec(plain) ?? [plain.slice(0, ANNOUNCE_MAX)])[0];
  const rest = plain.slice(head.length).trim();
  // Detached: the announcement is kept in state, and a piece of `plain` would keep all of it.
  return detach(`${head} ${labels.answerContinues(rest.split(" ").length, rest.length)}`);
}

/**
 * The text of a polite status region: "Reply started" when an answer begins to stream, then the
 * finished answer, once (a long one cut short, see {@link announceAnswer}). Tokens are never
 * announced one by one; errors are not announced here (they render in `role="alert"`).
 *
 * @example
 * const announcement = useAnnouncer(messages, status, labels);
 * <div role="status" aria-live="polite">{announcement}</div>
 */
export function useAnnouncer(
  messages: readonly ChatMessage[],
  status: ChatStatus,
  labels: Pick<ChatLabels, "replyStarted" | "stopped" | "answerContinues">,
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
        const content = announceAnswer(last.content, labels);
        setText(last.state === "aborted" ? [content, labels.stopped].filter(Boolean).join(" — ") : content);
      }
    }
  }

  return text;
}
