import type { ReactNode } from "react";
import { CloseIcon, NewChatIcon, SparkIcon } from "./icons.js";

/** Props of {@link ChatHeader}. */
export interface ChatHeaderProps {
  title: string;
  subtitle?: string;
  /** An image URL, or any node (an `<img>`, an icon); `null` shows none. */
  avatar?: ReactNode;
  titleId: string;
  newConversationLabel: string;
  canReset: boolean;
  onNewConversation(): void;
  closeLabel: string;
  onClose?: () => void;
}

/**
 * The widget's header: avatar, title and subtitle, a new-conversation button, and a close button
 * when the host gives `onClose` (the embed's panel does).
 *
 * @example
 * <ChatHeader title="Support" titleId="t1" newConversationLabel="New conversation" canReset
 *   onNewConversation={reset} closeLabel="Close chat" />
 */
export function ChatHeader(props: ChatHeaderProps) {
  const avatar =
    props.avatar === undefined ? (
      <SparkIcon />
    ) : typeof props.avatar === "string" ? (
      <img src={props.avatar} alt="" width={32} height={32} />
    ) : (
      props.avatar
    );
  return (
    <header className="rv-header">
      {avatar !== null && (
        <div className="rv-avatar" aria-hidden="true">
          {avatar}
        </div>
      )}
      <div className="rv-header-text">
        <h2 className="rv-title" id={props.titleId}>
          {props.title}
        </h2>
        {props.subtitle && <p className="rv-subtitle">{props.subtitle}</p>}
      </div>
      <div className="rv-header-actions">
        <button
          type="button"
          className="rv-icon-button"
          aria-label={props.newConversationLabel}
          title={props.newConversationLabel}
          aria-disabled={!props.canReset || undefined}
          onClick={() => props.canReset && props.onNewConversation()}
        >
          <NewChatIcon />
        </button>
        {props.onClose && (
          <button type="button" className="rv-icon-button" aria-label={props.closeLabel} title={props.closeLabel} onClick={props.onClose}>
            <CloseIcon />
          </button>
        )}
      </div>
    </header>
  );
}
