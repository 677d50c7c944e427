import { memo, useState, type ComponentProps, type KeyboardEvent } from "react";
import type { ChatMessage } from "../core/types.js";
import type { ChatLabels } from "./chat-labels.js";
import { CopyButton } from "./copy-button.js";
import { EditIcon, RefreshIcon } from "./icons.js";
import { Markdown } from "./markdown.js";
import { ToolCallCard } from "./tool-call-card.js";
import type { ChatFinishTimings } from "./use-chat.js";
import { useSmoothText } from "./use-smooth-text.js";

/** What `<Chat>` passes through to every `<Markdown>` it renders. */
export type ChatMarkdownOptions = Pick<ComponentProps<typeof Markdown>, "components" | "images">;

/** Props of {@link ChatMessageView}. */
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
  onRegenerate(): void;
  onRetry(): void;
  onEdit(message: ChatMessage, text: string): void;
}

/**
 * One message of the transcript. A user message is a bubble; an answer is markdown with a typing
 * cursor while it streams, preceded by its reasoning (collapsed) and tool calls, followed by its
 * state (stopped, interrupted, failed with Retry), its figures and its actions. `dir="auto"` lets
 * right-to-left text read right. Memoized: the store keeps the identity of untouched messages, so
 * only the streaming one re-renders per frame.
 *
 * @example
 * <ChatMessageView message={m} labels={defaultChatLabels} lastAnswer lastQuestion={false} busy={false}
 *   smooth showStats={false} onRegenerate={regenerate} onRetry={retry} onEdit={edit} />
 */
export const ChatMessageView = memo(function ChatMessageView(props: ChatMessageViewProps) {
  return props.message.role === "user" ? <UserMessage {...props} /> : <AssistantMessage {...props} />;
});

function UserMessage({ message, labels, lastQuestion, busy, onEdit }: ChatMessageViewProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);

  if (editing) {
    const submit = () => {
      if (draft.trim() === "") return;
      setEditing(false);
      onEdit(message, draft);
    };
    const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setEditing(false);
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
          <button type="button" className="rv-button rv-button--ghost" onClick={() => setEditing(false)}>
            {labels.editCancel}
          </button>
          <button type="button" className="rv-button rv-button--primary" onClick={submit}>
            {labels.editSubmit}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="rv-msg rv-msg--user">
      <span className="rv-sr-only">{labels.you}: </span>
      <div className="rv-bubble" dir="auto">
        {message.content}
      </div>
      <div className="rv-actions">
        <CopyButton text={message.content} label={labels.copy} copiedLabel={labels.copied} />
        {lastQuestion && !busy && (
          <button
            type="button"
            className="rv-action"
            aria-label={labels.edit}
            title={labels.edit}
            onClick={() => {
              setDraft(message.content);
              setEditing(true);
            }}
          >
            <EditIcon />
          </button>
        )}
      </div>
    </div>
  );
}

function AssistantMessage(props: ChatMessageViewProps) {
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
      <span className="rv-sr-only">{labels.assistant}: </span>
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
              <RefreshIcon />
              {labels.retry}
            </button>
          )}
        </div>
      )}
      {!streaming && (canCopy || canRegenerate || stats !== "") && (
        <div className="rv-msg-footer">
          <div className="rv-actions">
            {canCopy && <CopyButton text={message.content} label={labels.copy} copiedLabel={labels.copied} />}
            {canRegenerate && (
              <button type="button" className="rv-action" aria-label={labels.regenerate} title={labels.regenerate} onClick={props.onRegenerate}>
                <RefreshIcon />
              </button>
            )}
          </div>
          {stats !== "" && <p className="rv-stats">{stats}</p>}
        </div>
      )}
    </div>
  );
}
