/**
 * One WebSocket shared by the answers of a conversation: opened on demand (with backoff when the
 * connect fails), reused across answers, reopened on the next send after it drops, and closed after
 * a while with nothing to do. It routes each frame from the server to the answer it belongs to.
 */
import { ChatError } from "./chat-error.js";
import { cancelFrame, parseServerFrame } from "./websocket-frames.js";

/** The part of the WHATWG `WebSocket` rivulet uses: the browser's, or `ws`'s in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: WebSocketEventLike) => void): void;
  removeEventListener(type: string, listener: (event: WebSocketEventLike) => void): void;
}

/** What rivulet reads from the events of a {@link WebSocketLike}. */
export interface WebSocketEventLike {
  type?: string;
  data?: unknown;
  code?: number;
  reason?: string;
}

/** A `WebSocket` constructor: `globalThis.WebSocket` in browsers, `import { WebSocket } from "ws"` in Node 20. */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/** Where the frames of one answer go. */
export interface ReplySink {
  readonly id: string;
  payload(payload: unknown): void;
  bytes(bytes: Uint8Array): void;
  done(): void;
  fail(error: ChatError): void;
}

/** Options of a {@link WebSocketConnection}. */
export interface WebSocketConnectionOptions {
  /** Connect attempts per send before giving up. Default 4. */
  attempts?: number;
  /** Wait before the second attempt, doubled for each next one (with ±20 % jitter). Default 250 ms. */
  backoffMs?: number;
  /** Give up on one attempt after this long. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** Close the socket after this long with no answer in progress; the next send reopens it. Default 120 000 ms. */
  idleCloseMs?: number;
  /** Subprotocols offered in the handshake. */
  protocols?: string | string[];
}

const OPEN = 1;
const ignore = (): void => {};
/** After a cancel, untagged frames still belong to the cancelled answer until the server ends it, or this long. */
const CANCEL_GRACE_MS = 2_000;

const abortable = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/**
 * A conversation's socket. Not used directly: {@link createWebSocketTransport} makes one per transport.
 *
 * @example
 * const connection = new WebSocketConnection({ attempts: 2 });
 * await connection.open("ws://127.0.0.1:8787/api/chat", WebSocket, signal);
 * connection.begin(sink); connection.send(chatFrame(sink.id, body));
 */
export class WebSocketConnection {
  #options: Required<Omit<WebSocketConnectionOptions, "protocols">> & Pick<WebSocketConnectionOptions, "protocols">;
  #socket: WebSocketLike | undefined;
  #url: string | undefined;
  #replies = new Map<string, ReplySink>();
  /** The answer untagged frames go to: the one sent last. */
  #current: ReplySink | undefined;
  /** Cancelled answers the server has not ended yet, with the time of the cancel. */
  #draining = new Map<string, number>();
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #opens = 0;

  constructor(options: WebSocketConnectionOptions = {}) {
    this.#options = { attempts: 4, backoffMs: 250, connectTimeoutMs: 10_000, idleCloseMs: 120_000, ...options };
  }

  /** How many sockets this connection has opened so far (1 when every answer reused the first). */
  get opens(): number {
    return this.#opens;
  }

  /** True while the socket is open. */
  get isOpen(): boolean {
    return this.#socket?.readyState === OPEN;
  }

