/**
 * `createChatHandler`: the Node request handler behind `/api/chat`. It validates the request,
 * then either streams a mock answer or proxies to the configured provider.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Protocol } from "../src/core/types.js";
import { answerPreflight, applyCors, type CorsOptions } from "./cors.js";
import { PROTOCOLS } from "./encoders/create-encoder.js";
import { FAULTS } from "./faults.js";
import { HttpError, sendJsonError } from "./http-error.js";
import { readMockParams } from "./mock-params.js";
import { chooseMockReply, MOCK_PROMPTS } from "./mock-replies.js";
import { streamMockReply, type StreamOutcome } from "./mock-stream.js";
import { PROVIDERS, resolveProvider, type ProviderConfig, type ProviderName, type ProviderOptions } from "./providers.js";
import { proxyChat } from "./proxy.js";
import { readJsonBody, readMessages } from "./read-json-body.js";

/**
 * Options for {@link createChatHandler}.
 *
 * @example
 * createChatHandler({ provider: "mock", mock: { tps: 120 }, maxBodyBytes: 65_536 });
 */
export interface ChatHandlerOptions {
  /** The path the handler answers on. Default `/api/chat`; `<path>/info` describes the server. */
  path?: string;
  /**
   * Who answers: `"mock"`, a provider, or `"auto"` (default): the first provider configured in
   * the options or the environment (openai, anthropic, gemini, ollama), else the mock model.
   */
  provider?: "auto" | "mock" | ProviderName;
  /** OpenAI or any OpenAI-compatible API; env `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `OPENAI_MODEL`. */
  openai?: ProviderOptions;
  /** Anthropic; env `ANTHROPIC_API_KEY`, `ANTHROPIC_BASE_URL`, `ANTHROPIC_MODEL`. */
  anthropic?: ProviderOptions;
  /** Google Gemini; env `GEMINI_API_KEY`, `GEMINI_BASE_URL`, `GEMINI_MODEL`. */
  gemini?: ProviderOptions;
  /** Ollama (`baseURL` is the host); env `OLLAMA_HOST`, `OLLAMA_MODEL`. */
  ollama?: Omit<ProviderOptions, "apiKey">;
  /** Where provider settings are read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Largest accepted request body in bytes; larger gets 413. Default 1 MB (1,048,576). */
  maxBodyBytes?: number;
  /** Cross-origin access. Off by default: cross-origin requests are refused. */
  cors?: CorsOptions;
  /** Defaults of the mock model, overridden per request by `?protocol=&tps=&seed=`. */
  mock?: { protocol?: Protocol; tps?: number; seed?: number };
  /** Called once per request when its response is over (for logs and tests). Never sees a key. */
  log?: (entry: ChatLogEntry) => void;
}

/**
 * One finished request, as {@link ChatHandlerOptions.log} receives it.
 *
 * @example
 * createChatHandler({ log: (e) => console.info(`${e.status} ${e.outcome} ${e.tokens} tokens`) });
 */
export interface ChatLogEntry {
  method: string;
  path: string;
  /** Who answered: the mock model or a provider; absent for refused requests. */
  source?: "mock" | ProviderName;
  protocol?: Protocol;
  status: number;
  /** `rejected`: refused before streaming (4xx). */
  outcome: StreamOutcome | "rejected";
  /** Tokens written (mock) or chunks relayed (proxy). */
  tokens: number;
  durationMs: number;
}

/**
 * A Node request handler; calls `next` for requests that are not its own (Connect-style).
 *
 * @example
 * const handler: ChatHandler = createChatHandler();
 * app.use(handler); // Express, Connect, Vite middlewares
 */
export type ChatHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/**
 * A request handler that streams a chat reply for `POST /api/chat` with JSON `{ messages }`: from
 * the mock model (no key needed; `?protocol=`, `?tps=`, `?seed=`, `?fault=`), or from the provider
 * whose key is in the environment.
 *
 * @example
 * import { createServer } from "node:http";
 * import { createChatHandler } from "rivulet/server";
 * createServer(createChatHandler({ cors: { origins: ["https://example.com"] } })).listen(8787);
 */
