/**
 * Generic Server-Sent Events, for any backend that is not a known provider: each event's `data` is
 * a JSON object with the token in `text`, and `data: [DONE]` ends the stream. A failure is an
 * `event: error` whose data is `{ "error": { "message" } }`. There is no place for reasoning, so the
 * mock writes it into the text.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { sseEvent, type StreamEncoder } from "./stream-encoder.js";

/**
 * Encodes an answer as generic SSE.
 *
 * @example
 * new SseEncoder().text(" world"); // 'data: {"text":" world"}\n\n'
 */
export class SseEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream; charset=utf-8";
  readonly headers = {};
  readonly supportsReasoning = false;

  start(): string {
    return "";
  }

  reasoning(delta: string): string {
    return this.text(delta);
  }

  text(delta: string): string {
    return sseEvent({ text: delta });
  }

  finish(): string {
    return "data: [DONE]\n\n";
  }

  error(message: string): string {
    return sseEvent({ error: { message } }, "error");
  }

  malformed(): string {
    return 'data: {"text":"unterminated\n\n';
  }
}
