/**
 * The script-tag embed on the demo page, straight from src/embed through Vite (no build step): in
 * production `dist/rivulet.js` carries its stylesheet inside, put there by scripts/build.mjs as the
 * `RIVULET_EMBED_CSS` constant. Under the dev server that constant is not defined, so this module
 * hands the embed the same stylesheet, made shadow-safe the same way, before the embed's module runs.
 */
import chatCss from "../styles/chat.css?inline";
import markdownCss from "../styles/markdown.css?inline";
import themeCss from "../styles/theme.css?inline";
import embedCss from "../embed/embed.css?inline";

type EmbedModule = typeof import("../embed/index.js");

let loading: Promise<EmbedModule> | undefined;

/**
 * The embed's stylesheet for a shadow root: `:root` matches nothing inside a shadow tree (its custom
 * properties belong on `:host`), and rem would follow the host page's root font size, so it becomes px.
 *
 * @example
 * shadowSafeCss(":root { --x: 1rem }"); // ":host { --x: 16px }"
 */
export function shadowSafeCss(css: string): string {
  return css.replace(/(^|[^\w.-])(-?\d*\.?\d+)rem\b/g, (_, before: string, n: string) => `${before}${Number(n) * 16}px`).replace(/:root\b/g, ":host");
}

/**
 * Imports the embed once (`mount`, `init`, `<rivulet-chat>`), its stylesheet in place.
 *
 * @example
 * const { init } = await loadEmbed();
 * init({ endpoint: "/api/chat" });
 */
export function loadEmbed(): Promise<EmbedModule> {
  const scope = globalThis as { RIVULET_EMBED_CSS?: string };
  scope.RIVULET_EMBED_CSS ??= shadowSafeCss([themeCss, markdownCss, chatCss, embedCss].join("\n"));
  loading ??= import("../embed/index.js");
  return loading;
}
