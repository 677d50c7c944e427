import { useRef } from "react";
import { Chat, type ChatHandle } from "../react/index.js";
import { DemoControls } from "./demo-controls.js";
import { demoEndpoint, type DemoSettings } from "./demo-settings.js";
import { LiveFigures, useRunFigures } from "./live-figures.js";
import { PROXY_PROMPTS, type DemoPrompt, type ServerInfo } from "./use-server-info.js";
import type { ThemeChoice } from "./use-page-theme.js";

/** Props of {@link Playground}. */
export interface PlaygroundProps {
  info: ServerInfo;
  settings: DemoSettings;
  onSettings(patch: Partial<DemoSettings>): void;
  /** A message went out: a one-shot fault is used up. */
  onSent(): void;
  /** The one-shot fault the last message carried, if any. */
  usedFault?: string;
  theme: ThemeChoice;
  resolvedTheme: "light" | "dark";
  onTheme(theme: ThemeChoice): void;
}

/** What the prompt chips say about each kind of mock answer. */
const PROMPT_TAGS: Record<string, string> = {
  code: "Code",
  table: "Table",
  list: "Lists",
  think: "Reasoning",
  long: "Long · try Stop",
  error: "Error mid-stream",
  help: "Help",
};

/**
 * The widget itself, with the prompts to try, the controls and the live figures beside it.
 *
 * @example
 * <Playground info={info} settings={settings} onSettings={patch} onSent={consumeFault} theme="auto"
 *   resolvedTheme="light" onTheme={setTheme} />
 */
export function Playground({ info, settings, onSettings, onSent, usedFault, theme, resolvedTheme, onTheme }: PlaygroundProps) {
  const chat = useRef<ChatHandle | null>(null);
  const run = useRunFigures(chat);
  const mock = info.mode !== "proxy";
  const prompts: readonly DemoPrompt[] = info.mode === "mock" ? info.prompts : info.mode === "proxy" ? PROXY_PROMPTS : [];
  const endpoint = demoEndpoint(settings, mock ? "mock" : "proxy");
  const busy = run.figures.phase === "waiting" || run.figures.phase === "streaming";

  return (
    <div className="playground">
      <div className="playground-main">
        <div className="prompts" role="group" aria-label="Suggested prompts">
          {prompts.map((p) => (
            <button
              key={p.prompt}
              type="button"
              className="prompt"
              data-keyword={p.keyword}
              title={p.description}
              disabled={busy}
              onClick={() => chat.current?.send(p.prompt)}
            >
              <span className="prompt-tag">{PROMPT_TAGS[p.keyword] ?? p.description}</span>
              <span className="prompt-text">{p.prompt}</span>
            </button>
          ))}
        </div>
        <div className="chat-frame">
          <Chat
            ref={chat}
            className="demo-chat"
            endpoint={endpoint}
            transport={mock ? settings.transport : "fetch"}
            protocol={mock ? settings.protocol : "auto"}
            idleTimeoutMs={settings.idleTimeoutS * 1000}
            smooth={settings.smooth}
            theme={resolvedTheme}
            title="rivulet"
            subtitle={info.mode === "proxy" ? `${info.provider}${info.model ? ` · ${info.model}` : ""}` : "Mock model · no API key"}
            showStats
            suggestions={prompts.slice(0, 4).map((p) => p.prompt)}
            onSend={() => {
              run.onSend();
              onSent();
            }}
            onFinish={run.onFinish}
            onError={run.onError}
          />
        </div>
        <p className="request-line" aria-label="The request the next message makes">
          <span className="request-method">{mock && settings.transport === "websocket" ? "WS" : "POST"}</span>
          <code data-testid="request-url">{endpoint}</code>
        </p>
      </div>
      <aside className="playground-side" aria-label="Playground settings">
        <LiveFigures figures={run.figures} dropped={run.frames.dropped} longestMs={run.frames.longestMs} />
        {info.mode === "proxy" && (
          <div className="proxy-note" data-testid="proxy-note">
            <strong>Proxy mode.</strong> Answers come from <b>{info.provider}</b>
            {info.model ? ` (${info.model})` : ""} through this server; your key never reaches the browser. The mock model's
            controls are hidden.
          </div>
        )}
        <DemoControls settings={settings} onChange={onSettings} mockOnly={mock} usedFault={usedFault} theme={theme} onTheme={onTheme} />
      </aside>
    </div>
  );
}
