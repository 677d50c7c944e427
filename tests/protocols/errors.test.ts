/**
 * Every way a stream can fail, through a real HTTP server on loopback: the error is a ChatError of the
 * right type, it comes after every delta that arrived before it, and the connection is released.
 */
import { afterEach, describe, expect, test } from "vitest";
import { ChatError } from "../../src/core/chat-error.js";
import type { ChatDelta, Protocol } from "../../src/core/types.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { type LoopbackHandler, type LoopbackServer, sleep, startLoopbackServer } from "../helpers/loopback-server.js";
import { collect } from "./stream-test-utils.js";

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: LoopbackHandler): Promise<string> {
  server = await startLoopbackServer(handler);
  return server.url;
}

const SSE = { "content-type": "text/event-stream" };
const chat = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

/** Serves `status`, `headers` and `body` pieces, then ends (or destroys the socket when `drop`). */
function respond(status: number, headers: Record<string, string>, pieces: string[], end: "end" | "drop" | "hang" = "end") {
  return async (_req: unknown, res: import("node:http").ServerResponse) => {
    res.writeHead(status, headers);
    for (const piece of pieces) {
      res.write(piece);
      await sleep(5);
    }
    if (end === "end") res.end();
    else if (end === "drop") res.socket?.destroy();
  };
}

async function decodeFrom(url: string, options: { protocol?: Protocol | "auto"; idleTimeoutMs?: number } = {}) {
  const response = await fetch(url);
  const { deltas, error } = await collect(decodeStream(response, options));
  return { deltas, error: error as ChatError };
}

const texts = (deltas: ChatDelta[]) => deltas.flatMap((d) => (d.type === "text" ? [d.text] : []));

describe("non-2xx responses", () => {
  test.each([
    ["OpenAI", 401, { error: { message: "Incorrect API key provided: sk-…", type: "invalid_request_error" } }, "Incorrect API key provided: sk-…", false],
    ["Anthropic", 529, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, "Overloaded", true],
    ["Gemini", 400, { error: { code: 400, message: "API key not valid.", status: "INVALID_ARGUMENT" } }, "API key not valid. [INVALID_ARGUMENT]", false],
    ["Gemini in an array", 503, [{ error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } }], "The model is overloaded. [UNAVAILABLE]", true],
    ["Ollama", 404, { error: "model 'llama9' not found, try pulling it first" }, "model 'llama9' not found, try pulling it first", false],
  ])("%s error body gives the provider's message", async (_name, status, body, message, retryable) => {
    const url = await serve(respond(status, { "content-type": "application/json" }, [JSON.stringify(body)]));
    const { deltas, error } = await decodeFrom(url);
    expect(deltas).toEqual([]);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ type: "http", status, retryable });
    expect(error.message).toContain(message);
    expect(error.message).toContain(`HTTP ${status}`);
  });

  test("Retry-After in seconds becomes retryAfterMs on a 429", async () => {
    const url = await serve(
      respond(429, { "content-type": "application/json", "retry-after": "7" }, ['{"error":{"message":"Rate limit reached"}}']),
    );
    const { error } = await decodeFrom(url);
    expect(error).toMatchObject({ type: "http", status: 429, retryable: true, retryAfterMs: 7000 });
    expect(error.message).toContain("Rate limit reached");
  });

  test("Retry-After as an HTTP date", async () => {
    const date = new Date(Date.now() + 30_000).toUTCString();
    const url = await serve(respond(503, { "retry-after": date }, ["busy"]));
    const { error } = await decodeFrom(url);
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  test("an HTML error page gives its title", async () => {
    const url = await serve(
      respond(502, { "content-type": "text/html" }, ["<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"]),
    );
    const { error } = await decodeFrom(url);
    expect(error).toMatchObject({ type: "http", status: 502, retryable: true });
    expect(error.message).toContain("502 Bad Gateway");
  });

  test("an empty error body still names the status", async () => {
    const url = await serve(respond(500, {}, []));
    const { error } = await decodeFrom(url);
    expect(error).toMatchObject({ type: "http", status: 500 });
    expect(error.message).toMatch(/HTTP 500/);
  });
});

