/**
 * The WebSocket transport: the same chat as the HTTP one, over one socket per conversation. The
 * request goes out as a `chat` frame; the answer comes back as frames tagged with its id, each decoded
 * by the protocol adapters (auto-detected per answer, as for SSE); `done` or `error` ends it.
 */
import { FrameDecoder } from "../protocols/decode-frame.js";
import { ChatError } from "./chat-error.js";
import { createMessageId } from "./create-message-id.js";
import { buildRequestBody, DEFAULT_ENDPOINT } from "./fetch-transport.js";
import type { ChatDelta, ChatTransport, ChatTransportRequest, Protocol } from "./types.js";
import {
  WebSocketConnection,
  type ReplySink,
  type WebSocketConnectionOptions,
  type WebSocketConstructor,
} from "./websocket-connection.js";
import { chatFrame, toWebSocketUrl } from "./websocket-frames.js";

/** Options of {@link createWebSocketTransport}. */
export interface WebSocketTransportOptions extends WebSocketConnectionOptions {
  /**
   * The `WebSocket` constructor. Default: the store's `WebSocket` option, else `globalThis.WebSocket`.
   * Node 20 has none: pass `WebSocket` from the `ws` package.
   */
  WebSocket?: WebSocketConstructor;
}

/** A {@link ChatTransport} that owns a socket: `close()` closes it (the next send opens a new one). */
export type WebSocketTransport = ChatTransport & {
  /** Closes the socket; an answer in progress fails with a `"network"` error. */
  close(): void;
  /** How many sockets were opened so far: 1 while every answer reused the first. */
  readonly opens: number;
};

/** One answer's queue between the socket's events and the transport's async iteration. */
class SocketReply implements ReplySink {
  readonly id = createMessageId();
  /** True once the server ended the answer (`done`, `error`) or the socket closed under it. */
  ended = false;
  #decoder: FrameDecoder;
  // `fatal: false`, as for HTTP bodies: a broken byte becomes U+FFFD instead of losing the answer.
  #text = new TextDecoder("utf-8");
  #queue: ChatDelta[] = [];
  #error: unknown;
  #finished = false;
  #wake: (() => void) | undefined;

  constructor(protocol: Protocol | "auto") {
    this.#decoder = new FrameDecoder({ protocol });
  }