export function createChatHandler(options: ChatHandlerOptions = {}): ChatHandler {
  const path = options.path ?? "/api/chat";
  const maxBodyBytes = options.maxBodyBytes ?? 1_048_576;
  const provider = chooseProvider(options);
  return (req, res, next) => {
    // Prefixed, not resolved against a base: a request target like `//host/x` must stay a path.
    const url = new URL(`http://localhost${req.url?.startsWith("/") ? req.url : "/"}`);
    if (url.pathname !== path && url.pathname !== `${path}/info`) {
      if (next) next();
      else sendJsonError(res, 404, `Not found. The chat endpoint is POST ${path}.`);
      return;
    }
    const started = performance.now();
    const log = (entry: Omit<ChatLogEntry, "method" | "path" | "durationMs">) =>
      options.log?.({ method: req.method ?? "", path: url.pathname, durationMs: Math.round(performance.now() - started), ...entry });
    handle(req, res, url).then(
      (entry) => log(entry),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof HttpError ? error.message : "Internal error in the chat handler.";
        if (!(error instanceof HttpError)) console.error("rivulet chat handler:", error);
        sendJsonError(res, status, message, error instanceof HttpError ? { ...error.headers } : {});
        log({ status, outcome: "rejected", tokens: 0 });
      },
    );
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Omit<ChatLogEntry, "method" | "path" | "durationMs">> {
    if (!applyCors(req, res, options.cors)) {
      throw new HttpError(403, `Cross-origin requests from ${req.headers.origin} are not allowed. Pass cors: { origins: [...] } to createChatHandler to allow them.`);
    }
    const allow = options.cors ? "POST, OPTIONS" : "POST";
    if (req.method === "OPTIONS" && options.cors && req.headers.origin !== undefined) {
      answerPreflight(req, res);
      return { status: 204, outcome: "done", tokens: 0 };
    }
    if (url.pathname === `${path}/info`) {
      if (req.method !== "GET") throw new HttpError(405, `Method ${req.method} is not allowed on ${url.pathname}. Use GET.`, { allow: "GET" });
      const body = JSON.stringify(describe(provider));
      res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
      res.end(body);
      return { status: 200, outcome: "done", tokens: 0 };
    }
    if (req.method !== "POST") {
      throw new HttpError(405, `Method ${req.method} is not allowed on ${path}. Use POST with JSON { messages }.`, { allow });
    }
    const body = await readJsonBody(req, maxBodyBytes);
    const messages = readMessages(body);
    if (provider) {
      const result = await proxyChat(res, provider, messages);
      return { source: provider.name, protocol: provider.protocol, ...result };
    }
    const params = readMockParams(url.searchParams, body, options.mock ?? {});
    const lastUser = messages.findLast((message) => message.role === "user") ?? messages.at(-1);
    // About four characters a token: close enough for usage figures, and cheap on a 1 MB prompt.
    const inputTokens = Math.ceil(messages.reduce((sum, message) => sum + message.content.length, 0) / 4);
    res.setHeader("x-rivulet-protocol", params.protocol);
    const result = await streamMockReply(res, chooseMockReply(lastUser?.content ?? ""), params, inputTokens);
    return { source: "mock", protocol: params.protocol, ...result };
  }
}

/** The provider to proxy to, or `null` for the mock model; throws when a named provider lacks its key. */
function chooseProvider(options: ChatHandlerOptions): ProviderConfig | null {
  const choice = options.provider ?? "auto";
  if (choice === "mock") return null;
  const env = options.env ?? process.env;
  const names = choice === "auto" ? PROVIDERS : [choice];
  for (const name of names) {
    const config = resolveProvider(name, options[name], env);
    if (config) return config;
  }
  if (choice === "auto") return null;
  const variable = choice === "ollama" ? "OLLAMA_HOST" : `${choice.toUpperCase()}_API_KEY`;
  throw new Error(`createChatHandler: provider "${choice}" needs ${choice === "ollama" ? "a host" : "an API key"}: pass { ${choice}: { ${choice === "ollama" ? "baseURL" : "apiKey"} } } or set ${variable}.`);
}

/** What `GET <path>/info` answers: enough for a demo page to set itself up, and never a key. */
function describe(provider: ProviderConfig | null) {
  return provider
    ? { mode: "proxy", provider: provider.name, model: provider.model, protocol: provider.protocol }
    : { mode: "mock", protocols: PROTOCOLS, faults: FAULTS, prompts: MOCK_PROMPTS };
}
