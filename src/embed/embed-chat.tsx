import { useEffect, useRef } from "react";
import type { ChatError } from "../core/chat-error.js";
import type { ChatMessage } from "../core/types.js";
import { Chat, type ChatHandle, type ChatProps } from "../react/chat.js";

/**
 * The chat's options as the embed passes them through: every `<Chat>` prop but `style` (the embed
 * adds no style attribute; theme it with `className` or `theme`) and `onClose` (the panel's own).
 */
export type EmbedChatProps = Omit<ChatProps, "style" | "onClose">;

/** What the embed can do to the chat from outside. */
export interface EmbedChatHandle {
  /** Sends as the user would; false when not sent (blank text, or an answer in progress). */
  send(text: string): boolean;
  focus(): void;
}

/** How the embed hears what happens inside the chat. */
export interface EmbedChatEvents {
  onMessage(message: ChatMessage): void;
  onMessageSent(text: string): void;
  onError(error: ChatError): void;
}

/** Props of {@link EmbedChat}. */
export interface EmbedChatComponentProps {
  options: EmbedChatProps;
  events: EmbedChatEvents;
  onClose?: () => void;
  handle: (handle: EmbedChatHandle | null) => void;
}

/**
 * `<Chat>` as the embed uses it: the page's callbacks still run, and the embed hears the same
 * moments for its events (`message`, `messageSent`, `error`) and gets a handle for `send`.
 *
 * @example
 * <EmbedChat options={{ endpoint: "/api/chat" }} events={events} handle={setHandle} onClose={close} />
 */
export function EmbedChat({ options, events, onClose, handle }: EmbedChatComponentProps) {
  const ref = useRef<ChatHandle>(null);
  const { onFinish, onError, onSend, ...rest } = options as ChatProps;
  useEffect(() => {
    handle({
      send: (text) => ref.current?.send(text) ?? false,
      focus: () => ref.current?.focus(),
    });
    return () => handle(null);
  }, [handle]);
  return (
    <Chat
      {...rest}
      ref={ref}
      onClose={onClose}
      onFinish={(message, info) => {
        onFinish?.(message, info);
        events.onMessage(message);
      }}
      onError={(error) => {
        onError?.(error);
        events.onError(error);
      }}
      onSend={(text) => {
        onSend?.(text);
        events.onMessageSent(text);
      }}
    />
  );
}
