/**
 * `decodeStream`: any LLM answer stream to {@link ChatDelta}s. It wires the stages together —
 * decode ({@link TextReader}) → frame ({@link SseFramer} | {@link LineFramer} | raw text) → protocol adapter —
 * and owns the rules that cut across them: detection, error order, abort and cancellation.
 */
import { ChatError } from "../core/chat-error.js";
import type { ChatDelta, Protocol } from "../core/types.js";
import { AutoSseAdapter } from "./adapters/auto-sse-adapter.js";
import { createAdapter } from "./create-adapter.js";
import { type Decided, detectFromBody, detectFromHeaders } from "./detect-protocol.js";
import { errorFromResponse } from "./http-error.js";
import { LineFramer } from "./line-framer.js";
import type { Frame, ProtocolAdapter } from "./protocol-adapter.js";
import { SseFramer } from "./sse-framer.js";
import { TextReader } from "./text-reader.js";

/**
 * Options of {@link decodeStream}.
 *
 * @example
 * const options: DecodeStreamOptions = { protocol: "anthropic", signal: controller.signal, idleTimeoutMs: 30_000 };
 */
export interface DecodeStreamOptions {
  /** The wire protocol, or `"auto"` (default) to detect it from the headers and the first event. */
  protocol?: Protocol | "auto";
  /** Aborting it stops the iteration at once (it rejects with the signal's reason) and cancels the body. */
  signal?: AbortSignal;
  /** Fail with a `"timeout"` ChatError when no byte arrives for this long. Default 60 000 ms; 0 disables. */
  idleTimeoutMs?: number;
}

interface Framer {
  feed(text: string): Frame[];
  end(): Frame[];
}

/**
 * Decodes a streamed answer into deltas.
 *
 * Every delta the body carried is yielded before any error is thrown. Errors are {@link ChatError}s:
 * `"http"` for a non-2xx response (with the provider's own message and `retryAfterMs`), `"protocol"` for
 * an HTML page or malformed JSON, `"provider"` for an error event, `"network"` when the connection
 * breaks or closes before the protocol's end marker, `"timeout"` when no byte comes for `idleTimeoutMs`.
 * An aborted `signal` rejects with the signal's reason (an `AbortError`), not a ChatError. Leaving the
 * loop early (`break`) or aborting cancels the body, which closes the connection. A successful stream
 * ends with exactly one `finish` delta.
 *
 * @example
 * const response = await fetch("/api/chat", { method: "POST", body, signal });
 * for await (const delta of decodeStream(response, { signal })) {
 *   if (delta.type === "text") output.append(delta.text);
 * }
 */
export function decodeStream(
  source: Response | ReadableStream<Uint8Array>,
  options: DecodeStreamOptions = {},
): AsyncIterable<ChatDelta> {
  return decode(source, options);
}

async function* decode(
  source: Response | ReadableStream<Uint8Array>,
  options: DecodeStreamOptions,
): AsyncGenerator<ChatDelta, void, undefined> {
  const { signal, protocol = "auto" } = options;
  signal?.throwIfAborted();
  const response = isResponse(source) ? source : undefined;
  if (response && !response.ok) {
    const error = await errorFromResponse(response, signal, options.idleTimeoutMs);
    signal?.throwIfAborted();
    throw error;
  }
  const fromHeaders = response ? detectFromHeaders(response.headers) : undefined;
  if (fromHeaders && "html" in fromHeaders) {
    await response?.body?.cancel().catch(() => {});
    throw htmlError();
  }
  const plain = protocol === "auto" && fromHeaders !== undefined && "sniff" in fromHeaders;
  const decided: Decided | undefined =
    protocol !== "auto" ? { protocol } : fromHeaders && !("sniff" in fromHeaders) ? fromHeaders : undefined;
  const body = response ? response.body : (source as ReadableStream<Uint8Array>);
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

/** Duck-typed, so a Response from another realm or a fetch polyfill is recognised too. */
function isResponse(source: Response | ReadableStream<Uint8Array>): source is Response {
  return typeof (source as Response).status === "number" && typeof (source as Response).headers === "object";
}
