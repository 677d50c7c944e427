/**
 * Plain text: the answer's bytes and nothing else (`text/plain; charset=utf-8`), as a bare
 * `fetch` stream or the AI SDK's text stream sends it. The end of the body is the end of the answer;
 * there is no error event, so an error can only cut the connection, and "malformed" can only mean
 * bytes that are not UTF-8.
 */
import type { StreamEncoder } from "./stream-encoder.js";

/**
 * Encodes an answer as plain text.
 *
 * @example
 * new PlainTextEncoder().text("Hi"); // "Hi"
 */
export class PlainTextEncoder implements StreamEncoder {
  readonly contentType = "text/plain; charset=utf-8";
  readonly headers = {};
  readonly supportsReasoning = false;

  start(): string {
    return "";
  }

  reasoning(delta: string): string {
    return delta;
  }

  text(delta: string): string {
    return delta;
  }

  finish(): string {
    return "";
  }

  error(): null {
    return null;
  }

  malformed(): Uint8Array {
    // A lone continuation byte and two bytes that never occur in UTF-8.
    return Uint8Array.of(0x80, 0xfe, 0xff);
  }
}
