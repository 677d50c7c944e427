import type { ChatMessage, ChatStatus } from "../core/types.js";
import type { ChatLabels } from "./chat-labels.js";
import { useState } from "react";
import { AssistantMessage, UserMessage, type ChatMarkdownOptions } from "./chat-message.js";
import { useCopied } from "./copy-button.js";
import { arrowDownIcon, sparkIcon } from "./icons.js";
import type { ChatFinishTimings } from "./use-chat.js";
import type { ScrollPin } from "./use-scroll-pin.js";

/** Props of {@link MessageList}. */
export interface MessageListProps {
  messages: readonly ChatMessage[];
  status: ChatStatus;
  labels: ChatLabels;
  scrollRef: ScrollPin["scrollRef"];
  contentRef: ScrollPin["contentRef"];
  /** False once the reader scrolled away from the bottom: the "jump to latest" button shows. */
  pinned: boolean;
  onJumpToLatest(): void;
  smooth: boolean;
  showStats: boolean;
  timings: ReadonlyMap<string, ChatFinishTimings>;
  markdown?: ChatMarkdownOptions;
  suggestions?: readonly string[];
  onSuggestion(text: string): void;
  onRegenerate(): void;
  onRetry(): void;
  onEdit(message: ChatMessage, text: string): void;
}

/**
 * The transcript: a `role="log"` scroller that follows the stream while the reader is at the bottom,
 * a "jump to latest" button when they scrolled away, and an empty state with suggestions.
 *
 * The log's own live region is off (`aria-live="off"`): screen readers would otherwise read every
 * token as it lands. `<Chat>` announces a reply once, through its polite status region, instead.
 *
 * @example
 * const { scrollRef, contentRef, pinned, pin } = useScrollPin();
 * <MessageList messages={messages} status={status} labels={labels} scrollRef={scrollRef}
 *   contentRef={contentRef} pinned={pinned} onJumpToLatest={pin} … />
 */
export function MessageList(props: MessageListProps) {
  const { messages, status, labels, scrollRef, contentRef, pinned, onJumpToLatest } = props;
  const busy = status === "submitted" || status === "streaming";
  const lastAnswer = messages.findLastIndex((m) => m.role === "assistant");
  const lastQuestion = messages.findLastIndex((m) => m.role === "user");
  // Which question is open for editing: kept here, not in every question (each would keep a state).
  const [editing, setEditing] = useState<string | undefined>(undefined);
  // Which answer's or question's copy button says "Copied": kept here too, for the same reason.
  const [copied, copy] = useCopied();

  return (
    <div className="rv-transcript">
      <div
        ref={scrollRef}
        className="rv-scroller"
        role="log"
        aria-live="off"
        aria-label={labels.transcript}
        // A scrollable region must be reachable by keyboard to be scrolled by keyboard.
        tabIndex={0}
      >
        <div ref={contentRef} className="rv-messages">
          {messages.length === 0 && (
            <div className="rv-empty">
              <div className="rv-empty-icon" aria-hidden="true">
                {sparkIcon()}
              </div>
              <p className="rv-empty-title">{labels.emptyTitle}</p>
              {props.suggestions && props.suggestions.length > 0 && (
                <ul className="rv-suggestions" aria-label={labels.suggestions}>
                  {props.suggestions.map((text) => (
                    <li key={text}>
                      <button type="button" className="rv-suggestion" onClick={() => props.onSuggestion(text)}>
                        {text}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {messages.map((message, index) => {
            if (message.role === "system") return null;
            const common = {
              message,
              labels,
              lastAnswer: index === lastAnswer && lastAnswer > lastQuestion,
              lastQuestion: index === lastQuestion,
              // Only the last question and answer show actions that busy hides: the others keep
              // their props, so a status change re-renders two messages, not the whole transcript.
              busy: busy && (index === lastAnswer || index === lastQuestion),
              smooth: props.smooth,
              timings: props.timings.get(message.id),
              showStats: props.showStats,
              markdown: props.markdown,
              copied: copied === message.id,
              onCopy: copy,
              onRegenerate: props.onRegenerate,
              onRetry: props.onRetry,
              onEdit: props.onEdit,
            };
            return message.role === "user" ? (
              <UserMessage key={message.id} {...common} editing={editing === message.id} onEditing={setEditing} />
            ) : (
              <AssistantMessage key={message.id} {...common} />
            );
          }
          )}
        </div>
      </div>
      {!pinned && (
        <button type="button" className="rv-jump" aria-label={labels.jumpToLatest} title={labels.jumpToLatest} onClick={onJumpToLatest}>
          {arrowDownIcon()}
        </button>
      )}
    </div>
  );
}
