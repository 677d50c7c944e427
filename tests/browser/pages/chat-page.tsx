// The page the real-Chromium tests of <Chat> drive (tests/browser/chat*.test.ts), served by the Vite
// dev server. Query parameters: endpoint, theme, persist, smooth=0, stats=1, shadow=1 (mount inside
// an open Shadow DOM with adopted stylesheets, as the embed does), suggestions=1, height.
import { createRef, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Chat, type ChatHandle } from "../../../src/react/chat.js";

const styles = import.meta.glob<string>("../../../src/styles/{theme,markdown,chat}.css", {
  query: "?inline",
  import: "default",
  eager: true,
});
const css = ["theme", "markdown", "chat"]
  .map((name) => styles[`../../../src/styles/${name}.css`] ?? "")
  .join("\n");

const params = new URLSearchParams(location.search);
const theme = (params.get("theme") ?? "light") as "light" | "dark" | "auto";
const events: { type: string; detail: unknown }[] = [];
const handle = createRef<ChatHandle>();
Object.assign(window, { chatEvents: events, chatHandle: handle });

const host = document.getElementById("root")!;
host.style.height = `${params.get("height") ?? "560"}px`;
host.style.maxWidth = "720px";
document.body.style.margin = "24px";
document.body.style.fontFamily = "system-ui, sans-serif";
document.body.style.background = theme === "dark" ? "#0b0c10" : "#f3f4f6";
document.body.style.color = theme === "dark" ? "#e8eaee" : "#1b1f24";

let container: HTMLElement = host;
const sheet = new CSSStyleSheet();
sheet.replaceSync(params.get("shadow") === "1" ? `:host { display: block; height: 100%; } ${css}` : css);
if (params.get("shadow") === "1") {
  const shadow = host.attachShadow({ mode: "open" });
  shadow.adoptedStyleSheets = [sheet];
  container = document.createElement("div");
  container.style.height = "100%";
  shadow.append(container);
} else {
  document.adoptedStyleSheets = [sheet];
}

createRoot(container).render(
  <StrictMode>
    <Chat
      ref={handle}
      endpoint={params.get("endpoint") ?? "/api/chat"}
      title="Rivulet"
      subtitle="Streaming answers, rendered as they arrive"
      theme={theme}
      persist={params.get("persist") ?? undefined}
      smooth={params.get("smooth") !== "0"}
      showStats={params.get("stats") === "1"}
      suggestions={params.get("suggestions") === "1" ? ["Explain streaming", "Write a haiku", "Show some code"] : undefined}
      onSend={(text) => events.push({ type: "send", detail: text })}
      onFinish={(message, info) => events.push({ type: "finish", detail: { state: message.state, timings: info.timings } })}
      onError={(error) => events.push({ type: "error", detail: error.message })}
    />
  </StrictMode>,
);
