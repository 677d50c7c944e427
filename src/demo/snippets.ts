/**
 * The copy-paste snippets of the three ways to ship rivulet. The React one follows the controls, so
 * what a visitor copies is the widget they just tried.
 */
import { DEFAULT_SETTINGS, type DemoSettings } from "./demo-settings.js";

/**
 * `<Chat>` with the props the controls changed from their defaults.
 *
 * @example
 * reactSnippet({ ...DEFAULT_SETTINGS, protocol: "anthropic" }); // contains 'protocol="anthropic"'
 */
export function reactSnippet(settings: DemoSettings = DEFAULT_SETTINGS): string {
  const props = ['endpoint="/api/chat"', 'title="Ask our docs"'];
  if (settings.protocol !== DEFAULT_SETTINGS.protocol) props.push(`protocol="${settings.protocol}"`);
  if (settings.transport === "websocket") props.push('transport="websocket"');
  if (!settings.smooth) props.push("smooth={false}");
  if (settings.idleTimeoutS !== DEFAULT_SETTINGS.idleTimeoutS) props.push(`idleTimeoutMs={${settings.idleTimeoutS * 1000}}`);
  props.push('persist="docs-chat"', 'suggestions={["Show me some code"]}');
  return [
    'import { Chat } from "rivulet/react";',
    'import "rivulet/styles.css";',
    "",
    "export function Help() {",
    "  return (",
    "    <div style={{ height: 600 }}>",
    "      <Chat",
    ...props.map((prop) => `        ${prop}`),
    "      />",
    "    </div>",
    "  );",
    "}",
  ].join("\n");
}

/** The headless example: `useChat` state and actions, with a UI of one's own. */
export const HEADLESS_SNIPPET = `import { Markdown, useChat } from "rivulet/react";

export function MiniChat() {
  const chat = useChat({ endpoint: "/api/chat" });
  const busy = chat.status === "submitted"
    || chat.status === "streaming";

  return (
    <div>
      {chat.messages.map((m) =>
        m.role === "user" ? (
          <p key={m.id}>{m.content}</p>
        ) : (
          <Markdown
            key={m.id}
            text={m.content}
            streaming={m.state === "streaming"}
          />
        ),
      )}
      {chat.error && (
        <p role="alert">
          {chat.error.message}
          <button onClick={() => chat.retry()}>
            Retry
          </button>
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const q = event.currentTarget.q;
          if (q.value.trim()) void chat.send(q.value);
          q.value = "";
        }}
      >
        <input name="q" placeholder="Ask anything" />
        {busy ? (
          <button type="button" onClick={chat.stop}>
            Stop
          </button>
        ) : (
          <button>Send</button>
        )}
      </form>
    </div>
  );
}`;

/** The script tag: a launcher with no other code, then the JavaScript API for an inline widget. */
export const SCRIPT_SNIPPET = `<!-- A launcher in the corner, no code -->
<script src="/rivulet.js" async
  data-endpoint="/api/chat"
  data-title="Ask us"></script>

<!-- Or inline, where you want it -->
<div id="help" style="height: 560px"></div>
<script src="/rivulet.js"></script>
<script>
  const chat = Rivulet.mount("#help", {
    endpoint: "/api/chat",
  });
  chat.on("message", ({ message }) =>
    console.log(message.content));
</script>`;

/** The install line. */
export const INSTALL_SNIPPET = "npm install rivulet";
