/**
 * `decodeStream`: any LLM answer stream to {@link ChatDelta}s. The decoder itself (framers, every
 * protocol adapter, eventsource-parser: about 7 KB gzip) is in decode-body.ts, loaded with import() the
 * first time a stream is decoded, so a page that shows a chat does not load it before the chat can render.
 * {@link loadStreamDecoder} starts that load earlier: the fetch transport calls it as it sends, so the
 * module arrives while the request is in flight and the first token is not delayed.
 * In dist/rivulet.js the import() is inlined: it resolves a microtask later and fetches nothing.
 */
import { ChatError } from "../core/chat-error.js";
import type { ChatDelta, Protocol } from "../core/types.js";

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

type Decoder = typeof import("./decode-body.js");

let decoder: Decoder | undefined;
let loading: Promise<Decoder> | undefined;

/**
 * Loads the stream decoder (once; later calls return the same promise). {@link decodeStream} calls it
 * itself; calling it sooner (when a request is sent) overlaps the load with the request. A load that
 * fails (offline, a deploy that removed the chunk) rejects with a retryable `"network"` ChatError, and
 * the next call tries again.
 *
 * @example
 * void loadStreamDecoder().catch(() => {}); // decodeStream reports a failure itself
 * const response = await fetch(url, init);
 */
export function loadStreamDecoder(): Promise<Decoder> {
  loading ??= import("./decode-body.js").then(
    (module) => (decoder = module),
    (cause: unknown) => {
      loading = undefined;
      throw new ChatError("network", "Could not load rivulet's stream decoder. Check the connection and try again.", {
        retryable: true,
        cause,
      });
    },
  );
  return loading;
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
  // Loaded already (every stream but a page's first): no extra await, the decoder runs as it always did.
  if (decoder) return decoder.decodeBody(source, options);
  void loadStreamDecoder().catch(() => {}); // starts now, not at the first next(); the failure is reported there
  return decodeLoaded(source, options);
}

async function* decodeLoaded(
  source: Response | ReadableStream<Uint8Array>,
  options: DecodeStreamOptions,
): AsyncGenerator<ChatDelta, void, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const original = isResponse(source) ? source.body : source;
  const body = original && readAhead(original);
  let loaded: Decoder;
  try {
    loaded = await untilAborted(loadStreamDecoder(), signal);
  } catch (error) {
    // Aborted while loading, or the load failed: the body is released as any other failure releases it.
    await body?.cancel().catch(() => {});
    throw error;
  }
  yield* loaded.decodeBody(source, options, body);
}

/**
 * `body`, read from now on while the decoder loads, and replayed to it in order. The reading cannot wait
 * for the decoder: a connection that drops errors its stream, and an errored stream discards the chunks it
 * had queued, so the text received before the drop would be lost. From the decoder's first read on, the
 * body is read on demand again, as it is when the decoder was loaded already.
 */
function readAhead(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  // The reads made ahead, in order; each settles with its chunk even if the stream errors later.
  const early: Promise<ReadableStreamReadResult<Uint8Array>>[] = [];
  let ahead = true;
  void (async () => {
    // `ahead` turns false from the stream below, between two reads (the loop cannot see that).
    for (;;) {
      if (!ahead) return;
      const read = reader.read();
      early.push(read);
      const result = await read.catch(() => undefined); // the decoder meets the error at its turn
      if (!result || result.done) return;
    }
  })();
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        ahead = false;
        const { done, value } = await (early.shift() ?? reader.read());
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => {
        ahead = false;
        return reader.cancel(reason);
      },
    },
    // No read before the decoder asks: a pull at construction would end the reading ahead at once.
    { highWaterMark: 0 },
  );
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/**
 * Duck-typed, so a Response from another realm or a fetch polyfill is recognised too.
 *
 * @example
 * isResponse(await fetch(url)); // true
 */
export function isResponse(source: Response | ReadableStream<Uint8Array>): source is Response {
  return typeof (source as Response).status === "number" && typeof (source as Response).headers === "object";
}
