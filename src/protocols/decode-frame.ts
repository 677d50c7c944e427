/**
 * Per-frame decoding, for transports that deliver an answer as discrete messages (a WebSocket) rather
 * than as a byte stream. Each frame carries one payload: a JSON object that one of the protocol adapters
 * understands (an OpenAI chunk, an AI SDK part, an Anthropic event, an Ollama line...) or a string. The
 * first object picks the protocol, as the first event does for SSE; every later frame goes to that adapter.
 */
import { ChatError } from "../core/chat-error.js";
import type { ChatDelta, Protocol } from "../core/types.js";
import { createAdapter } from "./create-adapter.js";
import { detectFromEvent } from "./detect-protocol.js";
import { isObject, type ProtocolAdapter } from "./protocol-adapter.js";

/** Options of a {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** The protocol of the payloads, or `"auto"` (default) to detect it from the first JSON object. */
  protocol?: Protocol | "auto";
}

/**
 * Which adapter one JSON payload belongs to. Ollama's NDJSON lines are not SSE events, so the SSE
 * detection would call them generic: they are recognised first, by their `done` flag and their
 * `message` or `response` field.
 *
 * @example
 * detectFromPayload({ choices: [{ index: 0, delta: { content: "Hi" } }] }); // "openai-chat"
 * detectFromPayload({ message: { role: "assistant", content: "Hi" }, done: false }); // "ollama"
 */
export function detectFromPayload(payload: Record<string, unknown>): Protocol {
  if (typeof payload.done === "boolean" && (isObject(payload.message) || typeof payload.response === "string")) {
    return "ollama";
  }
  return detectFromEvent({ data: JSON.stringify(payload) });
}

/**
 * Turns the payloads of one answer, frame by frame, into {@link ChatDelta}s. Stateful (the adapters
 * remember tool-call ids and finish reasons), so use one per answer.
 *
 * - An object goes to the protocol adapter, detected from the first object unless `protocol` is given.
 * - A string is event data, as an SSE `data:` line would be. A first payload that is a string makes
 *   the answer generic `"sse"`, as a first SSE event of plain text does: strings are its text, and
 *   `"[DONE]"` ends it. After a JSON protocol was detected or given, a string is that protocol's
 *   JSON (so broken JSON is a `"protocol"` error).
 * - Anything else is a `"protocol"` {@link ChatError}.
 *
 * @example
 * const decoder = new FrameDecoder();
 * const out: ChatDelta[] = [];
 * decoder.push({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi" } }, out);
 * decoder.push({ type: "message_stop" }, out);
 * decoder.finish(out); // out: [{ type: "text", text: "Hi" }, { type: "finish" }]
 */
export class FrameDecoder {
  #adapter: ProtocolAdapter | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    const { protocol = "auto" } = options;
    if (protocol !== "auto") this.#adapter = createAdapter(protocol);
  }

  /** The protocol in use: the given one, the detected one, or `undefined` before the first object. */
  get protocol(): Protocol | undefined {
    return this.#adapter?.protocol;
  }

  /** True once a payload said the answer is over (`message_stop`, `[DONE]`, `done: true`...). */
  get ended(): boolean {
    return this.#adapter?.ended ?? false;
  }

  /** Decodes one frame's payload, appending its deltas to `out`. Throws a {@link ChatError} for errors on the wire. */
  push = (payload: unknown, out: ChatDelta[]): void => {
    if (typeof payload === "string") {
      // As with SSE, a stream that starts with text is generic SSE: text, until `[DONE]`.
      this.#adapter ??= createAdapter(detectFromEvent({ data: payload }));
      this.#adapter.push({ data: payload }, out);
      return;
    }
    if (!isObject(payload)) {
      const kind = payload === null ? "null" : Array.isArray(payload) ? "an array" : typeof payload;
      throw new ChatError("protocol", `A frame's payload must be a JSON object or a string, got ${kind}.`);
    }
    this.#adapter ??= createAdapter(detectFromPayload(payload));
    this.#adapter.push({ data: JSON.stringify(payload) }, out);
  };

  /**
   * Ends the answer: appends the final `finish` delta (with the reason and usage the payloads carried).
   * The transport already knows the answer is complete (the server said so), so a missing protocol end
   * marker (`[DONE]`, `message_stop`) is not an error here, as it is at the end of a byte stream.
   */
  finish = (out: ChatDelta[]): void => {
    const adapter = this.#adapter;
    if (!adapter) {
      out.push({ type: "finish" });
      return;
    }
    const tail: ChatDelta[] = [];
    try {
      adapter.finish(tail);
    } catch (error) {
      if (!(error instanceof ChatError) || error.type !== "network") throw error;
      tail.push({ type: "finish" });
    }
    out.push(...tail);
  };
}

/**
 * Decodes the payloads of a whole answer at once: each pushed, then finished. For tests, and for
 * servers that relay recorded frames.
 *
 * @example
 * decodeFrames(["Hello", " world"]); // [{ type: "text", text: "Hello" }, { type: "text", text: " world" }, { type: "finish" }]
 */
export function decodeFrames(payloads: Iterable<unknown>, options: FrameDecoderOptions = {}): ChatDelta[] {
  const decoder = new FrameDecoder(options);
  const out: ChatDelta[] = [];
  for (const payload of payloads) decoder.push(payload, out);
  decoder.finish(out);
  return out;
}
