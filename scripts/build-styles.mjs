// The stylesheets the build ships: dist/styles.css for the npm import, and the same rules adapted
// for the embed's Shadow DOM, where they travel inside the JavaScript as one string.
import { existsSync, readFileSync } from "node:fs";

/** The package stylesheet's parts, in cascade order: custom properties first, then markdown, then the chat. */
export const STYLE_PARTS = ["src/styles/theme.css", "src/styles/markdown.css", "src/styles/chat.css"];

/** dist/styles.css: the parts concatenated into one file with no @import, so bundlers need not resolve any. */
export function packageCss() {
  const found = STYLE_PARTS.filter((file) => existsSync(file));
  const missing = STYLE_PARTS.filter((file) => !existsSync(file));
  if (missing.length > 0) console.warn(`rivulet: stylesheet part(s) missing, left out: ${missing.join(", ")}`);
  const parts = found.map((file) => `/* ${file.replace("src/styles/", "")} */\n${readFileSync(file, "utf8").trim()}\n`);
  const css = parts.join("\n");
  if (/@import\b/.test(css)) throw new Error("rivulet: src/styles/*.css must not use @import (dist/styles.css is one file)");
  return css;
}

/**
 * The stylesheet the embed adopts in its shadow root: the package CSS made shadow-safe, then the
 * launcher and panel rules of src/embed/embed.css (last, so they win ties).
 * - `rem` is relative to the HOST page's root font size (a page may set 40px), so it becomes px at 16px.
 * - `:root` matches nothing inside a shadow tree; the custom properties it declares belong on `:host`.
 * - Comments and indentation go: they would only add bytes to dist/rivulet.js.
 */
export function embedCss(packageStyles = packageCss()) {
  const css = `${packageStyles}\n${readFileSync("src/embed/embed.css", "utf8")}`;
  return minifyCss(
    css
      .replace(/(^|[^\w.-])(-?\d*\.?\d+)rem\b/g, (_, before, n) => `${before}${trimNumber(Number(n) * 16)}px`)
      .replace(/:root\b/g, ":host"),
  );
}

function trimNumber(value) {
  return String(Math.round(value * 1000) / 1000);
}

/** Conservative: drops comments and line indentation only, never touches what is inside a rule. */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .join("\n");
}
