/**
 * The decode stage: bytes from a body reader to UTF-8 text, one read at a time. It owns the three ways a
 * read can end early (the caller's abort signal, the idle timeout, a failing connection) and the body
 * reader's cancellation, so the adapters above it only ever see text.
 */
import { ChatError } from "../core/chat-error.js";

/**
 * Options of a {@link TextReader}.
 *
 * @example
 * new TextReader(body, { signal: controller.signal, idleTimeoutMs: 10_000 });
 */
export interface TextReaderOptions {
  signal?: AbortSignal;
  /** Fail with a `"timeout"` ChatError when a read waits longer than this. `0` or `Infinity` disables it. */
  idleTimeoutMs?: number;
}

/**
 * Reads a byte stream as text. UTF-8 is decoded as a stream, so a character split across two reads comes
 * out whole (a streaming `TextDecoder` keeps the partial bytes). A leading BOM is dropped.
 *
 * @example
 * const reader = new TextReader(response.body!, { signal, idleTimeoutMs: 30_000 });
 * for (let text = await reader.read(); text !== null; text = await reader.read()) console.log(text);
 */
export class TextReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #decoder = new TextDecoder("utf-8");
  #signal: AbortSignal | undefined;
  #idleTimeoutMs: number;
  #done = false;

  constructor(body: ReadableStream<Uint8Array>, options: TextReaderOptions = {}) {
    this.#reader = body.getReader();
    this.#signal = options.signal;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  /** True once the body ended or was cancelled. */
  get done(): boolean {
    return this.#done;
  }

  /**
   * The next piece of text, `""` when a read carried only part of a character, or `null` at the end.
   * Rejects with the signal's reason on abort, and with a ChatError on a timeout or a broken connection;
   * in each case the body is cancelled first, so the server sees the connection close.
   */
  read = async (): Promise<string | null> => {
    if (this.#done) return null;
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      result = await this.#race(this.#reader.read());
    } catch (error) {
      await this.cancel(error);
      throw this.#wrap(error);
    }
    if (result.done) {
      this.#done = true;
      // Flush: a character cut off by the end of the body becomes U+FFFD rather than vanishing.
      return this.#decoder.decode();
    }
    return this.#decoder.decode(result.value, { stream: true });
  };

  /** Cancels the body (closing the connection under fetch). Safe to call more than once. */
  cancel = async (reason?: unknown): Promise<void> => {
    if (this.#done) return;
    this.#done = true;
    try {
      await this.#reader.cancel(reason);
    } catch {
      // The stream already errored; there is nothing left to release.
    }
  };

  /** Races one read against the abort signal and the idle timer, cleaning both up afterwards. */
  #race(read: Promise<ReadableStreamReadResult<Uint8Array>>): Promise<ReadableStreamReadResult<Uint8Array>> {
    const signal = this.#signal;
    signal?.throwIfAborted();
    const timeout = this.#idleTimeoutMs;
    const timed = timeout > 0 && Number.isFinite(timeout);
    if (!signal && !timed) return read;
    return new Promise((resolve, reject) => {
      const onAbort = () => finish(() => reject(signal?.reason));
      const timer = timed
        ? setTimeout(
            () =>
              finish(() =>
                reject(new ChatError("timeout", `No data arrived for ${timeout / 1000} seconds; the stream timed out.`)),
              ),
            timeout,
          )
        : undefined;
      const finish = (settle: () => void) => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        settle();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      read.then(
        (value) => finish(() => resolve(value)),
        (error: unknown) => finish(() => reject(error)),
      );
    });
  }

  /** Abort reasons and ChatErrors pass through; anything else the body threw means the connection broke. */
  #wrap(error: unknown): unknown {
    if (error instanceof ChatError) return error;
    if (this.#signal?.aborted) return this.#signal.reason;
    const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
    return new ChatError("network", `The connection was interrupted while the answer was streaming${detail}.`, {
      cause: error,
      retryable: true,
    });
  }
}
