/**
 * Every string `<Chat>` shows or announces, so an app can translate all of it through `labels`.
 */
import type { ChatTimings } from "../core/types.js";

/** The strings of `<Chat>`. Pass any subset as the `labels` prop; the rest stay English. */
export interface ChatLabels {
  /** Header title when no `title` prop is given. */
  title: string;
  /** Accessible name of the whole widget region. */
  region: string;
  /** Accessible name of the transcript (role="log"). */
  transcript: string;
  /** Accessible name and placeholder of the composer's textarea. */
  composer: string;
  placeholder: string;
  send: string;
  stop: string;
  newConversation: string;
  /** Accessible name of the close button (shown only when `onClose` is given). */
  close: string;
  jumpToLatest: string;
  /** Shown between a send and the first token. */
  thinking: string;
  /** Summary of the collapsed reasoning while it streams and once done. */
  reasoning: string;
  reasoningDone: string;
  toolCall: string;
  toolArguments: string;
  toolResult: string;
  copy: string;
  copied: string;
  regenerate: string;
  edit: string;
  editSubmit: string;
  editCancel: string;
  retry: string;
  /** Under an answer the user stopped. */
  stopped: string;
  /** Under an answer a page reload cut off. */
  interrupted: string;
  /** Shown when a failure has no message of its own. */
  errorFallback: string;
  /** Spoken (polite) when a reply starts streaming. */
  replyStarted: string;
  /**
   * Spoken after the beginning of a long finished answer, which is not read out whole: how much of
   * it was left out (it is in the transcript), in space-separated words and in characters (for
   * languages written without spaces).
   */
  answerContinues: (words: number, characters: number) => string;
  /** Accessible prefixes of the two kinds of message. */
  you: string;
  assistant: string;
  /** Heading of the empty state. */
  emptyTitle: string;
  suggestions: string;
  /** The `showStats` line under an answer. */
  stats: (timings: ChatTimings) => string;
}

/** The English defaults of {@link ChatLabels}. */
export const defaultChatLabels: ChatLabels = {
  title: "Chat",
  region: "Chat",
  transcript: "Conversation",
  composer: "Message",
  placeholder: "Send a message…",
  send: "Send",
  stop: "Stop",
  newConversation: "New conversation",
  close: "Close chat",
  jumpToLatest: "Jump to latest",
  thinking: "Thinking…",
  reasoning: "Reasoning…",
  reasoningDone: "Reasoning",
  toolCall: "Tool call",
  toolArguments: "Arguments",
  toolResult: "Result",
  copy: "Copy",
  copied: "Copied",
  regenerate: "Regenerate",
  edit: "Edit",
  editSubmit: "Send",
  editCancel: "Cancel",
  retry: "Retry",
  stopped: "Stopped",
  interrupted: "Interrupted",
  errorFallback: "Something went wrong.",
  replyStarted: "Reply started",
  answerContinues: (words) => `… (answer continues: ${words} more words)`,
  you: "You",
  assistant: "Assistant",
  emptyTitle: "How can I help?",
  suggestions: "Suggestions",
  stats: formatStats,
};

/**
 * The default `showStats` line: "0.42 s to first token · 38 tokens/s".
 *
 * @example
 * formatStats({ firstTokenMs: 420, totalMs: 2000, tokens: 60 }); // "0.42 s to first token · 38 tokens/s"
 */
export function formatStats(timings: ChatTimings): string {
  const parts: string[] = [];
  if (timings.firstTokenMs !== undefined) parts.push(`${(timings.firstTokenMs / 1000).toFixed(2)} s to first token`);
  const rate = tokensPerSecond(timings);
  if (rate !== undefined) parts.push(`${Math.round(rate)} tokens/s`);
  return parts.join(" · ");
}

/**
 * Tokens per second over the streaming part of an answer (after the first token).
 *
 * @example
 * tokensPerSecond({ firstTokenMs: 500, totalMs: 1500, tokens: 41 }); // 40
 */
export function tokensPerSecond(timings: ChatTimings): number | undefined {
  const streamingMs = timings.totalMs - (timings.firstTokenMs ?? 0);
  if (timings.tokens < 2 || streamingMs <= 0) return undefined;
  return ((timings.tokens - 1) * 1000) / streamingMs;
}