  payload(payload: unknown): void {
    if (this.#settled()) return;
    try {
      this.#decoder.push(payload, this.#queue);
      // A payload that ends its protocol (`message_stop`, `[DONE]`) ends the answer: `done` may follow.
      if (this.#decoder.ended) this.#finish();
    } catch (error) {
      this.#error = error;
    }
    this.#notify();
  }

  bytes(bytes: Uint8Array): void {
    const text = this.#text.decode(bytes, { stream: true });
    if (text) this.payload(text);
  }

  done(): void {
    this.ended = true;
    if (this.#settled()) return;
    const tail = this.#text.decode();
    if (tail) this.payload(tail);
    if (!this.#settled()) this.#finish();
    this.#notify();
  }

  fail(error: ChatError): void {
    this.ended = true;
    if (this.#settled()) return;
    this.#error = error;
    this.#notify();
  }

  /**
   * The deltas received since the last call, and whether the answer is over. Waits while there are
   * none; rejects with the answer's error (after its deltas were taken), the signal's reason on
   * abort, or a `"timeout"` ChatError after `idleMs` without a frame.
   */
  async take(signal: AbortSignal, idleMs: number): Promise<{ deltas: ChatDelta[]; last: boolean }> {
    // A frame may carry no delta (a keep-alive, a finish reason held for the end): wait for the next one.
    while (this.#queue.length === 0 && !this.#settled()) await this.#wait(signal, idleMs);
    signal.throwIfAborted();
    const deltas = this.#queue;
    this.#queue = [];
    if (deltas.length > 0) return { deltas, last: this.#finished && this.#error === undefined };
    if (this.#error !== undefined) throw this.#error;
    return { deltas, last: true };
  }

  #settled(): boolean {
    return this.#finished || this.#error !== undefined;
  }

  #finish(): void {
    this.#finished = true;
    try {
      this.#decoder.finish(this.#queue);
    } catch (error) {
      this.#error = error;
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #wait(signal: AbortSignal, idleMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        this.#wake = undefined;
      };
      const onAbort = () => {
        cleanup();
        reject(signal.reason);
      };
      const timer =
        idleMs > 0 && Number.isFinite(idleMs)
          ? setTimeout(() => {
              cleanup();
              reject(new ChatError("timeout", `No answer from the WebSocket for ${Math.round(idleMs / 1000)} s.`));
            }, idleMs)
          : undefined;
      this.#wake = () => {
        cleanup();
        resolve();
      };
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** The constructor to use: the transport's, the store's `WebSocket` option, or the global one. */
function pickWebSocket(own: WebSocketConstructor | undefined, request: ChatTransportRequest): WebSocketConstructor {
  const found = own ?? request.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof found !== "function") {
    throw new TypeError(
      "rivulet: no WebSocket in this runtime. Pass the `WebSocket` option (e.g. `import { WebSocket } from \"ws\"`).",
    );
  }
  return found;
}

/** The page's address, to resolve a relative endpoint against; none outside a browser. */
function pageBase(): string | undefined {
  const location = (globalThis as { location?: { href?: string } }).location;
  return typeof location?.href === "string" ? location.href : undefined;
}

/**
 * A transport that talks to `endpoint` over one WebSocket, opened at the first send and reused by
 * every answer after it. A socket that dropped between answers is reopened at the next send; a
 * connect that fails is retried with backoff. Stopping sends `{ type: "cancel", id }` and ignores what
 * still arrives for that answer; a socket that closes mid-answer fails it with a retryable
 * `"network"` ChatError, the partial answer kept. The `headers` option is not sent: browsers cannot
 * set handshake headers (use cookies, or a token in the URL or the `body` option).
 *
 * A store picks this transport by itself for `transport: "websocket"` or a `ws://`/`wss://`
 * endpoint; create one yourself to pass options, or to close the socket.
 *
 * @example
 * import { WebSocket } from "ws"; // Node 20 only; browsers have their own
 * const transport = createWebSocketTransport({ WebSocket });
 * const store = new ChatStore({ endpoint: "ws://127.0.0.1:8787/api/chat", transport });
 * await store.send("Hello");
 * transport.close();
 */
export function createWebSocketTransport(options: WebSocketTransportOptions = {}): WebSocketTransport {
  const { WebSocket: own, ...connectionOptions } = options;
  const connection = new WebSocketConnection(connectionOptions);
  async function* stream(request: ChatTransportRequest, signal: AbortSignal): AsyncGenerator<ChatDelta, void, undefined> {
    const { options: storeOptions } = request;
    const url = toWebSocketUrl(storeOptions.endpoint ?? DEFAULT_ENDPOINT, pageBase());
    const body = buildRequestBody(request);
    await connection.open(url, pickWebSocket(own, request), signal);
    const reply = new SocketReply(storeOptions.protocol ?? "auto");
    connection.begin(reply);
    let complete = false;
    try {
      connection.send(chatFrame(reply.id, body));
      for (;;) {
        const { deltas, last } = await reply.take(signal, storeOptions.idleTimeoutMs ?? 60_000);
        for (const delta of deltas) yield delta;
        if (last) {
          complete = true;
          return;
        }
      }
    } finally {
      // Stopped, timed out, failed to decode, or the consumer left: the server must stop writing.
      connection.end(reply, !complete && !reply.ended);
    }
  }
  const transport: ChatTransport = (request, signal) => stream(request, signal);
  return Object.defineProperties(transport, {
    close: { value: connection.close },
    opens: { get: () => connection.opens },
  }) as WebSocketTransport;
}
