import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { EmbedOptions } from "../embed/index.js";
import { CodeSnippet } from "./code-snippet.js";
import { afterSend, DEFAULT_SETTINGS, demoEndpoint, faultParam, type DemoSettings } from "./demo-settings.js";
import { Playground } from "./playground.js";
import { INSTALL_SNIPPET } from "./snippets.js";
import { ThreeWays } from "./three-ways.js";
import { usePageTheme } from "./use-page-theme.js";
import { useServerInfo } from "./use-server-info.js";

const PROMISES = [
  { title: "Markdown as it arrives", text: "Finished blocks are frozen and never re-rendered; only the tail moves. The final DOM equals a one-shot render." },
  { title: "Stop stops", text: "The request is aborted, the server sees the socket close, and the partial answer stays, marked stopped." },
  { title: "Nothing lost on failure", text: "Dropped connections, HTTP errors and broken events keep the question and the partial answer, with Retry." },
  { title: "Eight wire protocols", text: "OpenAI (both APIs), Anthropic, Gemini, the AI SDK, Ollama, generic SSE and plain text, detected or named." },
  { title: "Safe by construction", text: "Model output cannot run code: no innerHTML, raw HTML shown as text, links through a URL policy." },
  { title: "Any page, any CSP", text: "One script file in a Shadow DOM, styles adopted, never injected: it works under style-src 'self'." },
];

/**
 * The standalone demo page: the widget with its controls and live figures, the three ways to ship
 * it side by side, and what it promises.
 *
 * @example
 * createRoot(document.getElementById("root")!).render(<DemoApp />);
 */
export function DemoApp() {
  const info = useServerInfo();
  const { choice, resolved, setChoice } = usePageTheme();
  const [settings, setSettings] = useState<DemoSettings>(DEFAULT_SETTINGS);
  const patch = useCallback((change: Partial<DemoSettings>) => setSettings((current) => ({ ...current, ...change })), []);
  // A one-shot fault is used up by the message that carried it; the note says which one it was.
  const [usedFault, setUsedFault] = useState<string | undefined>();
  const latest = useRef(settings);
  useEffect(() => {
    latest.current = settings;
  });
  const consumeFault = useCallback(() => {
    const fault = faultParam(latest.current);
    setUsedFault(latest.current.faultOnce ? fault : undefined);
    setSettings(afterSend);
  }, []);
  const mode = info.mode === "proxy" ? "proxy" : "mock";
  const endpoint = demoEndpoint(settings, mode);

  const embedOptions = useMemo<EmbedOptions>(
    () => ({
      endpoint,
      title: "Ask rivulet",
      position: "left",
      subtitle: "The script-tag launcher",
      theme: resolved,
      smooth: settings.smooth,
      protocol: mode === "mock" ? settings.protocol : "auto",
      transport: mode === "mock" ? settings.transport : "fetch",
      idleTimeoutMs: settings.idleTimeoutS * 1000,
      suggestions: info.mode === "mock" ? info.prompts.slice(0, 3).map((p) => p.prompt) : undefined,
    }),
    [endpoint, resolved, settings.smooth, settings.protocol, settings.transport, settings.idleTimeoutS, mode, info],
  );

  return (
    <div className="page">
      <header className="topbar">
        <div className="topbar-inner">
        <a className="brand" href="#top" aria-label="rivulet, top of the page">
          <img src="/favicon.svg" alt="" width="26" height="26" />
          <span>rivulet</span>
        </a>
        <nav className="topnav" aria-label="Sections">
          <a href="#playground">Playground</a>
          <a href="#ways">Three ways</a>
          <a href="#promises">Promises</a>
        </nav>
        <button
          type="button"
          className="theme-toggle"
          aria-label={resolved === "dark" ? "Switch to the light theme" : "Switch to the dark theme"}
          onClick={() => setChoice(resolved === "dark" ? "light" : "dark")}
        >
          {resolved === "dark" ? <SunGlyph /> : <MoonGlyph />}
        </button>
        </div>
      </header>

      <main id="top">
        <section className="hero">
          <p className="eyebrow">
            <span className="live-dot" aria-hidden="true" />
            {info.mode === "proxy" ? `Live: answered by ${info.provider}` : "Built-in mock model: no key, no service"}
          </p>
          <h1 className="hero-title">rivulet</h1>
          <div className="hero-copy">
            <p className="hero-lede">
              The streaming chat widget for LLM answers. Markdown that renders as it arrives, a Stop that really stops, eight
              wire protocols, and one small file for any website.
            </p>
            <div className="hero-actions">
              <a className="button button--primary" href="#ways">
                Get the code
              </a>
              <div className="install">
                <CodeSnippet label="Install" code={INSTALL_SNIPPET} />
              </div>
            </div>
          </div>
        </section>

        <section id="playground" className="section" aria-labelledby="playground-title">
          <div className="section-head section-head--inline">
            <h2 id="playground-title">Playground</h2>
            <p>
              Pick a prompt, switch protocols, break the connection on purpose. Every control feeds the next request.
            </p>
          </div>
          <Playground
            info={info}
            settings={settings}
            onSettings={patch}
            onSent={consumeFault}
            usedFault={usedFault}
            theme={choice}
            resolvedTheme={resolved}
            onTheme={setChoice}
          />
        </section>

        <section id="ways" className="section" aria-labelledby="ways-title">
          <div className="section-head">
            <h2 id="ways-title">Three ways to ship it</h2>
            <p>The same streaming core under each. Copy the one that fits: every snippet is complete.</p>
          </div>
          <ThreeWays settings={settings} endpoint={endpoint} theme={resolved} embedOptions={embedOptions} onSent={consumeFault} />
        </section>

        <section id="promises" className="section" aria-labelledby="promises-title">
          <div className="section-head">
            <h2 id="promises-title">What it promises, and tests</h2>
            <p>Each of these is an invariant with its own tests, many of them in a real browser.</p>
          </div>
          <ul className="promises">
            {PROMISES.map((p) => (
              <li key={p.title} className="promise">
                <h3>{p.title}</h3>
                <p>{p.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>

      <footer className="footer">
        <span>rivulet · MIT</span>
        <span>This page is served by <code>npm start</code>: Vite and the chat handler on one port.</span>
      </footer>
    </div>
  );
}

function SunGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="glyph">
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </svg>
  );
}

function MoonGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="glyph">
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </svg>
  );
}
