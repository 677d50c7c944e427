/**
 * Anthropic Messages streaming: named SSE events `message_start`, `ping`, then per content block
 * `content_block_start` / `content_block_delta` / `content_block_stop` (a `thinking` block with
 * `thinking_delta`s and a closing `signature_delta`, then a `text` block with `text_delta`s),
 * `message_delta` with the stop reason and usage, and `message_stop`. No `[DONE]`.
 *
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
import { randomId } from "../random.js";
import { sseEvent, type EncoderContext, type FinishInfo, type StreamEncoder } from "./stream-encoder.js";

type Block = "thinking" | "text";

/**
 * Encodes an answer as an Anthropic Messages stream.
 *
 * @example
 * const encoder = new AnthropicEncoder(context);
 * encoder.start(); // "event: message_start\ndata: {…}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\n"
 */
export class AnthropicEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream; charset=utf-8";
  readonly headers = {};
  readonly supportsReasoning = true;
  #context: EncoderContext;
  #index = -1;
  #open: Block | null = null;

  constructor(context: EncoderContext) {
    this.#context = context;
  }

  start(): string {
    const { id, model, inputTokens } = this.#context;
    const message = {
      id,
      type: "message",
      role: "assistant",
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: inputTokens, output_tokens: 1 },
    };
    return `${this.#event({ type: "message_start", message })}${this.#event({ type: "ping" })}`;
  }

  reasoning(delta: string): string {
    return `${this.#enter("thinking")}${this.#delta({ type: "thinking_delta", thinking: delta })}`;
  }

  text(delta: string): string {
    return `${this.#enter("text")}${this.#delta({ type: "text_delta", text: delta })}`;
  }

  finish({ outputTokens }: FinishInfo): string {
    return (
      this.#close() +
      this.#event({
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: outputTokens },
      }) +
      this.#event({ type: "message_stop" })
    );
  }

  error(message: string): string {
    return this.#event({ type: "error", error: { type: "overloaded_error", message } });
  }

  malformed(): string {
    return `event: content_block_delta\ndata: {"type":"content_block_delta","index":${Math.max(this.#index, 0)},"delta":{"type":"text_delta","text":"unterminated\n\n`;
  }

  /** Closes the open block if it is of another kind, and opens a block of `kind`. */
  #enter(kind: Block): string {
    if (this.#open === kind) return "";
    const closed = this.#close();
    this.#index += 1;
    this.#open = kind;
    const block = kind === "thinking" ? { type: "thinking", thinking: "" } : { type: "text", text: "" };
    return `${closed}${this.#event({ type: "content_block_start", index: this.#index, content_block: block })}`;
  }

  #close(): string {
    if (this.#open === null) return "";
    // A thinking block ends with its signature, which a client sends back on the next turn.
    const signature =
      this.#open === "thinking"
        ? this.#delta({ type: "signature_delta", signature: randomId(this.#context.random, "Eq", 86) })
        : "";
    this.#open = null;
    return `${signature}${this.#event({ type: "content_block_stop", index: this.#index })}`;
  }

  #delta(delta: Record<string, unknown>): string {
    return this.#event({ type: "content_block_delta", index: this.#index, delta });
  }

  #event(data: { type: string } & Record<string, unknown>): string {
    return sseEvent(data, data.type);
  }
}
