import { ChatError, isChatError } from "./chat-error.js";
import { AnswerDraft } from "./answer-draft.js";
import { createMessageId } from "./create-message-id.js";
import { fetchTransport } from "./fetch-transport.js";
import { NotifyScheduler, type NotifySchedulerEnv } from "./notify-scheduler.js";
import type {
  ChatDelta,
  ChatMessage,
  ChatSnapshot,
  ChatStatus,
  ChatStoreOptions,
  ChatTransport,
  ChatTransportRequest,
  WireMessage,
} from "./types.js";
import { validateChatStoreOptions, validateMessages } from "./validate-options.js";
import { isWebSocketEndpoint } from "./websocket-endpoint.js";
import type { WebSocketTransport } from "./websocket-transport.js";

/** One request in flight. Identity is the guard: a request that is no longer `#active` changes nothing. */
interface ActiveRequest {
  readonly controller: AbortController;
  readonly draft: AnswerDraft;
  readonly base: ChatMessage;
  readonly startedAt: number;
  firstTokenAt?: number;
  result?: ChatMessage;
}

const now = (): number => (typeof performance === "undefined" ? Date.now() : performance.now());

/** Reports an exception from user code (a listener or callback) without breaking the store. */
function reportLater(error: unknown): void {
  const g = globalThis as { reportError?: (e: unknown) => void };
  if (typeof g.reportError === "function") g.reportError(error);
  else setTimeout(() => { throw error; }, 0);
}

/** A transport whose code is still loading: waits for it, then streams through it. */
async function* viaLoaded(
  pending: Promise<ChatTransport>,
  request: ChatTransportRequest,
  signal: AbortSignal,
): AsyncGenerator<ChatDelta, void, undefined> {
  const transport = await pending;
  // stop() while the code was loading: the request never starts.
  if (signal.aborted) return;
  yield* transport(request, signal);
}

/** Any failure as a ChatError: a fetch TypeError ("Failed to fetch") is a network failure. */
function toChatError(error: unknown): ChatError {
  if (isChatError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new ChatError("network", `Could not reach the chat server (${detail}).`, { cause: error });
}

/** The conversation in wire form: the `system` option first, then every message with content. */
function toWire(history: readonly ChatMessage[], system: string | undefined): WireMessage[] {
  const wire: WireMessage[] = system ? [{ role: "system", content: system }] : [];
  // An empty assistant message (one that failed before its first token) is nothing a model can use,
  // and some providers reject empty content.
  for (const m of history) if (m.content !== "") wire.push({ role: m.role, content: m.content });
  return wire;
}

/** A message restored while it was still streaming was cut off by a reload: show it as such. */
function restore(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) => (m.state === "streaming" ? { ...m, state: "aborted", interrupted: true } : m));
}

/**
 * A conversation with a streaming chat endpoint, free of any UI framework. Views subscribe and read
 * immutable snapshots; untouched messages keep their identity between snapshots, and a snapshot's
 * identity changes only when something in it changed.
 *
 * While an answer streams, every delta is appended at once, and subscribers hear about it at most once
 * per animation frame. Every status change notifies synchronously, carrying every delta received.
 * All methods are bound, so `const { send, stop } = store` works.
 *
 * @example
 * const store = new ChatStore({ endpoint: "/api/chat" });
 * const unsubscribe = store.subscribe(() => render(store.getSnapshot()));
 * await store.send("Hello!");
 * store.getSnapshot().messages.at(-1)?.content; // the answer
 */
export class ChatStore {
  #options: ChatStoreOptions;
  #snapshot: ChatSnapshot;
  /** True when the active draft holds deltas the cached snapshot does not show yet. */
  #stale = false;
  #active: ActiveRequest | undefined;
  readonly #listeners = new Set<() => void>();
  readonly #scheduler: NotifyScheduler;
  /**
   * This conversation's socket, made at the first send over the WebSocket transport and kept for the
   * next. The transport's code is loaded then, with import(): most chats talk HTTP and never need it.
   */
  #websocket: Promise<WebSocketTransport> | undefined;

  /**
   * @param options - see {@link ChatStoreOptions}; an unknown key throws a `TypeError` with a hint.
   * @param schedulerEnv - for tests and unusual runtimes: where the frame clock comes from.
   */
  constructor(options: ChatStoreOptions = {}, schedulerEnv?: () => NotifySchedulerEnv) {
    this.#options = { ...validateChatStoreOptions(options, "new ChatStore()") };
    this.#snapshot = { messages: restore(options.initialMessages ?? []), status: "ready" };
    this.#scheduler = new NotifyScheduler(this.#emit, schedulerEnv);
  }

