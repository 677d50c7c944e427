/**
 * The real providers the handler can proxy to, how each is configured (options first, then the
 * environment), and how a `{ messages }` conversation becomes that provider's streaming request.
 */
import type { Protocol, WireMessage } from "../src/core/types.js";

/**
 * A provider the handler can forward to.
 *
 * @example
 * createChatHandler({ provider: "anthropic" satisfies ProviderName });
 */
export type ProviderName = "openai" | "anthropic" | "gemini" | "ollama";

/**
 * Settings of one provider; anything left out is read from the environment.
 *
 * @example
 * createChatHandler({ openai: { apiKey: process.env.MY_KEY, baseURL: "https://openrouter.ai/api/v1", model: "x" } });
 */
export interface ProviderOptions {
  /** The API key (env `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY`). Never sent to clients. */
  apiKey?: string;
  /** The API's base URL (env `OPENAI_BASE_URL`, `ANTHROPIC_BASE_URL`, `GEMINI_BASE_URL`, `OLLAMA_HOST`). */
  baseURL?: string;
  /** The model (env `OPENAI_MODEL`, `ANTHROPIC_MODEL`, `GEMINI_MODEL`, `OLLAMA_MODEL`). */
  model?: string;
}

/**
 * A provider ready to use: everything resolved.
 *
 * @example
 * resolveProvider("gemini", {}, process.env)?.protocol; // "gemini"
 */
export interface ProviderConfig {
  name: ProviderName;
  apiKey: string;
  baseURL: string;
  model: string;
  /** The wire protocol its stream arrives in. */
  protocol: Protocol;
}

/** An HTTP request to a provider. */
export interface UpstreamRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * In this order the first configured provider wins when several are.
 *
 * @example
 * PROVIDERS[0]; // "openai": chosen first when several keys are set
 */
export const PROVIDERS: readonly ProviderName[] = ["openai", "anthropic", "gemini", "ollama"];

const DEFAULTS: Record<ProviderName, { baseURL: string; model: string; protocol: Protocol; env: string }> = {
  openai: { baseURL: "https://api.openai.com/v1", model: "gpt-4o-mini", protocol: "openai-chat", env: "OPENAI" },
  anthropic: { baseURL: "https://api.anthropic.com", model: "claude-sonnet-4-5", protocol: "anthropic", env: "ANTHROPIC" },
  gemini: { baseURL: "https://generativelanguage.googleapis.com", model: "gemini-2.5-flash", protocol: "gemini", env: "GEMINI" },
  ollama: { baseURL: "http://127.0.0.1:11434", model: "llama3.2", protocol: "ollama", env: "OLLAMA" },
};

/**
 * The provider `name` as configured by `options` and `env`, or `null` when it lacks its key
 * (or, for Ollama, its host).
 *
 * @example
 * resolveProvider("openai", {}, { OPENAI_API_KEY: "sk-…" })?.model; // "gpt-4o-mini"
 */
export function resolveProvider(name: ProviderName, options: ProviderOptions = {}, env: Env = {}): ProviderConfig | null {
  const defaults = DEFAULTS[name];
  const prefix = defaults.env;
  const model = options.model ?? env[`${prefix}_MODEL`] ?? defaults.model;
  if (name === "ollama") {
    const host = options.baseURL ?? env.OLLAMA_HOST;
    if (!host) return null;
    return { name, apiKey: "", baseURL: normalizeHost(host), model, protocol: defaults.protocol };
  }
  const apiKey = options.apiKey ?? env[`${prefix}_API_KEY`];
  if (!apiKey) return null;
  const baseURL = (options.baseURL ?? env[`${prefix}_BASE_URL`] ?? defaults.baseURL).replace(/\/+$/, "");
  return { name, apiKey, baseURL, model, protocol: defaults.protocol };
}

/**
 * `OLLAMA_HOST` is often a bare `host` or `host:port` (Ollama then assumes http and port 11434),
 * or the wildcard address the Ollama server binds, which a client must not dial.
 */
function normalizeHost(host: string): string {
  const bare = !/^[a-z][a-z+.-]*:\/\//i.test(host);
  const url = new URL(bare ? `http://${host}` : host);
  if (bare && !/:\d+$/.test(host.replace(/\/.*$/, ""))) url.port = "11434";
  if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
  return url.href.replace(/\/+$/, "");
}

/**
 * The streaming request that asks `provider` to continue `messages`.
 *
 * @example
 * buildUpstreamRequest(config, [{ role: "user", content: "Hi" }]).url;
 * // "https://api.openai.com/v1/chat/completions"
 */
export function buildUpstreamRequest(provider: ProviderConfig, messages: readonly WireMessage[]): UpstreamRequest {
  const json = { "content-type": "application/json", accept: "text/event-stream, application/x-ndjson" };
  const system = messages.filter((m) => m.role === "system").map((m) => m.content).join("\n\n");
  const turns = messages.filter((m) => m.role !== "system");
  switch (provider.name) {
    case "openai":
      return {
        url: `${provider.baseURL}/chat/completions`,
        headers: { ...json, authorization: `Bearer ${provider.apiKey}` },
        body: JSON.stringify({
          model: provider.model,
          messages: messages.map(({ role, content }) => ({ role, content })),
          stream: true,
          stream_options: { include_usage: true },
        }),
      };
    case "anthropic":
      return {
        url: `${provider.baseURL}/v1/messages`,
        headers: { ...json, "x-api-key": provider.apiKey, "anthropic-version": "2023-06-01" },
        body: JSON.stringify({
          model: provider.model,
          max_tokens: 4096,
          ...(system ? { system } : {}),
          messages: turns.map(({ role, content }) => ({ role, content })),
          stream: true,
        }),
      };
    case "gemini":
      return {
        // The key goes in a header, not the URL, so it cannot leak through a logged URL.
        url: `${provider.baseURL}/v1beta/models/${encodeURIComponent(provider.model)}:streamGenerateContent?alt=sse`,
        headers: { ...json, "x-goog-api-key": provider.apiKey },
        body: JSON.stringify({
          ...(system ? { systemInstruction: { parts: [{ text: system }] } } : {}),
          contents: turns.map(({ role, content }) => ({ role: role === "assistant" ? "model" : "user", parts: [{ text: content }] })),
        }),
      };
    case "ollama":
      return {
        url: `${provider.baseURL}/api/chat`,
        headers: json,
        body: JSON.stringify({ model: provider.model, messages: messages.map(({ role, content }) => ({ role, content })), stream: true }),
      };
  }
}
