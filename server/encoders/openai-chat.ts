/**
 * OpenAI Chat Completions streaming: `data: <chat.completion.chunk>` events, a final chunk with
 * `finish_reason`, a usage chunk with empty `choices` (as with `stream_options.include_usage`), then
 * `data: [DONE]`. Reasoning goes in `delta.reasoning_content`, as DeepSeek, vLLM and other
 * OpenAI-compatible servers send it (OpenAI's own API does not stream reasoning here).
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
import { sseEvent, type EncoderContext, type FinishInfo, type StreamEncoder } from "./stream-encoder.js";

/**
 * Encodes an answer as an OpenAI Chat Completions stream.
 *
 * @example
 * const encoder = new OpenAIChatEncoder(context);
 * encoder.text("Hi"); // 'data: {"id":"chatcmpl-…","object":"chat.completion.chunk",…}\n\n'
 */
export class OpenAIChatEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream; charset=utf-8";
  readonly headers = {};
  readonly supportsReasoning = true;
  #context: EncoderContext;

  constructor(context: EncoderContext) {
    this.#context = context;
  }

  start(): string {
    return this.#chunk({ role: "assistant", content: "", refusal: null });
  }

  reasoning(delta: string): string {
    return this.#chunk({ reasoning_content: delta });
  }

  text(delta: string): string {
    return this.#chunk({ content: delta });
  }

  finish({ outputTokens, reasoningTokens }: FinishInfo): string {
    const { inputTokens } = this.#context;
    const usage = {
      prompt_tokens: inputTokens,
      completion_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
      completion_tokens_details: { reasoning_tokens: reasoningTokens },
    };
    return `${this.#chunk({}, "stop")}${sseEvent({ ...this.#head(), choices: [], usage })}data: [DONE]\n\n`;
  }

  error(message: string): string {
    return sseEvent({ error: { message, type: "server_error", param: null, code: "server_error" } });
  }

  malformed(): string {
    // The chunk is cut inside a string, as a broken proxy would cut it.
    return `data: ${JSON.stringify(this.#head()).slice(0, -1)},"choices":[{"index":0,"delta":{"content":"unterminated\n\n`;
  }

  #head() {
    const { id, model, createdMs } = this.#context;
    return {
      id,
      object: "chat.completion.chunk",
      created: Math.floor(createdMs / 1000),
      model,
      system_fingerprint: "fp_rivulet",
    };
  }

  #chunk(delta: Record<string, unknown>, finishReason: string | null = null): string {
    return sseEvent({ ...this.#head(), choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  }
}