  /** Adds a listener called after each change; returns the function that removes it. */
  subscribe = (listener: () => void): (() => void) => {
    if (typeof listener !== "function") throw new TypeError("rivulet: subscribe() expects a function.");
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  };

  /** The current state. Returns the same object until something changes (for `useSyncExternalStore`). */
  getSnapshot = (): ChatSnapshot => {
    const active = this.#active;
    if (this.#stale && active) {
      this.#snapshot = { ...this.#snapshot, messages: this.#withAnswer(active.draft.toMessage(active.base)) };
      this.#stale = false;
    }
    return this.#snapshot;
  };

  /**
   * Sends a user message and streams the answer. Resolves with the final assistant message once it is
   * done, stopped or failed: failures land in the snapshot (`status: "error"`) and in `onError`, not
   * in this promise. Rejects only on misuse: an empty text, or a call while an answer is still
   * `"submitted"` or `"streaming"` (an `Error` saying to call `stop()` first); the state is untouched then.
   */
  send = async (text: string): Promise<ChatMessage> => {
    if (typeof text !== "string") throw new TypeError(`rivulet: send() expects a string, got ${typeof text}.`);
    if (text.trim() === "") throw new TypeError("rivulet: send() got an empty message; there is nothing to send.");
    this.#assertIdle("send");
    const user: ChatMessage = { id: createMessageId(), role: "user", content: text, state: "done", createdAt: Date.now() };
    return this.#request([...this.getSnapshot().messages, user]);
  };

  /**
   * Stops the answer being written: aborts the request (the server sees the connection close), keeps
   * the partial answer with state `"aborted"`, sets status `"ready"` and calls `onFinish` with it. No
   * delta lands after this, even one already in flight. Does nothing when no answer is in progress.
   */
  stop = (): void => {
    const active = this.#active;
    if (!active) return;
    this.#active = undefined;
    active.controller.abort(new DOMException("Stopped by the user.", "AbortError"));
    this.#settle(active, "aborted");
  };

  /**
   * Asks for a new answer to the last user message, replacing the answer after it (whatever its
   * state). Same rules and promise as {@link ChatStore.send}.
   */
  regenerate = async (): Promise<ChatMessage> => {
    this.#assertIdle("regenerate");
    return this.#request(this.#historyToLastUser("regenerate"));
  };

  /**
   * Sends the same conversation again after a failure, dropping the failed answer. The same as
   * {@link ChatStore.regenerate}; the name says what the UI's retry button means.
   */
  retry = async (): Promise<ChatMessage> => {
    this.#assertIdle("retry");
    return this.#request(this.#historyToLastUser("retry"));
  };

  /**
   * Removes the last user message and everything after it, and returns that message's text (or
   * `undefined` when there is none). For an answer that failed before its first token: the UI puts
   * the text back into the composer so the user can edit and send it again. Throws while busy.
   */
  retract = (): string | undefined => {
    this.#assertIdle("retract");
    const messages = this.getSnapshot().messages;
    const index = messages.findLastIndex((m) => m.role === "user");
    if (index < 0) return undefined;
    this.#commit(messages.slice(0, index), "ready", undefined);
    return messages[index]!.content;
  };

  /**
   * Changes options; the next request reads them (a request in flight keeps the ones it started
   * with). Keys not given keep their value; a key set to `undefined` goes back to its default.
   * `initialMessages` is only read by the constructor: use `setMessages` to replace the conversation.
   */
  setOptions = (options: Partial<ChatStoreOptions>): void => {
    this.#options = { ...this.#options, ...validateChatStoreOptions(options, "setOptions()") };
  };

  /**
   * Replaces the conversation (e.g. restored from storage, or `[]` to clear it); status becomes
   * `"ready"`. Accepts an array or a function of the current messages. A message stored while it was
   * streaming comes back as `"aborted"` with `interrupted: true`. Throws while an answer is in
   * progress: call `stop()` first.
   */
  setMessages = (
    messages: readonly ChatMessage[] | ((current: readonly ChatMessage[]) => readonly ChatMessage[]),
  ): void => {
    this.#assertIdle("setMessages");
    const next = typeof messages === "function" ? messages(this.getSnapshot().messages) : messages;
    this.#commit(restore(validateMessages(next, "setMessages()")), "ready", undefined);
  };

