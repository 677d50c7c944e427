// The provider proxy against fake upstreams on loopback: each provider's request shape and auth
// header, bytes streamed back as they come (not buffered), the upstream aborted when the client
// leaves, upstream errors reported without the key, and configuration from options or environment.
import { afterEach, describe, expect, it } from "vitest";
import { createChatHandler, redact, type ChatHandlerOptions } from "../../server/index.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { delay, startChatServer, type ChatServer } from "./chat-server.js";
import { startFakeUpstream, type FakeUpstream } from "./fake-upstream.js";

const KEY = "sk-test-9f8e7d6c5b4a3210-SECRET";
const CONVERSATION = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Hi" },
  { role: "assistant", content: "Hello!" },
  { role: "user", content: "Tell me a joke" },
];

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.toReversed()) await close();
  cleanup = [];
});

async function setup(options: (upstream: FakeUpstream) => ChatHandlerOptions, answer: Parameters<typeof startFakeUpstream>[0]) {
  const upstream = await startFakeUpstream(answer);
  const server = await startChatServer(options(upstream));
  cleanup.push(() => upstream.close(), () => server.close());
  return { upstream, server };
}

function ask(server: ChatServer, init: { signal?: AbortSignal; query?: string } = {}): Promise<Response> {
  return fetch(`${server.url}/api/chat${init.query ?? ""}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: CONVERSATION, stream: true }),
    signal: init.signal,
  });
}

const OPENAI_STREAM = [
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n',
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"content":"Why did"},"finish_reason":null}]}\n\n',
  'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-test","choices":[{"index":0,"delta":{"content":" the chicken…"},"finish_reason":"stop"}]}\n\n',
  "data: [DONE]\n\n",
];

const STREAMS = {
  openai: { type: "text/event-stream; charset=utf-8", chunks: OPENAI_STREAM },
  anthropic: {
    type: "text/event-stream; charset=utf-8",
    chunks: [
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-test","usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Why did"}}\n\n',
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" the chicken…"}}\n\n',
      'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":6}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
    ],
  },
  gemini: {
    type: "text/event-stream",
    chunks: [
      'data: {"candidates":[{"content":{"parts":[{"text":"Why did"}],"role":"model"},"index":0}]}\r\n\r\n',
      'data: {"candidates":[{"content":{"parts":[{"text":" the chicken…"}],"role":"model"},"finishReason":"STOP","index":0}]}\r\n\r\n',
    ],
  },
  ollama: {
    type: "application/x-ndjson",
    chunks: [
      '{"model":"llama-test","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"Why did"},"done":false}\n',
      '{"model":"llama-test","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":" the chicken…"},"done":false}\n',
      '{"model":"llama-test","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}\n',
    ],
  },
} as const;

type Name = keyof typeof STREAMS;

const NO_AUTH = { authorization: undefined, "x-api-key": undefined, "anthropic-version": undefined, "x-goog-api-key": undefined };

/** What each provider must receive for {@link CONVERSATION}: path, auth headers and body. */
const EXPECTED_REQUESTS: Record<Name, { url: string; auth: Record<string, string | undefined>; body: unknown }> = {
  openai: {
    url: "/chat/completions",
    auth: { ...NO_AUTH, authorization: `Bearer ${KEY}` },
    body: { model: "openai-test-model", messages: CONVERSATION, stream: true, stream_options: { include_usage: true } },
  },
  anthropic: {
    url: "/v1/messages",
    auth: { ...NO_AUTH, "x-api-key": KEY, "anthropic-version": "2023-06-01" },
    body: { model: "anthropic-test-model", max_tokens: 4096, system: "Be brief.", messages: CONVERSATION.slice(1), stream: true },
  },
  gemini: {
    // The key travels in a header, never in the URL.
    url: "/v1beta/models/gemini-test-model:streamGenerateContent?alt=sse",
    auth: { ...NO_AUTH, "x-goog-api-key": KEY },
    body: {
      systemInstruction: { parts: [{ text: "Be brief." }] },
      contents: [
        { role: "user", parts: [{ text: "Hi" }] },
        { role: "model", parts: [{ text: "Hello!" }] },
        { role: "user", parts: [{ text: "Tell me a joke" }] },
      ],
    },
  },
  ollama: { url: "/api/chat", auth: NO_AUTH, body: { model: "llama-test", messages: CONVERSATION, stream: true } },
};

function providerOptions(name: Name, base: string): ChatHandlerOptions {
  return name === "ollama"
    ? { provider: "ollama", ollama: { baseURL: base, model: "llama-test" } }
    : { provider: name, [name]: { apiKey: KEY, baseURL: base, model: `${name}-test-model` } };
}

async function streamChunks(res: import("node:http").ServerResponse, name: Name, pause = 0) {
  res.writeHead(200, { "content-type": STREAMS[name].type });
  for (const chunk of STREAMS[name].chunks) {
    res.write(chunk);
    await delay(pause);
  }
  res.end();
}

describe.each(Object.keys(STREAMS) as Name[])("proxy to %s", (name) => {
  it("sends the provider's request shape and auth header, and streams its bytes back unchanged", async () => {
    const { upstream, server } = await setup((u) => providerOptions(name, u.url), (res) => streamChunks(res, name, 5));
    const response = await ask(server);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(STREAMS[name].type);
    const body = await response.text();
    expect(body).toBe(STREAMS[name].chunks.join(""));
    expect(body).not.toContain(KEY);
    expect(JSON.stringify([...response.headers])).not.toContain(KEY);

    const [request] = upstream.requests;
    const headers = request?.headers ?? {};
    expect({
      method: request?.method,
      url: request?.url,
      contentType: headers["content-type"],
      auth: { authorization: headers.authorization, "x-api-key": headers["x-api-key"], "anthropic-version": headers["anthropic-version"], "x-goog-api-key": headers["x-goog-api-key"] },
      body: JSON.parse(request?.body ?? "{}"),
    }).toEqual({ method: "POST", contentType: "application/json", ...EXPECTED_REQUESTS[name] });
  });

  it("decodes through decodeStream on the client", async () => {
    const { server } = await setup((u) => providerOptions(name, u.url), (res) => streamChunks(res, name));
    let text = "";
    for await (const delta of decodeStream(await ask(server))) if (delta.type === "text") text += delta.text;
    expect(text).toBe("Why did the chicken…");
  });

  it("aborts the upstream request when the client goes away", async () => {
    let release: (() => void) | undefined;
    const { upstream, server } = await setup(
      (u) => providerOptions(name, u.url),
      async (res) => {
        res.writeHead(200, { "content-type": STREAMS[name].type });
        res.write(STREAMS[name].chunks[0]);
        // Hold the stream open, as a model does while it thinks.
        await new Promise<void>((resolve) => (release = resolve));
        res.end();
      },
    );
    const controller = new AbortController();
    const response = await ask(server, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    await Promise.race([upstream.closedEarly, delay(3000).then(() => Promise.reject(new Error("upstream never saw the close")))]);
    expect(await server.nextLog()).toMatchObject({ outcome: "aborted", source: name });
    release?.();
  });
});

describe("proxy streaming and errors", () => {
  it("passes each chunk on as it arrives: the client reads the first before the upstream sends the second", async () => {
    let sendRest: (() => void) | undefined;
    const { server } = await setup(
      (u) => providerOptions("openai", u.url),
      async (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(OPENAI_STREAM[0]);
        await new Promise<void>((resolve) => (sendRest = resolve));
        res.end(OPENAI_STREAM.slice(1).join(""));
      },
    );
    const response = await ask(server);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await Promise.race([reader.read(), delay(3000).then(() => null)]);
    expect(new TextDecoder().decode(first?.value)).toBe(OPENAI_STREAM[0]);
    sendRest?.();
    let rest = "";
    for (let part = await reader.read(); !part.done; part = await reader.read()) rest += new TextDecoder().decode(part.value);
    expect(rest).toBe(OPENAI_STREAM.slice(1).join(""));
  });

  it("reports a refused key as 502 without echoing the key, whole or masked", async () => {
    const masked = `${KEY.slice(0, 7)}****************${KEY.slice(-4)}`;
    const { server } = await setup(
      (u) => providerOptions("openai", u.url),
      (res) => {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${masked}. Your key: ${KEY}`, type: "invalid_request_error" } }));
      },
    );
    const response = await ask(server);
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(masked);
    expect(text).not.toContain(KEY.slice(-4));
    expect(JSON.parse(text).error.message).toMatch(/^openai answered 401: Incorrect API key provided: \[redacted\].*Check the API key configured on the server\.$/);
  });

  it("passes a 429 through with its Retry-After, and a provider 5xx as 502", async () => {
    let status = 429;
    const { server } = await setup(
      (u) => providerOptions("anthropic", u.url),
      (res) => {
        res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "7" } : {}) });
        res.end(JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "Slow down" } }));
      },
    );
    const limited = await ask(server);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await limited.json()).error.message).toBe("anthropic answered 429: Slow down");
    status = 529;
    const overloaded = await ask(server);
    expect(overloaded.status).toBe(502);
    expect((await overloaded.json()).error.message).toContain("anthropic answered 529");
  });

  it("answers 502 when the provider cannot be reached", async () => {
    const { upstream, server } = await setup((u) => providerOptions("ollama", u.url), (res) => void res.end());
    await upstream.close();
    const response = await ask(server);
    expect(response.status).toBe(502);
    expect((await response.json()).error.message).toMatch(/^Could not reach ollama at http:\/\/127\.0\.0\.1:\d+/);
  });

  it("cuts the client's connection when the provider breaks off mid-stream", async () => {
    const { server } = await setup(
      (u) => providerOptions("openai", u.url),
      (res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(OPENAI_STREAM[1]);
        setTimeout(() => res.socket?.destroy(), 30);
      },
    );
    const deltas: string[] = [];
    const failure = await (async () => {
      for await (const delta of decodeStream(await ask(server))) if (delta.type === "text") deltas.push(delta.text);
    })().catch((error: unknown) => error);
    expect(deltas).toEqual(["Why did"]);
    expect(failure).toMatchObject({ type: "network" });
  });
});

