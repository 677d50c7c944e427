/**
 * The chat over a WebSocket: the `/api/chat` path also accepts an upgrade, and answers `chat` frames
 * with the mock model (same protocols, `?tps=` speeds and `?fault=` faults as the HTTP path), one
 * `{ id, data }` frame per protocol event, ended by `{ type: "done", id }` or `{ type: "error", id,
 * message }`. A `{ type: "cancel", id }` frame stops an answer. The wire format is in the README.
 */
import type { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { ChatHandlerOptions, ChatLogEntry } from "./chat-handler.js";
import { HttpError } from "./http-error.js";
import { readMockParams } from "./mock-params.js";
import { chooseMockReply } from "./mock-replies.js";
import { readMessages } from "./read-json-body.js";
import { tokenize } from "./tokenize.js";
import { streamMockFrames, type ReplyFrames } from "./websocket-mock.js";

/** Options of {@link createChatSocketServer}: the chat handler's path, mock defaults, body limit and log. */
export type ChatSocketOptions = Pick<ChatHandlerOptions, "path" | "mock" | "maxBodyBytes" | "log">;

/** The WebSocket side of the chat endpoint. */
export interface ChatSocketServer {
  /**
   * Takes an HTTP upgrade if it is for the chat path (and not Vite's HMR socket), and returns true;
   * returns false, touching nothing, for any other upgrade.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Open sockets right now. */
  readonly clients: number;
  /** Stops every answer and closes every socket. */
  close(): void;
}

/** The subprotocols of Vite's own dev-server socket, which must never be taken. */
const VITE_PROTOCOLS = new Set(["vite-hmr", "vite-ping"]);

/**
 * The chat endpoint's WebSocket server, for the `upgrade` event of any Node HTTP server.
 *
 * @example
 * const sockets = createChatSocketServer();
 * server.on("upgrade", (req, socket, head) => {
 *   if (!sockets.handleUpgrade(req, socket, head)) socket.destroy();
 * });
 */
export function createChatSocketServer(options: ChatSocketOptions = {}): ChatSocketServer {
  const path = options.path ?? "/api/chat";
  const maxPayload = options.maxBodyBytes ?? 1_048_576;
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  wss.on("connection", (ws: WebSocket, req: IncomingMessage) => serve(ws, req, path, options));
  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? "/", "http://localhost");
      const protocols = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim());
      if (url.pathname !== path || protocols.some((p) => VITE_PROTOCOLS.has(p))) return false;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
      return true;
    },
    get clients() {
      return wss.clients.size;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/**
 * Serves the chat WebSocket on an HTTP server's upgrades to the chat path, leaving every other upgrade
 * (Vite's HMR socket among them) to its own listeners. `server` is a `node:http` server (or https, or
 * Vite's `httpServer`). An open socket keeps a `node:http` server from closing: call the returned
 * `close()` before `server.close()` (Vite's dev server destroys every socket itself).
 *
 * @example
 * import { createServer } from "node:http";
 * import { attachChatSocket, createChatHandler } from "rivulet/server";
 * const server = createServer(createChatHandler());
 * attachChatSocket(server);
 * server.listen(8787); // ws://localhost:8787/api/chat
 */
export function attachChatSocket(server: EventEmitter, options: ChatSocketOptions = {}): ChatSocketServer {
  const sockets = createChatSocketServer(options);
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => void sockets.handleUpgrade(req, socket, head));
  server.on("close", () => sockets.close());
  return sockets;
}

