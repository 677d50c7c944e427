import type { ChatMessage, ChatStoreOptions, MessageState, Protocol, Role } from "./types.js";

/**
 * Every option a ChatStore understands. A key outside this list is a mistake worth a loud error.
 *
 * @example
 * // Split a component's props into store options and the rest.
 * const storeOptions = Object.fromEntries(Object.entries(props).filter(([k]) => (CHAT_STORE_OPTION_KEYS as readonly string[]).includes(k)));
 */
export const CHAT_STORE_OPTION_KEYS = [
  "endpoint",
  "headers",
  "body",
  "fetch",
  "credentials",
  "protocol",
  "idleTimeoutMs",
  "system",
  "initialMessages",
  "onFinish",
  "onError",
  "transport",
  "WebSocket",
] as const satisfies ReadonlyArray<keyof ChatStoreOptions>;

/** Names other chat libraries use for our options: a user reaching for them means ours. */
const ALIASES: Record<string, string> = {
  url: "endpoint",
  api: "endpoint",
  apiUrl: "endpoint",
  endpointUrl: "endpoint",
  baseURL: "endpoint",
  baseUrl: "endpoint",
  path: "endpoint",
  fetcher: "fetch",
  systemPrompt: "system",
  instructions: "system",
  messages: "initialMessages",
  timeout: "idleTimeoutMs",
  streamProtocol: "protocol",
  format: "protocol",
  onDone: "onFinish",
  onComplete: "onFinish",
  websocket: "WebSocket",
  webSocket: "WebSocket",
  WebSocketImpl: "WebSocket",
};

const PROTOCOLS: readonly (Protocol | "auto")[] = [
  "auto",
  "openai-chat",
  "openai-responses",
  "anthropic",
  "gemini",
  "ai-sdk",
  "ollama",
  "sse",
  "text",
];

const ROLES: readonly Role[] = ["user", "assistant", "system"];
const STATES: readonly MessageState[] = ["streaming", "done", "aborted", "error"];

/** Levenshtein distance, for "did you mean" hints on typos (`endpiont`, `hedaers`). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The option a mistaken key most likely meant, if any: a known alias from another library, or the
 * closest option name.
 *
 * @example
 * suggestOption("api"); // "endpoint"
 * suggestOption("hedaers"); // "headers"
 */
export function suggestOption(key: string): string | undefined {
  const alias = ALIASES[key] ?? ALIASES[Object.keys(ALIASES).find((k) => k.toLowerCase() === key.toLowerCase()) ?? ""];
  if (alias) return alias;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const known of CHAT_STORE_OPTION_KEYS) {
    const d = distance(key.toLowerCase(), known.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function fail(message: string): never {
  throw new TypeError(`rivulet: ${message}`);
}

function expectType(key: string, value: unknown, types: string[]): void {
  if (value === undefined) return;
  const actual = value === null ? "null" : typeof value;
  if (!types.includes(actual)) fail(`option \`${key}\` must be ${types.join(" or ")}, got ${actual}.`);
}

/**
 * Checks options passed to a ChatStore and throws a `TypeError` with a hint on the first mistake:
 * an unknown key (``Did you mean `endpoint`?``), a wrong type, or an unknown protocol.
 *
 * @example
 * validateChatStoreOptions({ url: "/api/chat" }, "new ChatStore()");
 * // TypeError: rivulet: new ChatStore() got an unknown option `url`. Did you mean `endpoint`?
 */
export function validateChatStoreOptions(options: unknown, where: string): ChatStoreOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    fail(`${where} expects an options object such as { endpoint: "/api/chat" }, got ${Array.isArray(options) ? "an array" : String(options)}.`);
  }
  const record = options as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if ((CHAT_STORE_OPTION_KEYS as readonly string[]).includes(key)) continue;
    const suggestion = suggestOption(key);
    fail(
      `${where} got an unknown option \`${key}\`.` +
        (suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known options: ${CHAT_STORE_OPTION_KEYS.join(", ")}.`),
    );
  }
  expectType("endpoint", record.endpoint, ["string"]);
  expectType("headers", record.headers, ["object", "function"]);
  expectType("body", record.body, ["object", "function"]);
  expectType("fetch", record.fetch, ["function"]);
  expectType("credentials", record.credentials, ["string"]);
  expectType("system", record.system, ["string"]);
  expectType("onFinish", record.onFinish, ["function"]);
  expectType("onError", record.onError, ["function"]);
  expectType("transport", record.transport, ["function", "string"]);
  if (typeof record.transport === "string" && record.transport !== "fetch" && record.transport !== "websocket") {
    fail(`option \`transport\` must be "fetch", "websocket" or a function, got ${JSON.stringify(record.transport)}.`);
  }
  expectType("WebSocket", record.WebSocket, ["function"]);
  expectType("idleTimeoutMs", record.idleTimeoutMs, ["number"]);
  if (record.idleTimeoutMs !== undefined && !((record.idleTimeoutMs as number) > 0)) {
    fail(`option \`idleTimeoutMs\` must be a positive number of milliseconds, got ${String(record.idleTimeoutMs)}.`);
  }
  if (record.protocol !== undefined && !PROTOCOLS.includes(record.protocol as Protocol)) {
    const guess = PROTOCOLS.find((p) => typeof record.protocol === "string" && p.startsWith(record.protocol));
    fail(
      `unknown protocol ${JSON.stringify(record.protocol)}.` +
        (guess ? ` Did you mean "${guess}"?` : ` Use one of: ${PROTOCOLS.map((p) => `"${p}"`).join(", ")}.`),
    );
  }
  if (record.initialMessages !== undefined) validateMessages(record.initialMessages, "option `initialMessages`");
  return record as ChatStoreOptions;
}

/**
 * Checks a message list (for `setMessages` and `initialMessages`) and throws a `TypeError` that names
 * the first bad message and field.
 *
 * @example
 * validateMessages([{ id: "1", role: "user", content: "Hi", state: "done" }], "setMessages()");
 */
export function validateMessages(messages: unknown, where: string): readonly ChatMessage[] {
  if (!Array.isArray(messages)) {
    fail(
      `${where} expects an array of messages, got ${messages === null ? "null" : typeof messages}.` +
        ` To clear the conversation pass [].`,
    );
  }
  const seen = new Set<string>();
  messages.forEach((message: unknown, index) => {
    const at = `${where}: message ${index}`;
    if (message === null || typeof message !== "object") fail(`${at} is not an object.`);
    const m = message as Record<string, unknown>;
    if (typeof m.id !== "string" || m.id === "") fail(`${at} needs a non-empty string \`id\` (createMessageId() makes one).`);
    if (seen.has(m.id)) fail(`${at} repeats the id ${JSON.stringify(m.id)}; ids must be unique.`);
    seen.add(m.id);
    if (!ROLES.includes(m.role as Role)) fail(`${at} has role ${JSON.stringify(m.role)}; use "user", "assistant" or "system".`);
    if (typeof m.content !== "string") fail(`${at} needs a string \`content\`.`);
    if (!STATES.includes(m.state as MessageState)) {
      fail(`${at} has state ${JSON.stringify(m.state)}; use "done", "aborted", "error" or "streaming".`);
    }
  });
  return messages as readonly ChatMessage[];
}
