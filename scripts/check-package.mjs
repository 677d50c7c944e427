#!/usr/bin/env node
// `npm test`'s package stage, on the BUILT dist/: what a user installing rivulet gets.
// 1. publint: package.json's exports, files and fields agree with what is packed.
// 2. @arethetypeswrong/cli, esm-only profile (rivulet ships ESM only, on purpose: node10 and
//    require() from CommonJS are not supported targets). ./styles.css is left out: a stylesheet has
//    no types or JavaScript for attw to resolve.
// 3. Server rendering: "rivulet", "rivulet/react" and "rivulet/embed" import in plain Node (no DOM),
//    by their public names (a package may import itself by name through its exports), and Chat and
//    Markdown render to HTML with react-dom/server.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = (name) => join("node_modules", ".bin", name);

function step(title, command, args) {
  console.info(`rivulet: ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`rivulet: ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

step("publint", bin("publint"), ["--strict"]);
step("attw (esm-only)", bin("attw"), ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", "./styles.css"]);

const ssr = `
const assert = (ok, message) => { if (!ok) { console.error("rivulet: SSR check: " + message); process.exit(1); } };
assert(typeof window === "undefined" && typeof document === "undefined", "this check must run with no DOM");
const core = await import("rivulet");
assert(typeof core.ChatError === "function", "rivulet exports ChatError");
const react = await import("rivulet/react");
const embed = await import("rivulet/embed");
assert(typeof embed.mount === "function", "rivulet/embed exports mount");
const { createElement } = await import("react");
const { renderToString } = await import("react-dom/server");
assert(react.Markdown != null && typeof react.loadCharacterReferences === "function", "rivulet/react exports Markdown and the on-demand loaders");
{
  const html = renderToString(createElement(react.Markdown, { text: "**bold** [x](javascript:alert(1))" }));
  assert(html.includes("<strong>bold</strong>") && !html.includes("javascript:"), "Markdown renders on the server: " + html);
}
await Promise.all([react.loadHighlighter(), react.loadCharacterReferences()]);
{
  const html = renderToString(createElement(react.Markdown, { text: ["&HilbertSpace; &copy;", "", "~~~js", "const a = 1;", "~~~"].join("\\n") }));
  assert(html.includes("\u210B") && html.includes("\u00A9"), "named references decode on the server after loadCharacterReferences(): " + html);
  assert(html.includes("hljs-keyword"), "code highlights on the server after loadHighlighter(): " + html);
}
if (react.Chat) {
  const html = renderToString(createElement(react.Chat, { endpoint: "/api/chat", title: "Server rendered" }));
  assert(html.includes("Server rendered"), "Chat renders on the server: " + html.slice(0, 200));
} else {
  console.warn("rivulet: rivulet/react does not export Chat yet: not server-rendered");
}
console.info("rivulet: rivulet, rivulet/react and rivulet/embed import and render in Node");
`;
step("server-side import and render", process.execPath, ["--input-type=module", "-e", ssr]);