describe("proxy configuration", () => {
  it("reads the provider from the environment, first configured wins, and /info shows it without the key", async () => {
    const { upstream, server } = await setup(
      (u) => ({
        env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${u.url}/`, OPENAI_MODEL: "env-model", ANTHROPIC_API_KEY: "other", OLLAMA_HOST: "127.0.0.1:1" },
      }),
      (res) => streamChunks(res, "openai"),
    );
    expect(await (await ask(server, { query: "?protocol=anthropic&fault=500" })).text()).toBe(OPENAI_STREAM.join(""));
    expect(JSON.parse(upstream.requests[0]?.body ?? "{}").model).toBe("env-model");
    const info = await (await fetch(`${server.url}/api/chat/info`)).text();
    expect(JSON.parse(info)).toEqual({ mode: "proxy", provider: "openai", model: "env-model", protocol: "openai-chat" });
    expect(info).not.toContain(KEY);
  });

  it("reads a bare OLLAMA_HOST (host:port, no scheme)", async () => {
    const { upstream, server } = await setup((u) => ({ env: { OLLAMA_HOST: u.url.replace("http://", ""), OLLAMA_MODEL: "qwen3" } }), (res) => streamChunks(res, "ollama"));
    expect((await ask(server)).status).toBe(200);
    expect(JSON.parse(upstream.requests[0]?.body ?? "{}").model).toBe("qwen3");
  });

  it("uses the mock when told to, or when nothing is configured; a named provider without a key fails loudly", async () => {
    const mock = await startChatServer({ provider: "mock", env: { OPENAI_API_KEY: KEY } });
    cleanup.push(() => mock.close());
    expect((await (await fetch(`${mock.url}/api/chat/info`)).json()).mode).toBe("mock");
    expect((await (await startChatServerAndInfo({ env: {} })).mode)).toBe("mock");
    expect(() => createChatHandler({ provider: "anthropic", env: {} })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => createChatHandler({ provider: "ollama", env: {} })).toThrow(/OLLAMA_HOST/);
  });

  it("redacts keys and masked keys from any text", () => {
    expect(redact(`bad key ${KEY} and sk-abc***xyz.`, [KEY])).toBe("bad key [redacted] and [redacted]");
  });
});

async function startChatServerAndInfo(options: ChatHandlerOptions): Promise<{ mode: string }> {
  const server = await startChatServer(options);
  cleanup.push(() => server.close());
  return (await fetch(`${server.url}/api/chat/info`)).json() as Promise<{ mode: string }>;
}
