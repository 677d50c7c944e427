/**
 * Ollama `/api/chat` streaming: newline-delimited JSON (`application/x-ndjson`), one object per
 * line with `message.content` (and `message.thinking` for a thinking model) and `done: false`; the
 * last line has `done: true`, `done_reason` and the timing and token counts. An error is a line
 * `{"error": "…"}`.
 *
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
import type { EncoderContext, FinishInfo, StreamEncoder } from "./stream-encoder.js";

/**
 * Encodes an answer as an Ollama NDJSON stream.
 *
 * @example
 * const encoder = new OllamaEncoder(context);
 * encoder.text("Hi"); // '{"model":"llama3.2","created_at":"…","message":{"role":"assistant","content":"Hi"},"done":false}\n'
 */
export class OllamaEncoder implements StreamEncoder {
  readonly contentType = "application/x-ndjson";
  readonly headers = {};
  readonly supportsReasoning = true;
  #context: EncoderContext;

  constructor(context: EncoderContext) {
    this.#context = context;
  }

  start(): string {
    return "";
  }

  reasoning(delta: string): string {
    return this.#line({ message: { role: "assistant", content: "", thinking: delta }, done: false });
  }

  text(delta: string): string {
    return this.#line({ message: { role: "assistant", content: delta }, done: false });
  }

  finish({ outputTokens }: FinishInfo): string {
    // Durations are in nanoseconds, as Ollama reports them.
    const elapsedNs = Math.max(1, Date.now() - this.#context.createdMs) * 1e6;
    return this.#line({
      message: { role: "assistant", content: "" },
      done_reason: "stop",
      done: true,
      total_duration: elapsedNs + 2e7,
      load_duration: 1e7,
      prompt_eval_count: this.#context.inputTokens,
      prompt_eval_duration: 1e7,
      eval_count: outputTokens,
      eval_duration: elapsedNs,
    });
  }

  error(message: string): string {
    return `${JSON.stringify({ error: message })}\n`;
  }

  malformed(): string {
    return `{"model":"${this.#context.model}","message":{"role":"assistant","content":"unterminated\n`;
  }

  #line(fields: Record<string, unknown>): string {
    return `${JSON.stringify({ model: this.#context.model, created_at: new Date().toISOString(), ...fields })}\n`;
  }
}
