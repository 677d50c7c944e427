/**
 * The stream decoder behind {@link decodeStream}: decode ({@link TextReader}) → frame ({@link SseFramer} |
 * {@link LineFramer} | raw text) → protocol adapter, and the rules that cut across them: detection,
 * error order, abort and cancellation. decode-stream.ts loads this module with import() (it is most of
 * the protocol code: every adapter, both framers, eventsource-parser), so a page that shows a chat loads
 * it when the first message is sent, not before the chat can render.
 */
import { ChatError } from "../core/chat-error.js";
import type { ChatDelta } from "../core/types.js";
import { AutoSseAdapter } from "./adapters/auto-sse-adapter.js";
import { createAdapter } from "./create-adapter.js";
import { type DecodeStreamOptions, isResponse } from "./decode-stream.js";
import { type Decided, detectFromBody, detectFromHeaders } from "./detect-protocol.js";
import { errorFromResponse } from "./http-error.js";
import { LineFramer } from "./line-framer.js";
import type { Frame, ProtocolAdapter } from "./protocol-adapter.js";
import { SseFramer } from "./sse-framer.js";
import { TextReader } from "./text-reader.js";

interface Framer {
  feed(text: string): Frame[];
  end(): Frame[];
}

/**
 * What {@link decodeStream} does once this module is loaded: every delta the body carried is yielded
 * before any error is thrown (see decodeStream for the errors).
 *
 * @param bytes - the bytes to read instead of the source's body: what decodeStream began to read while
 *   this module loaded (the response still gives the status and the headers).
 *
 * @example
 * for await (const delta of decodeBody(response, { signal })) render(delta);
 */
export async function* decodeBody(
  source: Response | ReadableStream<Uint8Array>,
  options: DecodeStreamOptions,
  bytes?: ReadableStream<Uint8Array> | null,
): AsyncGenerator<ChatDelta, void, undefined> {
  const { signal, protocol = "auto" } = options;
  signal?.throwIfAborted();
  const response = isResponse(source) ? source : undefined;
  if (response && !response.ok) {
    const error = await errorFromResponse(response, signal, options.idleTimeoutMs, bytes);
    signal?.throwIfAborted();
    throw error;
  }
  const fromHeaders = response ? detectFromHeaders(response.headers) : undefined;
  if (fromHeaders && "html" in fromHeaders) {
    await (bytes === undefined ? response?.body : bytes)?.cancel().catch(() => {});
    throw htmlError();
  }
  const plain = protocol === "auto" && fromHeaders !== undefined && "sniff" in fromHeaders;
  const decided: Decided | undefined =
    protocol !== "auto" ? { protocol } : fromHeaders && !("sniff" in fromHeaders) ? fromHeaders : undefined;
  const body = bytes !== undefined ? bytes : response ? response.body : (source as ReadableStream<Uint8Array>);
  const reader = new TextReader(body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() }), {
    signal,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  let stage = decided ? createStage(decided) : undefined;
  let head = "";
  let out: ChatDelta[] = [];
  try {
    for (;;) {
      const text = await reader.read();
      const atEnd = text === null;
      let chunk = text ?? "";
      if (!stage) {
        // No content type to go by (or text/plain): keep the first characters until they tell SSE, NDJSON,
        // HTML or text. This runs only until a decision, on a few characters.
        head += chunk;
        const detection = detectFromBody(head, atEnd, plain);
        if (!detection) continue;
        if ("html" in detection) throw htmlError();
        stage = createStage(detection);
        chunk = head;
        head = "";
      }
      const { framer, adapter } = stage;
      let failure: unknown;
      try {
        const frames = framer.feed(chunk);
        for (const frame of atEnd ? [...frames, ...framer.end()] : frames) {
          adapter.push(frame, out);
          if (adapter.ended) break;
        }
        if (atEnd || adapter.ended) adapter.finish(out);
      } catch (error) {
        failure = error;
      }
      // Swap before yielding, so a consumer that resumes us later finds a clean buffer.
      const ready = out;
      out = [];
      for (const delta of ready) {
        if (signal?.aborted) {
          await reader.cancel(signal.reason);
          throw signal.reason;
        }
        yield delta;
      }
      if (failure !== undefined) throw failure;
      if (atEnd || adapter.ended) return;
    }
  } finally {
    // A `break` in the consumer's loop, an error, an end marker before the end of the body: release the body.
    await reader.cancel();
  }
}

function createStage(detection: Decided): {
  framer: Framer;
  adapter: ProtocolAdapter;
} {
  const adapter = "protocol" in detection ? createAdapter(detection.protocol) : new AutoSseAdapter(createAdapter);
  const framer: Framer =
    adapter.framing === "sse" ? new SseFramer() : adapter.framing === "lines" ? new LineFramer() : RAW_TEXT;
  return { framer, adapter };
}

/** The `"text"` framing: every decoded chunk is a frame of its own. */
const RAW_TEXT: Framer = {
  feed: (text) => (text ? [{ data: text }] : []),
  end: () => [],
};

function htmlError(): ChatError {
  return new ChatError(
    "protocol",
    "The server answered with an HTML page, not a stream of the answer. Is the endpoint URL right?",
  );
}
