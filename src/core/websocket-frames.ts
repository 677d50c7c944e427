/**
 * The wire format of rivulet's WebSocket transport, in one place: what the client sends, and how a
 * frame from the server is classified before it reaches an answer.
 *
 * Client → server: `{ type: "chat", id, messages, ... }` (the HTTP body, plus `type` and `id`) and
 * `{ type: "cancel", id }`. Server → client: `{ id, data }` (one payload of answer `id`: a protocol
 * object or a string), `{ type: "done", id }`, `{ type: "error", id, message, status?, retryable?,
 * retryAfterMs? }`, and untagged frames (plain text, binary UTF-8, or a bare protocol object) that
 * belong to the answer in progress.
 */
import { ChatError } from "./chat-error.js";

/** A frame from the server, classified. */
export type ServerFrame =
  | { kind: "data"; id: string; data: unknown }
  | { kind: "done"; id?: string }
  | { kind: "error"; id?: string; error: ChatError }
  /** No envelope: a bare payload (a protocol object, or text) for the answer in progress. */
  | { kind: "untagged"; payload: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Classifies one text frame from the server. A frame that is not a JSON object is text; a JSON object
 * is an envelope when it has the envelope's shape, and a bare payload otherwise. An envelope has no
 * `type` besides `done`/`error`, because protocol payloads use `type` (an AI SDK part has `type` and
 * `id`; an OpenAI chunk has `id`): `{ id, data }` can never be mistaken for one of them.
 *
 * @example
 * parseServerFrame('{"id":"a1","data":{"choices":[]}}'); // { kind: "data", id: "a1", data: { choices: [] } }
 * parseServerFrame('{"type":"done","id":"a1"}'); // { kind: "done", id: "a1" }
 * parseServerFrame("Hello"); // { kind: "untagged", payload: "Hello" }
 */
export function parseServerFrame(text: string): ServerFrame {
  let json: unknown;
  if (/^\s*\{/.test(text)) {
    try {
      json = JSON.parse(text);
    } catch {
      // A `{` that is not JSON is text: code, or a token that happens to start with a brace.
    }
  }
  if (!isRecord(json)) return { kind: "untagged", payload: text };
  const id = typeof json.id === "string" ? json.id : undefined;
  const tagged = id !== undefined || !("id" in json);
  if (json.type === "done" && tagged) return { kind: "done", ...(id === undefined ? {} : { id }) };
  if (json.type === "error" && typeof json.message === "string" && tagged) {
    return { kind: "error", ...(id === undefined ? {} : { id }), error: errorFromFrame(json, json.message) };
  }
  if (id !== undefined && "data" in json && json.type === undefined) return { kind: "data", id, data: json.data };
  return { kind: "untagged", payload: json };
}

/** An `error` frame as a ChatError: `"http"` when it names a status (429, 500...), else `"provider"`. */
function errorFromFrame(frame: Record<string, unknown>, message: string): ChatError {
  const status = typeof frame.status === "number" ? frame.status : undefined;
  return new ChatError(status === undefined ? "provider" : "http", message, {
    ...(status === undefined ? {} : { status }),
    ...(typeof frame.retryable === "boolean" ? { retryable: frame.retryable } : {}),
    ...(typeof frame.retryAfterMs === "number" ? { retryAfterMs: frame.retryAfterMs } : {}),
  });
}

/**
 * The frame that asks for an answer: the request body the HTTP transport would POST (from
 * `buildRequestBody`, so `body` and `system` apply), tagged with `type: "chat"` and the answer's `id`.
 * A `body` function that returns a string is parsed as JSON; a string that is not a JSON object goes
 * under `body`.
 *
 * @example
 * chatFrame("a1", { messages: [{ role: "user", content: "Hi" }], stream: true });
 * // '{"messages":[{"role":"user","content":"Hi"}],"stream":true,"type":"chat","id":"a1"}'
 */
export function chatFrame(id: string, body: unknown): string {
  let fields: unknown = body;
  if (typeof body === "string") {
    try {
      fields = JSON.parse(body);
    } catch {
      fields = { body };
    }
  }
  const record = isRecord(fields) ? fields : { body: fields };
  return JSON.stringify({ ...record, type: "chat", id });
}

/**
 * The frame that stops answer `id`: the server should stop writing it (and may end it with `done`).
 *
 * @example
 * cancelFrame("a1"); // '{"type":"cancel","id":"a1"}'
 */
export function cancelFrame(id: string): string {
  return JSON.stringify({ type: "cancel", id });
}

/**
 * The WebSocket URL for an endpoint: `ws://` and `wss://` as they are; `http(s)://` switched to
 * `ws(s)://`; a relative path resolved against `base` (the page's address in a browser).
 *
 * @example
 * toWebSocketUrl("/api/chat", "https://example.com/chat"); // "wss://example.com/api/chat"
 * toWebSocketUrl("ws://127.0.0.1:8787/api/chat"); // "ws://127.0.0.1:8787/api/chat"
 */
export function toWebSocketUrl(endpoint: string, base?: string): string {
  if (/^wss?:\/\//i.test(endpoint)) return endpoint;
  if (!/^https?:\/\//i.test(endpoint) && base === undefined) {
    throw new TypeError(
      `rivulet: the WebSocket transport cannot resolve the relative endpoint ${JSON.stringify(endpoint)} outside a page. ` +
        `Pass a ws:// or wss:// URL as \`endpoint\`.`,
    );
  }
  const url = new URL(endpoint, base);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

// In its own module so that the store can choose the transport without loading the socket code.
export { isWebSocketEndpoint } from "./websocket-endpoint.js";
