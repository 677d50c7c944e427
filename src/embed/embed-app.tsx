import { useEffect, useId } from "react";
import { useResolvedTheme } from "../react/use-media-query.js";
import { EmbedChat, type EmbedChatEvents, type EmbedChatHandle, type EmbedChatProps } from "./embed-chat.js";

/** What the widget controller renders: all state lives in the controller, this only draws it. */
export interface EmbedAppProps {
  chat: EmbedChatProps;
  events: EmbedChatEvents;
  launcher: boolean;
  open: boolean;
  unread: boolean;
  position: "right" | "left";
  launcherLabel: string;
  onToggle: () => void;
  onClose: () => void;
  onReady: () => void;
  onHandle: (handle: EmbedChatHandle | null) => void;
}

/**
 * The embed's view: the chat inline, or the chat in a panel behind a round launcher button.
 * The chat stays mounted while the panel is closed, so an answer keeps streaming (and lights the
 * unread dot) and the conversation is there when it opens again.
 */
export function EmbedApp(props: EmbedAppProps) {
  const { chat, events, launcher, open, unread, position, onReady, onHandle } = props;
  const panelId = useId();
  // The chat's own theme, on the wrapper too: the launcher and its unread dot wear the panel's tokens.
  const theme = useResolvedTheme(chat.theme);
  useEffect(onReady, [onReady]);

  if (!launcher) {
    return (
      <div className="rivulet-embed rivulet-embed--inline" data-theme={theme}>
        <EmbedChat options={chat} events={events} handle={onHandle} />
      </div>
    );
  }

  const classes = ["rivulet-embed", "rivulet-embed--launcher", `rivulet-embed--${position}`];
  if (open) classes.push("rivulet-embed--open");
  const label = open ? "Close chat" : unread ? `${props.launcherLabel} (new message)` : props.launcherLabel;
  return (
    <div className={classes.join(" ")} data-theme={theme}>
      <div
        className="rivulet-panel"
        id={panelId}
        role="dialog"
        aria-label={chat.title ?? "Chat"}
        tabIndex={-1}
        hidden={!open}
        onKeyDown={(event) => {
          // Esc closes the panel unless the chat used it (to stop an answer).
          if (event.key === "Escape" && !event.defaultPrevented) props.onClose();
        }}
      >
        <EmbedChat options={chat} events={events} handle={onHandle} onClose={props.onClose} />
      </div>
      <button
        type="button"
        className="rivulet-launcher"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={props.onToggle}
      >
        {open ? <CloseIcon /> : <ChatIcon />}
        {unread && !open && <span className="rivulet-unread" />}
      </button>
    </div>
  );
}

function ChatIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z" />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  );
}
