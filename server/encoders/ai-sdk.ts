/**
 * The Vercel AI SDK UI message stream (v1, AI SDK 5 and later): SSE `data:` events of typed JSON
 * chunks — `start`, `start-step`, `reasoning-start`/`-delta`/`-end`, `text-start`/`-delta`/`-end`
 * (each part with an `id`), `finish-step`, `finish` — then `data: [DONE]`. The response carries
 * `x-vercel-ai-ui-message-stream: v1`, which is how clients recognise it. Errors are
 * `{ type: "error", errorText }`.
 *
 * @see https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol#ui-message-stream-protocol
 */
import { randomId } from "../random.js";
import { sseEvent, type EncoderContext, type StreamEncoder } from "./stream-encoder.js";

type Part = "reasoning" | "text";

/**
 * Encodes an answer as an AI SDK UI message stream.
 *
 * @example
 * const encoder = new AiSdkEncoder(context);
 * encoder.headers; // { "x-vercel-ai-ui-message-stream": "v1" }
 */
export class AiSdkEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream";
  readonly headers = { "x-vercel-ai-ui-message-stream": "v1" };
  readonly supportsReasoning = true;
  #context: EncoderContext;
  #open: { kind: Part; id: string } | null = null;
  #parts = 0;

  constructor(context: EncoderContext) {
    this.#context = context;
  }

  start(): string {
    return sseEvent({ type: "start", messageId: this.#context.id }) + sseEvent({ type: "start-step" });
  }

  reasoning(delta: string): string {
    return this.#delta("reasoning", delta);
  }

  text(delta: string): string {
    return this.#delta("text", delta);
  }

  finish(): string {
    return `${this.#close()}${sseEvent({ type: "finish-step" })}${sseEvent({ type: "finish" })}data: [DONE]\n\n`;
  }

  error(message: string): string {
    // The SDK's SSE transform still ends the stream with [DONE] after an error chunk.
    return `${sseEvent({ type: "error", errorText: message })}data: [DONE]\n\n`;
  }

  malformed(): string {
    return `data: {"type":"text-delta","id":"${this.#open?.id ?? "txt-0"}","delta":"unterminated\n\n`;
  }

  #delta(kind: Part, delta: string): string {
    let opened = "";
    if (this.#open?.kind !== kind) {
      opened = this.#close();
      const id = `${kind === "text" ? "txt" : "rsn"}-${this.#parts++}-${randomId(this.#context.random, "", 8)}`;
      this.#open = { kind, id };
      opened += sseEvent({ type: `${kind}-start`, id });
    }
    return opened + sseEvent({ type: `${kind}-delta`, id: this.#open?.id, delta });
  }

  #close(): string {
    if (!this.#open) return "";
    const { kind, id } = this.#open;
    this.#open = null;
    return sseEvent({ type: `${kind}-end`, id });
  }
}
