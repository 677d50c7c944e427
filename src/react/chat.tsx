import {
  forwardRef,
  useCallback,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import type { ChatMessage } from "../core/types.js";
import { ChatHeader } from "./chat-header.js";
import { defaultChatLabels, type ChatLabels } from "./chat-labels.js";
import type { ChatMarkdownOptions } from "./chat-message.js";
import { Composer } from "./composer.js";
import { MessageList } from "./message-list.js";
import { useAnnouncer } from "./use-announcer.js";
import { useChat, type ChatFinishTimings, type UseChatOptions } from "./use-chat.js";
import { useMediaQuery } from "./use-media-query.js";
import { usePersistSave, usePersistence } from "./use-persistence.js";
import { useScrollPin } from "./use-scroll-pin.js";

/** Props of {@link Chat}: every {@link UseChatOptions} (endpoint, headers, body, …) plus the view's. */
export interface ChatProps extends UseChatOptions {
  /** Header title. Default `labels.title` ("Chat"). */
  title?: string;
  subtitle?: string;
  /** An image URL or any node for the header; `null` for none. Default: a small spark icon. */
  avatar?: ReactNode;
  /** `"auto"` (default) follows `prefers-color-scheme`, live. */
  theme?: "light" | "dark" | "auto";
  /** Any of the visible strings and accessible names, e.g. for another language. */
  labels?: Partial<ChatLabels>;
  /** Reveal bursty text at an even pace (off under prefers-reduced-motion). Default true. */
  smooth?: boolean;
  /** A localStorage key: the conversation survives reloads. Degrades to memory when storage fails. */
  persist?: string;
  /** Show first-token latency and tokens per second under each answer. */
  showStats?: boolean;
  /** The composer's placeholder. Default `labels.placeholder`. */
  placeholder?: string;
  /** Prompts offered as buttons while the conversation is empty. */
  suggestions?: readonly string[];
  /** Passed to every `<Markdown>` (custom components, image policy). */
  markdown?: ChatMarkdownOptions;
  className?: string;
  style?: CSSProperties;
  /** Focus the composer on mount. */
  autoFocus?: boolean;
  /** A user message was accepted and its request started (the embed's `messageSent`). */
  onSend?: (text: string) => void;
  /** The conversation was cleared by the new-conversation button. */
  onNewConversation?: () => void;
  /** When given, the header shows a close button that calls it (the embed's panel). */
  onClose?: () => void;
}

/** What a `ref` on {@link Chat} gives: the embed's `send`, and focus management. */
export interface ChatHandle {
  /** Sends `text` as the user would; false when it was not sent (blank, or an answer in progress). */
  send(text: string): boolean;
  stop(): void;
  /** Moves focus to the composer. */
  focus(): void;
  /** Starts a new, empty conversation. */
  reset(): void;
  /** The current messages. */
  getMessages(): readonly ChatMessage[];
}

/**
 * The whole chat widget: header, transcript and composer, streaming from `endpoint`.
 * Works with no configuration; see {@link ChatProps} for what can be changed, and the
 * `--rivulet-*` custom properties in styles.css for the look.
 *
 * @example
 * import { Chat } from "rivulet/react";
 * import "rivulet/styles.css";
 *
 * <Chat endpoint="/api/chat" title="Ask our docs" persist="docs-chat" suggestions={["How do I start?"]} />
 */
export const Chat = forwardRef<ChatHandle, ChatProps>(function Chat(props, ref) {
  const {
    title, subtitle, avatar, theme = "auto", labels: labelOverrides, smooth = true, persist, showStats = false,
    placeholder, suggestions, markdown, className, style, autoFocus, onSend, onNewConversation, onClose,
    onFinish, initialMessages, ...storeOptions
  } = props;
  const labels = useMemo(() => ({ ...defaultChatLabels, ...labelOverrides }), [labelOverrides]);
  const prefersDark = useMediaQuery("(prefers-color-scheme: dark)");
  const resolvedTheme = theme === "auto" ? (prefersDark ? "dark" : "light") : theme;
  const titleId = useId();

  const persistence = usePersistence(persist);
  const [initial] = useState(() => (persistence ? persistence.load() : undefined));
  const [timings, setTimings] = useState<ReadonlyMap<string, ChatFinishTimings>>(() => new Map());

  const chat = useChat({
    ...storeOptions,
    initialMessages: initial && initial.length > 0 ? initial : initialMessages,
    onFinish: (message, info) => {
      setTimings((map) => new Map(map).set(message.id, info.timings));
      onFinish?.(message, info);
    },
  });
  const { messages, status, store } = chat;
  const busy = status === "submitted" || status === "streaming";
  usePersistSave(persistence, messages, status);
  const announcement = useAnnouncer(messages, status, labels);

  const { scrollRef, contentRef, pinned, pin } = useScrollPin();
  const textareaRef = useRef<HTMLTextAreaElement | null>(null);
  const [draft, setDraft] = useState("");

  const submit = useCallback(
    (text: string): boolean => {
      if (text.trim() === "") return false;
      const { status: now, messages: current } = store.getSnapshot();
      if (now === "submitted" || now === "streaming") return false;
      // An answer that failed before its first token is replaced by this attempt, not kept beside it.
      const last = current.at(-1);
      if (now === "error" && last?.role === "assistant" && last.content === "" && !last.reasoning) {
        store.setMessages(current.slice(0, current.findLastIndex((m) => m.role === "user")));
      }
      pin();
      const answer = store.send(text);
      const accepted = store.getSnapshot().status === "submitted";
      if (accepted) {
        setDraft((value) => (value === text ? "" : value));
        onSend?.(text);
      }
      answer.then(
        (result) => {
          // Failed before the first token: the text comes back so the user need not type it again.
          if (result.state === "error" && result.content === "" && !result.reasoning) setDraft((value) => (value === "" ? text : value));
        },
        () => undefined, // refused (busy): the text simply stays in the composer
      );
      return accepted;
    },
    [store, pin, onSend],
  );

  const reset = useCallback(() => {
    store.stop();
    store.setMessages([]);
    persistence?.clear();
    setTimings(new Map());
    setDraft("");
    onNewConversation?.();
    textareaRef.current?.focus();
  }, [store, persistence, onNewConversation]);

  const retry = useCallback(() => {
    pin();
    setDraft("");
    store.retry().catch(() => undefined);
  }, [store, pin]);

  const regenerate = useCallback(() => {
    pin();
    store.regenerate().catch(() => undefined);
  }, [store, pin]);

  const edit = useCallback(
    (message: ChatMessage, text: string) => {
      const { messages: current, status: now } = store.getSnapshot();
      const index = current.findIndex((m) => m.id === message.id);
      if (index < 0 || now === "submitted" || now === "streaming") return;
      store.setMessages(current.slice(0, index));
      submit(text);
    },
    // Not on `busy`: a new function at every status change would re-render every message.
    [store, submit],
  );

  useImperativeHandle(
    ref,
    () => ({
      send: submit,
      stop: store.stop,
      focus: () => textareaRef.current?.focus(),
      reset,
      getMessages: () => store.getSnapshot().messages,
    }),
    [submit, store, reset],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Escape stops from anywhere in the widget; defaultPrevented tells a host (the embed) not to close.
    if (event.key === "Escape" && busy && !event.defaultPrevented) {
      event.preventDefault();
      store.stop();
    }
  };

  return (
    <section
      className={className ? `rv-chat ${className}` : "rv-chat"}
      data-theme={resolvedTheme}
      style={style}
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
    >
      <ChatHeader
        title={title ?? labels.title}
        subtitle={subtitle}
        avatar={avatar}
        titleId={titleId}
        newConversationLabel={labels.newConversation}
        canReset={messages.length > 0 || draft !== ""}
        onNewConversation={reset}
        closeLabel={labels.close}
        onClose={onClose}
      />
      <MessageList
        messages={messages}
        status={status}
        labels={labels}
        scrollRef={scrollRef}
        contentRef={contentRef}
        pinned={pinned}
        onJumpToLatest={pin}
        smooth={smooth}
        showStats={showStats}
        timings={timings}
        markdown={markdown}
        suggestions={suggestions}
        onSuggestion={submit}
        onRegenerate={regenerate}
        onRetry={retry}
        onEdit={edit}
      />
      <Composer
        value={draft}
        onChange={setDraft}
        onSubmit={submit}
        onStop={store.stop}
        busy={busy}
        label={labels.composer}
        placeholder={placeholder ?? labels.placeholder}
        sendLabel={labels.send}
        stopLabel={labels.stop}
        textareaRef={textareaRef}
        autoFocus={autoFocus}
      />
      <div className="rv-sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </section>
  );
});
