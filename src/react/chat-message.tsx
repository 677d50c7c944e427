import { memo, useState, type ComponentProps, type KeyboardEvent } from "react";
import type { ChatMessage } from "../core/types.js";
import type { ChatLabels } from "./chat-labels.js";
import { copyButton, type CopyMessage } from "./copy-button.js";
import { editIcon, refreshIcon } from "./icons.js";
import { Markdown } from "./markdown.js";
import { ToolCallCard } from "./tool-call-card.js";
import type { ChatFinishTimings } from "./use-chat.js";
import { useSmoothText } from "./use-smooth-text.js";

/** What `<Chat>` passes through to every `<Markdown>` it renders. */
export type ChatMarkdownOptions = Pick<ComponentProps<typeof Markdown>, "components" | "images">;

/** Props of {@link AssistantMessage} (and, with two more, of {@link UserMessage}). */
export interface ChatMessageViewProps {
  message: ChatMessage;
  labels: ChatLabels;
  /** The last answer: it gets Regenerate (and Retry when it failed). */
  lastAnswer: boolean;
  /** The last question: it gets Edit. */
  lastQuestion: boolean;
  /** An answer is being requested or streaming: actions that start a request are hidden. */
  busy: boolean;
  smooth: boolean;
  timings?: ChatFinishTimings;
  showStats: boolean;
  markdown?: ChatMarkdownOptions;
  /** This message's copy button says "Copied" (the list keeps which one: at most one at a time). */
  copied: boolean;
  /** Copies a message's text; stable, so it never re-renders a message. */
  onCopy: CopyMessage;
  onRegenerate(): void;
  onRetry(): void;
  onEdit(message: ChatMessage, text: string): void;
}

/** Props of {@link UserMessage}: a question also knows whether it is being edited. */
export interface UserMessageProps extends ChatMessageViewProps {
  /** This question is open for editing (the list keeps which one: at most one at a time). */
  editing: boolean;
  /** Opens (an id) or closes (undefined) the editor; stable, so it never re-renders a message. */
  onEditing(id: string | undefined): void;
}

/**
 * A question of the transcript: a bubble with Copy, and Edit when it is the last one. `dir="auto"`
 * lets right-to-left text read right. Memoized: the store keeps the identity of untouched messages,
 * so a long transcript does not re-render per token. It keeps no state of its own: which question
 * is being edited lives in the list, the draft in the editor while it is open, because every
 * message of a long conversation stays mounted and keeps whatever it holds.
 *
 * @example
 * <UserMessage message={m} labels={defaultChatLabels} lastAnswer={false} lastQuestion busy={false}
 *   smooth showStats={false} copied={false} onCopy={copy} editing={false} onEditing={setEditing} onRegenerate={regenerate}
 *   onRetry={retry} onEdit={edit} />
 */
export const UserMessage = memo(function UserMessage(props: UserMessageProps) {
  const { message, labels, lastQuestion, busy } = props;
  if (props.editing) return <EditForm message={message} labels={labels} onEditing={props.onEditing} onEdit={props.onEdit} />;
  return (
    <div className="rv-msg rv-msg--user">
      <span className="rv-sr-only">{`${labels.you}: `}</span>
      <div className="rv-bubble" dir="auto">
        {message.content}
      </div>
      <div className="rv-actions">
        {copyOf(props)}
        {lastQuestion && !busy && (
          <button type="button" className="rv-action" aria-label={labels.edit} title={labels.edit} onClick={() => props.onEditing(message.id)}>
            {editIcon()}
          </button>
        )}
      </div>
    </div>
  );
});

function copyOf({ message, labels, copied, onCopy }: ChatMessageViewProps) {
  return copyButton({
    copied,
    label: labels.copy,
    copiedLabel: labels.copied,
    onClick: (event) => onCopy(message.id, message.content, event.currentTarget),
  });
}