/** One socket: any number of answers, each keyed by the client's id, each cancellable. */
function serve(ws: WebSocket, req: IncomingMessage, path: string, options: ChatSocketOptions): void {
  const query = new URL(req.url ?? "/", "http://localhost").searchParams;
  const answers = new Map<string, AbortController>();
  ws.on("close", () => {
    for (const controller of answers.values()) controller.abort();
  });
  ws.on("message", (raw: RawData, isBinary: boolean) => {
    let frame: Record<string, unknown>;
    try {
      const json: unknown = JSON.parse(isBinary ? Buffer.from(raw as Buffer).toString("utf8") : String(raw));
      if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("not an object");
      frame = json as Record<string, unknown>;
    } catch {
      send(ws, { type: "error", message: 'Expected a JSON frame: { "type": "chat", "id", "messages" } or { "type": "cancel", "id" }.' });
      return;
    }
    const id = typeof frame.id === "string" ? frame.id : undefined;
    if (frame.type === "cancel") {
      if (id !== undefined) answers.get(id)?.abort();
      return;
    }
    if (frame.type !== "chat" || id === undefined) {
      send(ws, { type: "error", ...(id === undefined ? {} : { id }), message: 'Unknown frame. Send { "type": "chat", "id": "<string>", "messages": [...] }.' });
      return;
    }
    if (answers.has(id)) {
      send(ws, { type: "error", id, message: `An answer with id ${JSON.stringify(id)} is already streaming.`, status: 409 });
      return;
    }
    const controller = new AbortController();
    answers.set(id, controller);
    const started = performance.now();
    answer(ws, id, frame, query, options, controller.signal).then(
      (result) => log({ status: 101, ...result }),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (!(error instanceof HttpError)) console.error("rivulet chat socket:", error);
        send(ws, { type: "error", id, status, message: error instanceof HttpError ? error.message : "Internal error in the chat socket." });
        log({ status, outcome: "rejected", tokens: 0 });
      },
    ).finally(() => answers.delete(id));
    function log(entry: Pick<ChatLogEntry, "status" | "outcome" | "tokens" | "protocol" | "source">) {
      options.log?.({ method: "WEBSOCKET", path, durationMs: Math.round(performance.now() - started), ...entry });
    }
  });
}

/** Streams one mock answer to `ws` as frames tagged with `id`. */
async function answer(
  ws: WebSocket,
  id: string,
  body: Record<string, unknown>,
  query: URLSearchParams,
  options: ChatSocketOptions,
  signal: AbortSignal,
): Promise<Pick<ChatLogEntry, "outcome" | "tokens" | "protocol" | "source">> {
  const messages = readMessages(body);
  const params = readMockParams(query, body, options.mock ?? {});
  const lastUser = messages.findLast((message) => message.role === "user") ?? messages.at(-1);
  const inputTokens = tokenize(messages.map((message) => message.content).join("\n")).length;
  const frames: ReplyFrames = {
    payload: (data) => (data instanceof Uint8Array ? sendAsync(ws, data, signal) : sendAsync(ws, JSON.stringify({ id, data }), signal)),
    done: () => sendAsync(ws, JSON.stringify({ type: "done", id }), signal),
    error: (message, extra) => sendAsync(ws, JSON.stringify({ type: "error", id, message, ...extra }), signal),
    drop: () => ws.terminate(),
  };
  let result: { outcome: ChatLogEntry["outcome"]; tokens: number };
  try {
    result = await streamMockFrames(frames, chooseMockReply(lastUser?.content ?? ""), params, inputTokens, signal);
  } catch (error) {
    // The socket went away between two frames, before its close event aborted the answer.
    if (!(error instanceof CancelledSend)) throw error;
    result = { outcome: "aborted", tokens: 0 };
  }
  // A cancelled answer still gets its `done`, so the client knows no more frames of it will come.
  if (result.outcome === "aborted" && ws.readyState === ws.OPEN) send(ws, { type: "done", id });
  return { source: "mock", protocol: params.protocol, ...result };
}

function send(ws: WebSocket, frame: Record<string, unknown>): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/** Sends one frame and waits until it is handed to the socket; rejects (as a cancel) once the answer is cancelled or the socket is gone. */
function sendAsync(ws: WebSocket, data: string | Uint8Array, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ws.readyState !== ws.OPEN) return Promise.reject(new CancelledSend());
  return new Promise((resolve, reject) => ws.send(data, (error) => (error ? reject(new CancelledSend()) : resolve())));
}

/** A send that could not happen because the answer was cancelled or the socket closed. */
class CancelledSend extends Error {}
