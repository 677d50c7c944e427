/**
 * The contract between the driver ({@link decodeStream}) and the per-protocol adapters, plus the small
 * helpers every adapter shares. An adapter turns one frame (an SSE event, an NDJSON line or a raw text
 * chunk) into zero or more {@link ChatDelta}s; it never reads bytes and never touches the network.
 */
import { ChatError } from "../core/chat-error.js";
import type { ChatDelta, Protocol } from "../core/types.js";

/**
 * How a protocol's bytes are cut into frames.
 *
 * @example
 * const framing: Framing = new OllamaAdapter().framing; // "lines"
 */
export type Framing = "sse" | "lines" | "text";

/**
 * One frame: an SSE event (`event` is its type, `data` its joined data lines), one NDJSON line, or one
 * decoded text chunk.
 *
 * @example
 * const frame: Frame = { event: "message_stop", data: '{"type":"message_stop"}' };
 */
export interface Frame {
  event?: string;
  data: string;
}

/**
 * One wire protocol's decoder.
 *
 * @example
 * const adapter = createAdapter("openai-chat");
 * const out: ChatDelta[] = [];
 * adapter.push({ data: '{"choices":[{"index":0,"delta":{"content":"Hi"}}]}' }, out);
 * // out: [{ type: "text", text: "Hi" }]
 */
export interface ProtocolAdapter {
  readonly protocol: Protocol;
  readonly framing: Framing;
  /**
   * True once the stream said it is over (`[DONE]`, `message_stop`, `done: true`...): the driver stops
   * reading and calls {@link ProtocolAdapter.finish}.
   */
  readonly ended: boolean;
  /** Handles one frame, appending its deltas to `out`. Throws a {@link ChatError} for errors on the wire. */
  push(frame: Frame, out: ChatDelta[]): void;
  /**
   * Called once, at the clean end of the body or after `ended`: appends the final `finish` delta, or
   * throws a `"network"` {@link ChatError} when the body ended before the protocol's end marker.
   */
  finish(out: ChatDelta[]): void;
}

/**
 * Parses the JSON of one event, or throws a `"protocol"` {@link ChatError} naming the protocol.
 *
 * @example
 * parseEventJson('{"a":1}', "openai-chat"); // { a: 1 }
 */
export function parseEventJson(data: string, protocol: Protocol): unknown {
  try {
    return JSON.parse(data);
  } catch (cause) {
    const snippet = data.length > 80 ? `${data.slice(0, 80)}…` : data;
    throw new ChatError("protocol", `Malformed JSON in a ${protocol} event: ${snippet}`, { cause });
  }
}

/**
 * The error for a body that ended before the protocol's end marker: the connection dropped.
 *
 * @example
 * throw droppedConnection("anthropic", "message_stop");
 */
export function droppedConnection(protocol: Protocol, marker: string): ChatError {
  return new ChatError("network", `The connection closed before the ${protocol} stream ended (no ${marker}).`, {
    retryable: true,
  });
}

/**
 * A loosely typed JSON object, as adapters read it.
 *
 * @example
 * const chunk = JSON.parse(data) as JsonObject;
 */
export type JsonObject = Record<string, unknown>;

/**
 * Narrows `value` to a plain JSON object.
 *
 * @example
 * isObject({}); // true
 * isObject([]); // false
 */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `value[key]` when it is a string, else undefined.
 *
 * @example
 * str({ a: "x" }, "a"); // "x"
 */
export function str(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === "string" ? field : undefined;
}

/**
 * `value[key]` when it is a finite number, else undefined.
 *
 * @example
 * num({ n: 3 }, "n"); // 3
 */
export function num(value: unknown, key: string): number | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === "number" && Number.isFinite(field) ? field : undefined;
}

/**
 * `value[key]` when it is an object, else undefined.
 *
 * @example
 * obj({ o: {} }, "o"); // {}
 */
export function obj(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return isObject(field) ? field : undefined;
}

/**
 * Appends a text or reasoning delta, skipping empty strings so consumers never see a no-op delta.
 *
 * @example
 * pushText(out, "text", "Hello");
 */
export function pushText(out: ChatDelta[], type: "text" | "reasoning", text: string | undefined): void {
  if (text) out.push({ type, text });
}
