import { useRef, type KeyboardEvent, type RefObject } from "react";
import { SendIcon, StopIcon } from "./icons.js";

/** Props of {@link Composer}. */
export interface ComposerProps {
  value: string;
  onChange(value: string): void;
  /** Called with the text on Enter or a click on Send; not called while busy or for blank text. */
  onSubmit(text: string): void;
  onStop(): void;
  /** True while an answer is requested or streaming: the button is Stop. */
  busy: boolean;
  label: string;
  placeholder: string;
  sendLabel: string;
  stopLabel: string;
  /** The textarea, for the owner to focus it. */
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  autoFocus?: boolean;
}

/**
 * The message box: an auto-growing textarea and ONE button that is Send while idle and Stop while
 * an answer streams. It is the same element in both roles, so keyboard focus stays on it when the
 * role changes; it is never `disabled` (a disabled button drops focus), only `aria-disabled`.
 *
 * Enter sends, Shift+Enter is a newline, and nothing is sent while an input method is composing
 * (a Japanese or Chinese IME confirms its candidate with Enter: `isComposing`, or keyCode 229 in
 * browsers that fire keydown before compositionstart). Escape stops a streaming answer.
 *
 * @example
 * <Composer value={draft} onChange={setDraft} onSubmit={send} onStop={stop} busy={false}
 *   label="Message" placeholder="Send a message…" sendLabel="Send" stopLabel="Stop" />
 */
export function Composer(props: ComposerProps) {
  const { value, onChange, onSubmit, onStop, busy } = props;
  const ownRef = useRef<HTMLTextAreaElement | null>(null);
  const textareaRef = props.textareaRef ?? ownRef;
  const composing = useRef(false);
  const blank = value.trim() === "";

  const submit = () => {
    if (busy || blank) return;
    onSubmit(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Escape" && busy) {
      event.preventDefault();
      onStop();
      return;
    }
    if (event.key !== "Enter" || event.shiftKey) return;
    if (event.nativeEvent.isComposing || event.keyCode === 229 || composing.current) return;
    event.preventDefault();
    submit();
  };

  const inactive = !busy && blank;
  return (
    <form
      className="rv-composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {/* The textarea grows with its text by CSS alone: it shares a grid cell with an invisible copy of
          the text (::after, from data-value) that sizes the cell, up to a maximum, after which the
          textarea scrolls. No height is measured or written, so no style attribute, no layout read
          per keystroke, and the right height from the first paint, on the server's HTML too. */}
      <div className="rv-composer-grow" data-value={value}>
        <textarea
          ref={textareaRef}
          className="rv-composer-input"
          rows={1}
          dir="auto"
          value={value}
          aria-label={props.label}
          placeholder={props.placeholder}
          autoFocus={props.autoFocus}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onCompositionStart={() => (composing.current = true)}
          onCompositionEnd={() => (composing.current = false)}
        />
      </div>
      <button
        type="button"
        className={busy ? "rv-composer-button rv-composer-button--stop" : "rv-composer-button"}
        aria-label={busy ? props.stopLabel : props.sendLabel}
        aria-disabled={inactive || undefined}
        title={busy ? props.stopLabel : props.sendLabel}
        onClick={busy ? onStop : submit}
      >
        {busy ? <StopIcon /> : <SendIcon />}
      </button>
    </form>
  );
}