function EditForm({ message, labels, onEditing, onEdit }: Pick<UserMessageProps, "message" | "labels" | "onEditing" | "onEdit">) {
  const [draft, setDraft] = useState(message.content);
  const submit = () => {
    if (draft.trim() === "") return;
    onEditing(undefined);
    onEdit(message, draft);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onEditing(undefined);
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <div className="rv-msg rv-msg--user rv-msg--editing">
      <textarea
        className="rv-edit-input"
        dir="auto"
        aria-label={labels.edit}
        value={draft}
        // The user asked to edit: moving focus into the field is what they expect.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="rv-edit-actions">
        <button type="button" className="rv-button rv-button--ghost" onClick={() => onEditing(undefined)}>
          {labels.editCancel}
        </button>
        <button type="button" className="rv-button rv-button--primary" onClick={submit}>
          {labels.editSubmit}
        </button>
      </div>
    </div>
  );
}

/**
 * An answer of the transcript: markdown with a typing cursor while it streams, preceded by its
 * reasoning (collapsed) and tool calls, followed by its state (stopped, interrupted, failed with
 * Retry), its figures and its actions. Memoized like {@link UserMessage}: only the streaming answer
 * re-renders per frame.
 *
 * @example
 * <AssistantMessage message={m} labels={defaultChatLabels} lastAnswer lastQuestion={false} busy={false}
 *   smooth showStats={false} copied={false} onCopy={copy} onRegenerate={regenerate} onRetry={retry} onEdit={edit} />
 */
export const AssistantMessage = memo(function AssistantMessage(props: ChatMessageViewProps) {
  const { message, labels, lastAnswer, busy, timings, showStats } = props;
  const streaming = message.state === "streaming";
  const shown = useSmoothText(message.content, streaming, props.smooth);
  const reasoning = message.reasoning ?? "";
  const tools = message.toolCalls ?? [];
  const waiting = streaming && message.content === "" && reasoning === "" && tools.length === 0;
  const reasoningStreaming = streaming && message.content === "";
  const stats = showStats && timings && !streaming ? labels.stats(timings) : "";
  const canCopy = message.content !== "";
  const canRegenerate = lastAnswer && !busy && message.state !== "error";

  return (
    <div className="rv-msg rv-msg--assistant" aria-busy={streaming || undefined} data-state={message.state}>
      <span className="rv-sr-only">{`${labels.assistant}: `}</span>
      {reasoning !== "" && (
        <details className="rv-reasoning">
          <summary>{reasoningStreaming ? labels.reasoning : labels.reasoningDone}</summary>
          <div className="rv-reasoning-body" dir="auto">
            <Markdown text={reasoning} streaming={reasoningStreaming} {...props.markdown} />
          </div>
        </details>
      )}
      {tools.map((call) => (
        <ToolCallCard key={call.id} call={call} labels={labels} />
      ))}
      {waiting && (
        <div className="rv-thinking">
          <span className="rv-thinking-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="rv-thinking-label">{labels.thinking}</span>
        </div>
      )}
      {shown !== "" && (
        <div className="rv-answer" dir="auto">
          <Markdown text={shown} streaming={streaming} {...props.markdown} />
        </div>
      )}
      {message.state === "aborted" && (
        <p className="rv-note">{message.interrupted ? labels.interrupted : labels.stopped}</p>
      )}
      {message.state === "error" && (
        <div className="rv-error" role="alert">
          <p className="rv-error-text">{message.error || labels.errorFallback}</p>
          {lastAnswer && !busy && (
            <button type="button" className="rv-button rv-button--danger" onClick={props.onRetry}>
              {refreshIcon()}
              {labels.retry}
            </button>
          )}
        </div>
      )}
      {!streaming && (canCopy || canRegenerate || stats !== "") && (
        <div className="rv-msg-footer">
          <div className="rv-actions">
            {canCopy && copyOf(props)}
            {canRegenerate && (
              <button type="button" className="rv-action" aria-label={labels.regenerate} title={labels.regenerate} onClick={props.onRegenerate}>
                {refreshIcon()}
              </button>
            )}
          </div>
          {stats !== "" && <p className="rv-stats">{stats}</p>}
        </div>
      )}
    </div>
  );
});
