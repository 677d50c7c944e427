/**
 * The types every stage of rivulet shares: what a protocol adapter yields, what the store holds,
 * and what a user passes in. Nothing here touches the DOM or React.
 */

/** A wire protocol that {@link decodeStream} understands. */
export type Protocol =
  | "openai-chat"
  | "openai-responses"
  | "anthropic"
  | "gemini"
  | "ai-sdk"
  | "ollama"
  | "sse"
  | "text";

/** Token counts as a provider reports them, normalised to one shape. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/**
 * One step of a streamed answer, whatever protocol carried it.
 *
 * @example
 * for await (const delta of decodeStream(response)) {
 *   if (delta.type === "text") process.stdout.write(delta.text);
 * }
 */
export type ChatDelta =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  /** A piece of a tool call: deltas with the same `id` concatenate their `argsText`. */
  | { type: "tool-call"; id: string; name?: string; argsText: string }
  | { type: "finish"; reason?: string; usage?: Usage };

/** Who wrote a message. */
export type Role = "user" | "assistant" | "system";

/** Where a message is in its life: still arriving, complete, stopped by the user, or cut by an error. */
export type MessageState = "streaming" | "done" | "aborted" | "error";

/** A tool call as the store accumulates it from `tool-call` deltas. */
export interface ToolCall {
  id: string;
  name?: string;
  argsText: string;
  /** Filled in by the app when it runs the tool; rivulet only displays it. */
  result?: unknown;
}

/**
 * One message of a conversation. Messages are immutable: the store replaces a message object when it
 * changes, and keeps the identity of every message that did not.
 */
export interface ChatMessage {
  id: string;
  role: Role;
  content: string;
  state: MessageState;
  reasoning?: string;
  toolCalls?: ToolCall[];
  finishReason?: string;
  usage?: Usage;
  /** Set when `state` is `"error"`: a plain-language description of what went wrong. */
  error?: string;
  /** Set on an answer that a page reload cut off (restored from persisted storage). */
  interrupted?: boolean;
  createdAt?: number;
}

/** The store's single status: views derive their booleans from it. */
export type ChatStatus = "ready" | "submitted" | "streaming" | "error";

/** What `ChatStore.getSnapshot()` returns. Its identity changes only when something in it changed. */
export interface ChatSnapshot {
  readonly messages: readonly ChatMessage[];
  readonly status: ChatStatus;
  readonly error?: import("./chat-error.js").ChatError;
}

/** The figures `onFinish` receives for one answer. */
export interface ChatTimings {
  /** Milliseconds from send to the first text or reasoning delta. */
  firstTokenMs?: number;
  /** Milliseconds from send to the end of the stream. */
  totalMs: number;
  /** Number of text and reasoning deltas received. */
  tokens: number;
}

/** The wire message a request carries: only what a model needs. */
export interface WireMessage {
  role: Role;
  content: string;
}

/** What the store passes to a `body` function, and what a custom transport receives. */
export interface ChatRequestContext {
  /** The conversation to send, oldest first, in wire form. */
  messages: WireMessage[];
  /** The full messages, for apps that need ids or reasoning. */
  chatMessages: readonly ChatMessage[];
}

/**
 * Options of a {@link ChatStore} (and of `useChat` and `<Chat>`). Every option is read when a message
 * is sent, so changing one with `setOptions` takes effect at the next send.
 */
export interface ChatStoreOptions {
  /** Where to POST the conversation. Default `/api/chat`. */
  endpoint?: string;
  /** Extra request headers, or a function returning them (for a fresh token per request). */
  headers?: Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);
  /**
   * Extra fields merged into the JSON body, or a function that builds the whole body from the
   * conversation. Default body: `{ messages: [{ role, content }], stream: true }`.
   */
  body?: Record<string, unknown> | ((context: ChatRequestContext) => unknown);
  /** The fetch to use (for auth wrappers, tests, or non-browser runtimes). Default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Request credentials mode. Default `"same-origin"`. */
  credentials?: RequestCredentials;
  /** The wire protocol of the answer, or `"auto"` (default) to detect it. */
  protocol?: Protocol | "auto";
  /** Fail with a `"timeout"` ChatError when no byte arrives for this long. Default 60 000 ms. */
  idleTimeoutMs?: number;
  /** A system prompt sent as the first message of every request (not shown in the conversation). */
  system?: string;
  /** Messages to start with (e.g. restored from storage). */
  initialMessages?: readonly ChatMessage[];
  /** Called once per finished answer (also a stopped one), with timing figures. */
  onFinish?: (message: ChatMessage, info: { timings: ChatTimings }) => void;
  /** Called once per failed request. */
  onError?: (error: import("./chat-error.js").ChatError) => void;
  /**
   * How a request is sent and its answer read. Default `"fetch"`: POST to `endpoint`, decoded with
   * `decodeStream`; an endpoint starting with `ws://` or `wss://` means `"websocket"`. `"websocket"`:
   * one WebSocket per store, reused across answers (wire format in the README). A custom transport
   * function gets the conversation and the options as they were at send time, and yields deltas
   * until the answer ends.
   */
  transport?: ChatTransport | "fetch" | "websocket";
  /**
   * The `WebSocket` constructor for the WebSocket transport. Default `globalThis.WebSocket`; Node 20
   * has none, so pass `WebSocket` from the `ws` package there.
   */
  WebSocket?: import("./websocket-connection.js").WebSocketConstructor;
}

/** What a {@link ChatTransport} receives for one request. */
export interface ChatTransportRequest extends ChatRequestContext {
  /** The store's options as they were when the message was sent. */
  options: Readonly<ChatStoreOptions>;
}

/**
 * Sends one request and yields the answer's deltas. It must stop (and release the connection) when
 * `signal` aborts. Throwing a `ChatError` after yielding some deltas marks the answer as failed; any
 * other thrown value is reported as a `"network"` ChatError.
 *
 * @example
 * const echo: ChatTransport = async function* (request) {
 *   yield { type: "text", text: request.messages.at(-1)?.content ?? "" };
 * };
 */
export type ChatTransport = (request: ChatTransportRequest, signal: AbortSignal) => AsyncIterable<ChatDelta>;
