/**
 * Options of the embed, and how HTML spells them: `data-idle-timeout-ms="30000"` on the script tag,
 * `idle-timeout-ms="30000"` on `<rivulet-chat>`, `idleTimeoutMs: 30000` in JavaScript.
 */
import type { EmbedChatProps } from "./embed-chat.js";

/** What only the embed understands; everything else goes to the chat as it is. */
export interface EmbedOwnOptions {
  /**
   * Float in a corner behind a round launcher button instead of rendering inline. Default: true for
   * the script tag and `Rivulet.init`, false for `Rivulet.mount` and `<rivulet-chat>`.
   */
  launcher?: boolean;
  /** The launcher's corner. Default `"right"`. */
  position?: "right" | "left";
  /** Stacking order of the launcher and its panel. Default 2147483000. */
  zIndex?: number;
  /** Start with the panel open (launcher only). Default false. */
  open?: boolean;
  /** Accessible name of the launcher while the panel is closed. Default `"Open chat"`. */
  launcherLabel?: string;
}

/**
 * Options of `Rivulet.mount`, `Rivulet('init', …)`, the script tag's data- attributes and
 * `<rivulet-chat>`'s attributes: the chat's own options plus the embed's.
 *
 * @example
 * const options: EmbedOptions = { endpoint: "/api/chat", title: "Help", position: "left" };
 */
export type EmbedOptions = EmbedChatProps & EmbedOwnOptions;

const OWN_KEYS = ["launcher", "position", "zIndex", "open", "launcherLabel"] as const satisfies ReadonlyArray<
  keyof EmbedOwnOptions
>;

/**
 * Splits options into the embed's and the chat's.
 *
 * @example
 * splitOptions({ endpoint: "/x", zIndex: 5 }); // { own: { zIndex: 5 }, chat: { endpoint: "/x" } }
 */
export function splitOptions(options: EmbedOptions): { own: EmbedOwnOptions; chat: EmbedChatProps } {
  const own: Record<string, unknown> = {};
  const chat: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if ((OWN_KEYS as readonly string[]).includes(key)) own[key] = value;
    else chat[key] = value;
  }
  return { own: own as EmbedOwnOptions, chat: chat as EmbedChatProps };
}

/** Options whose value is text even when it looks like a number or `true` (a title of "42" is text). */
const TEXT_OPTIONS = new Set([
  "endpoint",
  "title",
  "subtitle",
  "avatar",
  "system",
  "theme",
  "position",
  "protocol",
  "credentials",
  "persist",
  "placeholder",
  "launcherLabel",
]);

/**
 * One attribute's text as the option's value: text options stay text; otherwise `""`/`"true"` and
 * `"false"` are booleans, a decimal is a number, and `{…}`, `[…]` or `"…"` is JSON.
 *
 * @example
 * parseOptionValue("idleTimeoutMs", "30000"); // 30000
 * parseOptionValue("headers", '{"x-key":"1"}'); // { "x-key": "1" }
 * parseOptionValue("title", "42"); // "42"
 */
export function parseOptionValue(name: string, text: string): unknown {
  if (TEXT_OPTIONS.has(name)) return text;
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "true") return true;
  if (trimmed === "false") return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch (error) {
      throw new TypeError(
        `rivulet: the ${toKebab(name)} attribute is not valid JSON (${(error as Error).message}). ` +
          `Did you mean to quote it, e.g. data-${toKebab(name)}='{"key":"value"}'?`,
        { cause: error },
      );
    }
  }
  return text;
}

/**
 * The script tag's options, from its data- attributes (the browser already camel-cases dataset keys).
 *
 * @example
 * // <script src="rivulet.js" data-endpoint="/api/chat" data-z-index="10">
 * readDataOptions(script); // { endpoint: "/api/chat", zIndex: 10 }
 */
export function readDataOptions(element: HTMLElement): EmbedOptions {
  const options: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(element.dataset)) {
    if (text !== undefined) setParsed(options, name, text);
  }
  return options as EmbedOptions;
}

/** HTML's own attributes, which mean what HTML says on `<rivulet-chat>` too, not options. */
const GLOBAL_ATTRIBUTES = /^(id|class|style|slot|part|hidden|lang|dir|tabindex|inert|is|role|nonce|autofocus|popover|translate|draggable|spellcheck|enterkeyhint|inputmode|contenteditable|accesskey|exportparts|aria-.*|data-.*|on.*)$/;

/**
 * `<rivulet-chat>`'s options, from its attributes (kebab-case becomes camelCase).
 *
 * @example
 * // <rivulet-chat endpoint="/api/chat" idle-timeout-ms="30000">
 * readAttributeOptions(element); // { endpoint: "/api/chat", idleTimeoutMs: 30000 }
 */
export function readAttributeOptions(element: Element): EmbedOptions {
  const options: Record<string, unknown> = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (GLOBAL_ATTRIBUTES.test(name)) continue;
    setParsed(options, toCamel(name), value);
  }
  return options as EmbedOptions;
}

/** One bad attribute is reported and left out; it must not take the whole widget down. */
function setParsed(options: Record<string, unknown>, name: string, text: string): void {
  try {
    options[name] = parseOptionValue(name, text);
  } catch (error) {
    console.error(error);
  }
}

/** `idle-timeout-ms` → `idleTimeoutMs`. */
export function toCamel(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** `idleTimeoutMs` → `idle-timeout-ms`. */
export function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
