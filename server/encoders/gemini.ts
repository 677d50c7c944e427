/**
 * Gemini `streamGenerateContent?alt=sse`: one `data:` event per chunk, each a whole
 * `GenerateContentResponse` (`candidates[0].content.parts[]`, thought parts flagged
 * `thought: true`, `usageMetadata`, `modelVersion`, `responseId`); the last chunk carries
 * `finishReason: "STOP"`. Google's servers end every line with CRLF, so this does too. No `[DONE]`.
 *
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
import { sseEvent, type EncoderContext, type FinishInfo, type StreamEncoder } from "./stream-encoder.js";

const CRLF = "\r\n";

/**
 * Encodes an answer as a Gemini SSE stream.
 *
 * @example
 * const encoder = new GeminiEncoder(context);
 * encoder.text("Hi"); // 'data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"index":0}],…}\r\n\r\n'
 */
export class GeminiEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream";
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
    return this.#chunk({ text: delta, thought: true });
  }

  text(delta: string): string {
    return this.#chunk({ text: delta });
  }

  finish({ outputTokens, reasoningTokens }: FinishInfo): string {
    const { inputTokens } = this.#context;
    const usage = {
      promptTokenCount: inputTokens,
      candidatesTokenCount: outputTokens - reasoningTokens,
      totalTokenCount: inputTokens + outputTokens,
      ...(reasoningTokens > 0 ? { thoughtsTokenCount: reasoningTokens } : {}),
    };
    return this.#chunk({ text: "" }, { finishReason: "STOP" }, usage);
  }

  error(message: string): string {
    return sseEvent({ error: { code: 503, message, status: "UNAVAILABLE" } }, undefined, CRLF);
  }

  malformed(): string {
    return `data: {"candidates":[{"content":{"parts":[{"text":"unterminated${CRLF}${CRLF}`;
  }

  #chunk(part: Record<string, unknown>, extra: Record<string, unknown> = {}, usage?: Record<string, unknown>): string {
    const { id, model, inputTokens } = this.#context;
    return sseEvent(
      {
        candidates: [{ content: { parts: [part], role: "model" }, ...extra, index: 0 }],
        usageMetadata: usage ?? { promptTokenCount: inputTokens, totalTokenCount: inputTokens },
        modelVersion: model,
        responseId: id,
      },
      undefined,
      CRLF,
    );
  }
}
