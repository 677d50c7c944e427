import type { EmbedOptions } from "../embed/index.js";
import { CodeSnippet } from "./code-snippet.js";
import type { DemoSettings } from "./demo-settings.js";
import { EmbedLauncher } from "./embed-card.js";
import { HeadlessChat } from "./headless-chat.js";
import { HEADLESS_SNIPPET, reactSnippet, SCRIPT_SNIPPET } from "./snippets.js";

/** Props of {@link ThreeWays}. */
export interface ThreeWaysProps {
  settings: DemoSettings;
  endpoint: string;
  theme: "light" | "dark";
  embedOptions: EmbedOptions;
  /** A message went out (a one-shot fault is used up). */
  onSent(): void;
}

/**
 * The three ways to ship rivulet, side by side: each with something live on top (the props the
 * playground's `<Chat>` has right now, a `useChat` mini-chat, the script-tag launcher) and its snippet.
 *
 * @example
 * <ThreeWays settings={settings} endpoint="/api/chat" theme="light" embedOptions={{}} onSent={() => {}} />
 */
export function ThreeWays({ settings, endpoint, theme, embedOptions, onSent }: ThreeWaysProps) {
  const props: [string, string][] = [
    ["endpoint", endpoint],
    ["protocol", settings.protocol],
    ["transport", settings.transport],
    ["smooth", String(settings.smooth)],
    ["theme", theme],
    ["idleTimeoutMs", String(settings.idleTimeoutS * 1000)],
    ["showStats", "true"],
  ];
  return (
    <div className="ways">
      <article className="way">
        <p className="way-kicker">1 · npm, React</p>
        <h3>The component</h3>
        <p className="way-text">
          <code>{"<Chat>"}</code> is the whole widget: transcript, composer, stop, retry, copy, themes. The playground is this
          component, with these props right now:
        </p>
        <div className="way-stage">
          <dl className="props-list" aria-label="The playground's props">
            {props.map(([name, value]) => (
              <div key={name} className="prop">
                <dt>{name}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <CodeSnippet label="Help.tsx" code={reactSnippet(settings)} />
      </article>
      <article className="way">
        <p className="way-kicker">2 · npm, headless</p>
        <h3>
          Your own UI on <code>useChat</code>
        </h3>
        <p className="way-text">State and actions, no markup: bring your design system. This one is the snippet, running.</p>
        <div className="way-stage">
          <HeadlessChat endpoint={endpoint} settings={settings} onSent={onSent} />
        </div>
        <CodeSnippet label="MiniChat.tsx" code={HEADLESS_SNIPPET} />
      </article>
      <article className="way">
        <p className="way-kicker">3 · any website</p>
        <h3>One script tag</h3>
        <p className="way-text">
          <code>dist/rivulet.js</code>: React inside, styles in a Shadow DOM, nothing leaks either way. A launcher with no
          code, or <code>Rivulet.mount</code> where you want it.
        </p>
        <div className="way-stage">
          <EmbedLauncher options={embedOptions} onSent={onSent} />
        </div>
        <CodeSnippet label="index.html" code={SCRIPT_SNIPPET} />
      </article>
    </div>
  );
}