  #assertIdle(method: string): void {
    const { status } = this.#snapshot;
    if (status === "submitted" || status === "streaming") {
      throw new Error(
        `rivulet: ${method}() was called while an answer is ${status === "submitted" ? "being requested" : "streaming"}. ` +
          `Call stop() first, or wait until the status is "ready".`,
      );
    }
  }

  #historyToLastUser(method: string): ChatMessage[] {
    const messages = this.getSnapshot().messages;
    const index = messages.findLastIndex((m) => m.role === "user");
    if (index < 0) throw new Error(`rivulet: ${method}() needs a user message to answer. Call send(text) first.`);
    return messages.slice(0, index + 1);
  }

  async #request(history: ChatMessage[]): Promise<ChatMessage> {
    // Options are read now: a later setOptions reaches the next request, not this one.
    const options = this.#options;
    const transport = this.#transport(options);
    const base: ChatMessage = { id: createMessageId(), role: "assistant", content: "", state: "streaming", createdAt: Date.now() };
    const active: ActiveRequest = { controller: new AbortController(), draft: new AnswerDraft(), base, startedAt: now() };
    this.#active = active;
    this.#commit([...history, base], "submitted", undefined);
    try {
      const deltas = transport({ messages: toWire(history, options.system), chatMessages: history, options }, active.controller.signal);
      for await (const delta of deltas) {
        // stop() may have run while this delta was in flight: it must not land.
        if (this.#active !== active) break;
        this.#append(active, delta);
      }
      if (this.#active === active) this.#settle(active, "done");
    } catch (error) {
      if (this.#active === active) this.#fail(active, toChatError(error));
    }
    return active.result ?? active.draft.toMessage({ ...base, state: "aborted" });
  }

  /** The transport a request uses: the option's function, else WebSocket or fetch by the option or the endpoint's scheme. */
  #transport(options: ChatStoreOptions): ChatTransport {
    const choice = options.transport;
    if (typeof choice === "function") return choice;
    if (choice === "websocket" || (choice === undefined && isWebSocketEndpoint(options.endpoint))) {
      const socket = (this.#websocket ??= import("./websocket-transport.js").then(
        (module) => module.createWebSocketTransport(),
        (error: unknown) => {
          // The chunk did not load (offline, a deploy removed it): this answer fails as a network
          // error, and the next send tries again.
          this.#websocket = undefined;
          throw error;
        },
      ));
      return (request, signal) => viaLoaded(socket, request, signal);
    }
    return fetchTransport;
  }

  #append(active: ActiveRequest, delta: ChatDelta): void {
    const tokens = active.draft.tokens;
    if (!active.draft.append(delta)) return;
    if (active.firstTokenAt === undefined && active.draft.tokens > tokens) active.firstTokenAt = now();
    this.#stale = true;
    if (this.#snapshot.status === "submitted") this.#commit(undefined, "streaming", undefined);
    else this.#scheduler.schedule();
  }

  #settle(active: ActiveRequest, state: "done" | "aborted"): void {
    this.#active = undefined;
    const message = active.draft.toMessage({ ...active.base, state });
    active.result = message;
    this.#commit(this.#withAnswer(message), "ready", undefined);
    const totalMs = now() - active.startedAt;
    const firstTokenMs = active.firstTokenAt === undefined ? undefined : active.firstTokenAt - active.startedAt;
    this.#call(() =>
      this.#options.onFinish?.(message, {
        timings: { ...(firstTokenMs === undefined ? {} : { firstTokenMs }), totalMs, tokens: active.draft.tokens },
      }),
    );
  }

  #fail(active: ActiveRequest, error: ChatError): void {
    this.#active = undefined;
    const message: ChatMessage = { ...active.draft.toMessage({ ...active.base, state: "error" }), error: error.message };
    active.result = message;
    this.#commit(this.#withAnswer(message), "error", error);
    this.#call(() => this.#options.onError?.(error));
  }

  /** The messages with the active answer replaced by `answer` (it is always the last message). */
  #withAnswer(answer: ChatMessage): ChatMessage[] {
    const messages = [...this.#snapshot.messages];
    const index = messages.findLastIndex((m) => m.id === answer.id);
    if (index >= 0) messages[index] = answer;
    return messages;
  }

  /** A status change: publish a new snapshot and notify now, replacing any pending frame notification. */
  #commit(messages: ChatMessage[] | undefined, status: ChatStatus, error: ChatError | undefined): void {
    this.#scheduler.cancel();
    // getSnapshot() folds the draft in, so the status change carries every delta received.
    const list = messages ?? this.getSnapshot().messages;
    this.#stale = false;
    this.#snapshot = { messages: list, status, ...(error ? { error } : {}) };
    this.#emit();
  }

  readonly #emit = (): void => {
    for (const listener of this.#listeners) this.#call(listener);
  };

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      reportLater(error);
    }
  }
}

/**
 * Creates a {@link ChatStore}; the same as `new ChatStore(options)`.
 *
 * @example
 * const store = createChatStore({ endpoint: "/api/chat", system: "Answer briefly." });
 */
export function createChatStore(options?: ChatStoreOptions): ChatStore {
  return new ChatStore(options);
}