describe("a body that is not a stream", () => {
  const page = "<!DOCTYPE html><html><head><title>My App</title></head><body><div id=root></div></body></html>";

  test.each(["auto", "openai-chat"] as const)("a 200 HTML page (protocol %s) is a clear protocol error", async (protocol) => {
    const url = await serve(respond(200, { "content-type": "text/html; charset=utf-8" }, [page]));
    const { deltas, error } = await decodeFrom(url, { protocol });
    expect(deltas).toEqual([]);
    expect(error).toMatchObject({ type: "protocol" });
    expect(error.message).toMatch(/HTML page/);
  });

  test("an HTML page without a content type is recognised from its first bytes", async () => {
    const url = await serve(async (_req, res) => {
      res.removeHeader("content-type");
      res.write(page);
      res.end();
    });
    const { error } = await decodeFrom(url);
    expect(error).toMatchObject({ type: "protocol" });
    expect(error.message).toMatch(/HTML page/);
  });

  test("one JSON document (stream: false) says how to fix it", async () => {
    const doc = { id: "chatcmpl-1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "Hi" } }] };
    const url = await serve(respond(200, { "content-type": "application/json" }, [JSON.stringify(doc)]));
    const { error } = await decodeFrom(url);
    expect(error).toMatchObject({ type: "protocol" });
    expect(error.message).toMatch(/stream: true/);
  });
});

describe("malformed JSON in an event", () => {
  test.each([
    ["openai-chat", [chat("Hello"), chat(" there"), 'data: {"choices":[{"index":0,"delta":{"content":"x"\n\n', chat("never")]],
    ["anthropic", ['event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello there"}}\n\n', "event: ping\ndata: {oops}\n\n"]],
    ["ai-sdk", ['data: {"type":"text-delta","id":"1","delta":"Hello there"}\n\n', "data: {\"type\":\n\n"]],
  ] as const)("%s: the text before it is kept, then a protocol error", async (protocol, pieces) => {
    const url = await serve(respond(200, SSE, [...pieces]));
    const { deltas, error } = await decodeFrom(url, { protocol });
    expect(texts(deltas).join("")).toBe("Hello there");
    expect(error).toMatchObject({ type: "protocol", retryable: false });
    expect(error.message).toMatch(/Malformed JSON/);
  });

  test("ollama: a broken line after good ones", async () => {
    const url = await serve(
      respond(200, { "content-type": "application/x-ndjson" }, ['{"message":{"content":"Hello there"},"done":false}\n', "{not json}\n"]),
    );
    const { deltas, error } = await decodeFrom(url);
    expect(texts(deltas).join("")).toBe("Hello there");
    expect(error).toMatchObject({ type: "protocol" });
  });
});

describe("provider error events", () => {
  test.each([
    ["openai-chat", SSE, [chat("Partial"), 'data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n'], "The server had an error", true],
    ["anthropic overloaded", SSE, ['event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Partial"}}\n\n', 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n'], "Overloaded", true],
    ["anthropic invalid request", SSE, ['event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Partial"}}\n\n', 'event: error\ndata: {"type":"error","error":{"type":"invalid_request_error","message":"Bad"}}\n\n'], "Bad", false],
    ["gemini blockReason", SSE, ['data: {"candidates":[{"content":{"parts":[{"text":"Partial"}]},"index":0}]}\r\n\r\n', 'data: {"promptFeedback":{"blockReason":"SAFETY"}}\r\n\r\n'], "SAFETY", false],
    ["openai-responses error", SSE, ['event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Partial"}\n\n', 'event: error\ndata: {"type":"error","code":"server_error","message":"Something broke"}\n\n'], "Something broke", true],
    ["openai-responses failed", SSE, ['event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Partial"}\n\n', 'event: response.failed\ndata: {"type":"response.failed","response":{"status":"failed","error":{"code":"invalid_prompt","message":"Nope"}}}\n\n'], "Nope", false],
    ["ai-sdk", { ...SSE, "x-vercel-ai-ui-message-stream": "v1" }, ['data: {"type":"text-delta","id":"1","delta":"Partial"}\n\n', 'data: {"type":"error","errorText":"Tool crashed"}\n\n'], "Tool crashed", false],
    ["ollama", { "content-type": "application/x-ndjson" }, ['{"message":{"content":"Partial"},"done":false}\n', '{"error":"an error was encountered while running the model"}\n'], "while running the model", false],
    ["generic sse", SSE, ["data: Partial\n\n", "event: error\ndata: quota exceeded\n\n"], "quota exceeded", false],
  ] as const)("%s: text kept, then a provider error", async (_name, headers, pieces, message, retryable) => {
    const url = await serve(respond(200, headers, [...pieces]));
    const { deltas, error } = await decodeFrom(url);
    expect(texts(deltas)).toEqual(["Partial"]);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ type: "provider", retryable });
    expect(error.message).toContain(message);
  });

  test("an error in the same read as text still yields the text first", async () => {
    const url = await serve(respond(200, SSE, [`${chat("A")}${chat("B")}data: {"error":{"message":"late"}}\n\n`]));
    const { deltas, error } = await decodeFrom(url);
    expect(texts(deltas)).toEqual(["A", "B"]);
    expect(error.type).toBe("provider");
  });
});
