/**
 * `"auto"` over SSE: the framing is known (the content type said `text/event-stream`, or the body began
 * like SSE), but the protocol is not. The first event decides; every event then goes to that adapter.
 */
import { ChatError } from "../../core/chat-error.js";
import type { ChatDelta, Protocol } from "../../core/types.js";
import { detectFromEvent } from "../detect-protocol.js";
import type { Frame, ProtocolAdapter } from "../protocol-adapter.js";

/**
 * Delegates to the adapter the first event picks.
 *
 * @example
 * const adapter = new AutoSseAdapter(createAdapter);
 * adapter.push({ data: '{"choices":[]}' }, out); // now adapter.protocol === "openai-chat"
 */
export class AutoSseAdapter implements ProtocolAdapter {
  readonly framing = "sse" as const;
  #create: (protocol: Protocol) => ProtocolAdapter;
  #inner: ProtocolAdapter | undefined;

  constructor(create: (protocol: Protocol) => ProtocolAdapter) {
    this.#create = create;
  }

  /** The detected protocol; `"sse"` until the first event arrives. */
  get protocol(): Protocol {
    return this.#inner?.protocol ?? "sse";
  }

  get ended(): boolean {
    return this.#inner?.ended ?? false;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    this.#inner ??= this.#create(detectFromEvent(frame));
    this.#inner.push(frame, out);
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#inner) {
      throw new ChatError("network", "The connection closed before the stream sent any event.", { retryable: true });
    }
    this.#inner.finish(out);
  };
}
