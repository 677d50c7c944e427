import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from "react";
import type { ChatError } from "../core/chat-error.js";
import { ChatStore } from "../core/chat-store.js";
import { CHAT_STORE_OPTION_KEYS } from "../core/validate-options.js";
import type { ChatMessage, ChatStatus, ChatStoreOptions, ChatTimings } from "../core/types.js";
import { tokensPerSecond } from "./chat-labels.js";

/** The timings `onFinish` receives from `useChat` and `<Chat>`: the store's, plus the rate. */
export interface ChatFinishTimings extends ChatTimings {
  /** Tokens per second after the first token; undefined for answers of fewer than two tokens. */
  tokensPerSecond?: number;
}

/** Options of {@link useChat}: those of a ChatStore, with `onFinish` also told the token rate. */
export interface UseChatOptions extends Omit<ChatStoreOptions, "onFinish"> {
  /** Called once per finished answer (also a stopped one), with timing figures. */
  onFinish?: (message: ChatMessage, info: { timings: ChatFinishTimings }) => void;
}

/** What {@link useChat} returns. Functions are stable across renders. */
export interface UseChatResult {
  messages: readonly ChatMessage[];
  status: ChatStatus;
  error: ChatError | undefined;
  /** Sends a user message; resolves with the final answer. Rejects (state untouched) while busy. */
  send: ChatStore["send"];
  /** Stops the answer being written; the partial answer stays, marked `aborted`. */
  stop: ChatStore["stop"];
  regenerate: ChatStore["regenerate"];
  retry: ChatStore["retry"];
  setMessages: ChatStore["setMessages"];
  /** The underlying store, for advanced uses (subscribing outside React). */
  store: ChatStore;
}

// useLayoutEffect warns during server rendering; there is nothing to sync there anyway.
const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * A headless chat: the state of a conversation with a streaming endpoint, and the actions on it.
 * One {@link ChatStore} per hook instance. Options are pushed to the store on every render, so the
 * next send always uses the latest endpoint, headers, body and callbacks (never those of the first
 * render). Unmounting stops an answer in flight.
 *
 * @example
 * function MyChat() {
 *   const { messages, status, send, stop } = useChat({ endpoint: "/api/chat" });
 *   return (
 *     <>
 *       {messages.map((m) => <p key={m.id}>{m.content}</p>)}
 *       {status === "streaming" ? <button onClick={stop}>Stop</button> : <button onClick={() => send("Hi")}>Say hi</button>}
 *     </>
 *   );
 * }
 */
export function useChat(options: UseChatOptions = {}): UseChatResult {
  const [store] = useState(() => new ChatStore(toStoreOptions(options)));
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

  useIsomorphicLayoutEffect(() => {
    // Every key is given, so an option removed since the last render goes back to its default.
    const { initialMessages: _ignored, ...rest } = { ...CLEARED, ...toStoreOptions(options) };
    store.setOptions(rest);
  });

  useEffect(() => store.stop, [store]);

  return {
    messages: snapshot.messages,
    status: snapshot.status,
    error: snapshot.error,
    send: store.send,
    stop: store.stop,
    regenerate: store.regenerate,
    retry: store.retry,
    setMessages: store.setMessages,
    store,
  };
}

const CLEARED: ChatStoreOptions = Object.fromEntries(CHAT_STORE_OPTION_KEYS.map((key) => [key, undefined]));

function toStoreOptions(options: UseChatOptions): ChatStoreOptions {
  const { onFinish, ...rest } = options;
  if (!onFinish) return { ...rest, onFinish: undefined };
  return {
    ...rest,
    onFinish: (message, info) => onFinish(message, { timings: { ...info.timings, tokensPerSecond: tokensPerSecond(info.timings) } }),
  };
}
