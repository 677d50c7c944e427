import type { ChatDelta, ChatMessage, ToolCall, Usage } from "./types.js";

/**
 * The mutable side of an answer being written. Appending a delta is O(1) (string concatenation and a
 * map lookup); the immutable {@link ChatMessage} is built only when someone reads a snapshot, so a
 * burst of tokens between two frames costs one object, not one per token.
 *
 * @example
 * const draft = new AnswerDraft();
 * draft.append({ type: "text", text: "Hel" });
 * draft.append({ type: "text", text: "lo" });
 * draft.toMessage(base).content; // "Hello"
 */
export class AnswerDraft {
  #content: string;
  #reasoning: string | undefined;
  readonly #toolCalls = new Map<string, ToolCall>();
  #finishReason: string | undefined;
  #usage: Usage | undefined;
  /** Text and reasoning deltas received, for `onFinish` timings. */
  tokens = 0;

  constructor(start?: { content?: string; reasoning?: string }) {
    this.#content = start?.content ?? "";
    this.#reasoning = start?.reasoning;
  }

  /** Applies one delta. Returns false when it changed nothing (an empty text), so no snapshot is due. */
  append(delta: ChatDelta): boolean {
    switch (delta.type) {
      case "text":
        if (delta.text === "") return false;
        this.#content += delta.text;
        this.tokens += 1;
        return true;
      case "reasoning":
        if (delta.text === "") return false;
        this.#reasoning = (this.#reasoning ?? "") + delta.text;
        this.tokens += 1;
        return true;
      case "tool-call": {
        // Tool-call arguments arrive in pieces that share an id; the name comes with the first piece.
        const previous = this.#toolCalls.get(delta.id);
        this.#toolCalls.set(delta.id, {
          id: delta.id,
          ...((delta.name ?? previous?.name) === undefined ? {} : { name: delta.name ?? previous?.name }),
          argsText: (previous?.argsText ?? "") + delta.argsText,
        });
        return true;
      }
      case "finish":
        if (delta.reason !== undefined) this.#finishReason = delta.reason;
        if (delta.usage !== undefined) this.#usage = { ...this.#usage, ...delta.usage };
        return delta.reason !== undefined || delta.usage !== undefined;
      default:
        return false;
    }
  }

  /** The answer so far as an immutable message built on `base` (id, role, createdAt, state). */
  toMessage(base: ChatMessage): ChatMessage {
    const message: ChatMessage = { ...base, content: this.#content };
    if (this.#reasoning !== undefined) message.reasoning = this.#reasoning;
    if (this.#toolCalls.size > 0) message.toolCalls = [...this.#toolCalls.values()];
    if (this.#finishReason !== undefined) message.finishReason = this.#finishReason;
    if (this.#usage !== undefined) message.usage = this.#usage;
    return message;
  }
}
