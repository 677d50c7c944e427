import { useEffect, useRef, type FormEvent } from "react";
import { Markdown, useChat } from "../react/index.js";
import type { DemoSettings } from "./demo-settings.js";

/** Props of {@link HeadlessChat}. */
export interface HeadlessChatProps {
  endpoint: string;
  settings: DemoSettings;
  /** A message went out (a one-shot fault is used up). */
  onSent(): void;
}

/**
 * A chat of its own design on `useChat`: the headless snippet, running, with the demo's class names.
 * No `<Chat>` here: this is what an app with its own design system writes.
 *
 * @example
 * <HeadlessChat endpoint="/api/chat" settings={settings} onSent={() => {}} />
 */
export function HeadlessChat({ endpoint, settings, onSent }: HeadlessChatProps) {
  const { messages, status, error, send, stop, retry, setMessages } = useChat({
    endpoint,
    protocol: settings.protocol,
    transport: settings.transport,
    idleTimeoutMs: settings.idleTimeoutS * 1000,
  });
  const busy = status === "submitted" || status === "streaming";
  const log = useRef<HTMLDivElement | null>(null);

  // Follow the answer as it grows (every render is a change of the messages); the full widget has a
  // smarter pin that lets the reader scroll away, this is the three-line version.
  useEffect(() => {
    const node = log.current;
    if (node) node.scrollTop = node.scrollHeight;
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const field = event.currentTarget.elements.namedItem("q") as HTMLInputElement;
    if (field.value.trim() === "" || busy) return;
    void send(field.value);
    onSent();
    field.value = "";
  };

  return (
    <div className="mini" aria-label="Headless example">
      <div className="mini-log" ref={log} role="log" aria-label="Headless conversation">
        {messages.length === 0 && <p className="mini-empty">Ask something. This box is the snippet below, plus class names and a Clear button.</p>}
        {messages.map((m) =>
          m.role === "user" ? (
            <p key={m.id} className="mini-question">
              {m.content}
            </p>
          ) : (
            <div key={m.id} className="mini-answer" data-state={m.state}>
              <Markdown text={m.content} streaming={m.state === "streaming"} />
              {m.state === "aborted" && <span className="mini-note">stopped</span>}
            </div>
          ),
        )}
        {error && (
          <p className="mini-error" role="alert">
            {error.message}{" "}
            <button type="button" className="mini-link" onClick={() => void retry().catch(() => undefined)}>
              Retry
            </button>
          </p>
        )}
      </div>
      <form className="mini-form" onSubmit={onSubmit}>
        <input name="q" className="mini-input" placeholder="Ask anything" aria-label="Headless message" autoComplete="off" />
        {busy ? (
          <button type="button" className="mini-button mini-button--stop" onClick={stop}>
            Stop
          </button>
        ) : (
          <button className="mini-button">Send</button>
        )}
        {messages.length > 0 && !busy && (
          <button type="button" className="mini-link" onClick={() => setMessages([])}>
            Clear
          </button>
        )}
      </form>
    </div>
  );
}
