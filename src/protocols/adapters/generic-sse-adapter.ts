/**
 * The `"sse"` protocol: generic Server-Sent Events. The data of each event is the text itself, or a JSON
 * object whose `text`, `content`, `delta` or `token` string field is the text. `data: [DONE]` ends the
 * stream, but a clean end of the body without it is a normal finish too: generic servers often omit it.
 * An event named `error` (or a JSON object with only an `error`) fails the stream with its message.
 *
 * Whether a `{` that does not parse is text or broken JSON depends on the stream, as its first event
 * shows: when that was a JSON object, the stream speaks JSON and a broken object is a `"protocol"` error;
 * in a stream that began with plain text it is just text (a model writing code sends `{` and `{"` as tokens).
 */
import { ChatError } from "../../core/chat-error.js";
import type { ChatDelta } from "../../core/types.js";
import { type Frame, type ProtocolAdapter, isObject, parseEventJson, pushText, str } from "../protocol-adapter.js";

const TEXT_FIELDS = ["text", "content", "delta", "token"] as const;

/**
 * Decodes generic SSE.
 *
 * @example
 * const out: ChatDelta[] = [];
 * new GenericSseAdapter().push({ data: '{"token":"Hi"}' }, out); // out: [{ type: "text", text: "Hi" }]
 */
export class GenericSseAdapter implements ProtocolAdapter {
  readonly protocol = "sse" as const;
  readonly framing = "sse" as const;
  #ended = false;
  /** Set by the first event: does this stream speak JSON objects or plain text? */
  #json: boolean | undefined;

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    const data = frame.data;
    if (data.trim() === "[DONE]") {
      this.#ended = true;
      return;
    }
    const json = parseObject(data);
    this.#json ??= json !== undefined;
    if (!json && this.#json && data.startsWith("{")) parseEventJson(data, this.protocol);
    if (frame.event === "error") {
      throw new ChatError("provider", (json && errorMessage(json)) || data || "The server reported an error.");
    }
    if (!json) {
      // Plain text data: the token itself, spaces and all. A `{` that is not JSON is text too (code!).
      pushText(out, "text", data);
      return;
    }
    for (const field of TEXT_FIELDS) {
      const text = str(json, field);
      if (text !== undefined) {
        pushText(out, "text", text);
        return;
      }
    }
    const message = errorMessage(json);
    if (message) throw new ChatError("provider", message);
    // Any other object (a keep-alive, metadata) carries no text.
  };

  finish = (out: ChatDelta[]): void => {
    out.push({ type: "finish" });
  };
}

function parseObject(data: string): Record<string, unknown> | undefined {
  if (!data.startsWith("{")) return undefined;
  try {
    const json: unknown = JSON.parse(data);
    return isObject(json) ? json : undefined;
  } catch {
    return undefined;
  }
}

function errorMessage(json: Record<string, unknown>): string | undefined {
  const error = json.error;
  if (typeof error === "string") return error;
  return str(error, "message") ?? str(json, "message");
}