  /** Makes sure an open socket to `url` exists, trying `attempts` times with backoff. */
  open = async (url: string, WebSocketImpl: WebSocketConstructor, signal: AbortSignal): Promise<void> => {
    if (this.#socket?.readyState === OPEN && this.#url === url) return;
    this.close();
    const { attempts, backoffMs } = this.#options;
    let last = "";
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await abortable(backoffMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4), signal);
      signal.throwIfAborted();
      try {
        this.#attach(await this.#connect(url, WebSocketImpl, signal), url);
        return;
      } catch (error) {
        signal.throwIfAborted();
        last = error instanceof Error ? error.message : String(error);
      }
    }
    throw new ChatError("network", `Could not open a WebSocket to ${url} (${attempts} attempts; ${last}).`, { retryable: true });
  };

  /** Registers an answer: its tagged frames, and untagged ones from now on, go to `sink`. */
  begin = (sink: ReplySink): void => {
    clearTimeout(this.#idleTimer);
    this.#replies.set(sink.id, sink);
    this.#current = sink;
  };

  /** Sends a frame; throws a `"network"` ChatError when the socket is not open. */
  send = (frame: string): void => {
    const socket = this.#socket;
    if (socket?.readyState !== OPEN) throw new ChatError("network", "The WebSocket is not open.", { retryable: true });
    socket.send(frame);
  };

  /** Unregisters an answer; with `cancel`, tells the server to stop it and ignores what still comes for it. */
  end = (sink: ReplySink, cancel: boolean): void => {
    if (this.#replies.get(sink.id) !== sink) return;
    this.#replies.delete(sink.id);
    if (this.#current === sink) this.#current = undefined;
    if (cancel && this.#socket?.readyState === OPEN) {
      this.#draining.set(sink.id, Date.now());
      this.#socket.send(cancelFrame(sink.id));
    }
    if (this.#replies.size === 0 && this.#socket) {
      const timer = setTimeout(() => this.close(), this.#options.idleCloseMs);
      // In Node, an idle socket must not keep the process alive on its own.
      (timer as { unref?: () => void }).unref?.();
      this.#idleTimer = timer;
    }
  };

  /** Closes the socket (answers in progress fail with a `"network"` error). The next `open` reconnects. */
  close = (): void => {
    clearTimeout(this.#idleTimer);
    const socket = this.#socket;
    if (!socket) return;
    this.#detach(socket, "The WebSocket was closed.");
    socket.close(1000);
  };

  #connect(url: string, WebSocketImpl: WebSocketConstructor, signal: AbortSignal): Promise<WebSocketLike> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocketImpl(url, this.#options.protocols);
      socket.binaryType = "arraybuffer";
      // The `close` event that follows says what happened; `ws` in Node throws an `error` nobody listens to.
      socket.addEventListener("error", ignore);
      const settle = (error?: Error) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        socket.removeEventListener("open", onOpen);
        socket.removeEventListener("close", onClose);
        if (!error) return resolve(socket);
        if (socket.readyState <= OPEN) socket.close();
        reject(error);
      };
      const onOpen = () => settle();
      const onClose = (event: WebSocketEventLike) => settle(new Error(`closed with code ${event.code ?? "?"}`));
      const onAbort = () => settle(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
      const timer = setTimeout(() => settle(new Error(`no answer within ${this.#options.connectTimeoutMs} ms`)), this.#options.connectTimeoutMs);
      socket.addEventListener("open", onOpen);
      // A failed handshake fires `error`, then `close` (code 1006): the close carries the code.
      socket.addEventListener("close", onClose);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  #attach(socket: WebSocketLike, url: string): void {
    this.#socket = socket;
    this.#url = url;
    this.#opens += 1;
    this.#draining.clear();
    socket.addEventListener("message", this.#onMessage);
    socket.addEventListener("close", this.#onClose);
  }

  /** Forgets `socket` and fails every answer still on it. */
  #detach(socket: WebSocketLike, reason: string): void {
    socket.removeEventListener("message", this.#onMessage);
    socket.removeEventListener("close", this.#onClose);
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    const replies = [...this.#replies.values()];
    this.#replies.clear();
    this.#current = undefined;
    for (const reply of replies) reply.fail(new ChatError("network", reason, { retryable: true }));
  }

  readonly #onClose = (event: WebSocketEventLike): void => {
    const socket = this.#socket;
    if (!socket) return;
    const why = event.reason ? `: ${event.reason}` : "";
    this.#detach(socket, `The WebSocket closed before the answer ended (code ${event.code ?? "?"}${why}).`);
  };

  readonly #onMessage = (event: WebSocketEventLike): void => {
    const { data } = event;
    if (typeof data === "string") return this.#onText(data);
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : undefined;
    if (!bytes) return;
    // Binary frames carry the answer's text as UTF-8, cut anywhere: only the answer's own streaming
    // decoder can join a character split across two frames.
    const reply = this.#untaggedTarget();
    reply?.bytes(bytes);
  };

  #onText(text: string): void {
    const frame = parseServerFrame(text);
    if (frame.kind === "untagged") {
      this.#untaggedTarget()?.payload(frame.payload);
      return;
    }
    const id = frame.id;
    if (id !== undefined && this.#draining.has(id)) {
      // The server heard the cancel: from now on untagged frames are the next answer's.
      if (frame.kind !== "data") this.#draining.delete(id);
      return;
    }
    const reply = id === undefined ? this.#untaggedTarget() : this.#replies.get(id);
    // Frames for an answer we no longer wait for (stopped, failed, or someone else's) are dropped.
    if (!reply) return;
    // A tagged frame of the answer in progress proves the server has moved past every cancelled one.
    if (id !== undefined && reply === this.#current) this.#draining.clear();
    if (frame.kind === "data") reply.payload(frame.data);
    else if (frame.kind === "done") reply.done();
    else reply.fail(frame.error);
  }

  /** The answer an untagged frame belongs to, or none while a cancelled answer may still be draining. */
  #untaggedTarget(): ReplySink | undefined {
    const now = Date.now();
    for (const [id, at] of this.#draining) if (now - at > CANCEL_GRACE_MS) this.#draining.delete(id);
    return this.#draining.size > 0 ? undefined : this.#current;
  }
}
