// Faults on demand, pacing over the wire, and the rule the whole stack relies on: when the client
// goes away, the mock stops writing and leaves no timer behind.
import { request, type ClientRequest, type IncomingMessage } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chooseMockReply, PROTOCOLS } from "../../server/index.js";
import { ChatError } from "../../src/core/chat-error.js";
import type { ChatDelta, Protocol } from "../../src/core/types.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { delay, parseSse, postChat, readChunks, startChatServer, type ChatServer } from "./chat-server.js";

// A fresh server per test, so each test's log entries are its own.
let server: ChatServer;
beforeEach(async () => {
  server = await startChatServer();
});
afterEach(() => server.close());

/** Decodes until the end or an error; returns what was yielded and what was thrown. */
async function decodeUntilError(response: Response, protocol: Protocol) {
  const deltas: ChatDelta[] = [];
  let error: unknown;
  try {
    for await (const delta of decodeStream(response, { protocol })) deltas.push(delta);
  } catch (caught) {
    error = caught;
  }
  const text = deltas.map((d) => (d.type === "text" ? d.text : "")).join("");
  return { deltas, text, error };
}

/** Reads a body that may be cut; returns the text that arrived and whether reading failed. */
async function readCut(response: Response): Promise<{ text: string; cut: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
    return { text, cut: false };
  } catch {
    return { text, cut: true };
  }
}

function timeouts(): number {
  return process.getActiveResourcesInfo().filter((name) => name === "Timeout").length;
}

describe("fault=drop:N", () => {
  it("sends exactly N tokens, then cuts the connection without an end marker", async () => {
    for (const n of [0, 1, 7, 30]) {
      const response = await postChat(server.url, "Show me some code", { fault: `drop:${n}`, tps: 100_000 });
      expect(response.status).toBe(200);
      const { text, cut } = await readCut(response);
      expect(cut).toBe(true);
      const contents = parseSse(text).map((e) => JSON.parse(e.data).choices[0].delta.content);
      expect(contents.slice(1)).toHaveLength(n); // the first chunk is the role chunk
      expect(text).not.toContain("[DONE]");
      expect(await server.nextLog()).toMatchObject({ outcome: "dropped", tokens: n, status: 200 });
    }
  });

  it("after the whole answer, still cuts before the finish; decodeStream keeps the text and reports a network error", async () => {
    const reply = chooseMockReply("hello").text;
    for (const protocol of PROTOCOLS) {
      const response = await postChat(server.url, "hello", { protocol, fault: "drop:100000", tps: 100_000 });
      const { text, error } = await decodeUntilError(response, protocol);
      expect(text).toBe(reply);
      // Even plain text: the chunked body lacks its last chunk, so the cut is seen.
      expect(error).toMatchObject({ type: "network" });
      await server.nextLog();
    }
  });
});

describe("fault=stall:S", () => {
  it("pauses mid-stream for S seconds, then finishes the answer intact", async () => {
    const started = performance.now();
    const response = await postChat(server.url, "Show me some code", { fault: "stall:0.4", tps: 100_000, protocol: "text" });
    const arrivals: number[] = [];
    let text = "";
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      arrivals.push(performance.now() - started);
      text += decoder.decode(chunk, { stream: true });
    }
    expect(text).toBe(chooseMockReply("code").text);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(380);
    expect(await server.nextLog()).toMatchObject({ outcome: "done" });
  });
});

describe("fault=500 and fault=429", () => {
  it("500: a JSON error that decodeStream reports as a retryable http error", async () => {
    const response = await postChat(server.url, "hello", { fault: "500" });
    expect(response.status).toBe(500);
    expect(await response.clone().json()).toEqual({ error: { message: "The mock model failed (fault=500).", type: "server_error" } });
    const { error } = await decodeUntilError(response, "openai-chat");
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ type: "http", status: 500, retryable: true });
  });

  it("429: Retry-After from ?retryAfter= (default 1 s), carried into the ChatError", async () => {
    const response = await postChat(server.url, "hello", { fault: "429", retryAfter: 3 });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    const { error } = await decodeUntilError(response, "openai-chat");
    expect(error).toMatchObject({ type: "http", status: 429, retryable: true, retryAfterMs: 3000 });
    const byDefault = await postChat(server.url, "hello", { fault: "429" });
    expect(byDefault.headers.get("retry-after")).toBe("1");
    expect((await byDefault.json()).error.message).toContain("Retry after 1 s");
  });
});

describe("fault=malformed", () => {
  it("text: bytes that are not UTF-8 at all", async () => {
    const response = await postChat(server.url, "Show me some code", { protocol: "text", fault: "malformed", tps: 100_000 });
    const raw = new Uint8Array(await response.arrayBuffer());
    expect(raw.some((byte, i) => byte === 0xfe && raw[i + 1] === 0xff)).toBe(true);
    expect(new TextDecoder().decode(raw)).toContain("\uFFFD");
  });

  it.each(PROTOCOLS.filter((p) => p !== "text"))("%s: one broken event mid-stream", async (protocol) => {
    const response = await postChat(server.url, "Show me some code", { protocol, fault: "malformed", tps: 100_000 });
    const body = await response.text();
    const frames = protocol === "ollama" ? body.split("\n").filter(Boolean) : parseSse(body).map((e) => e.data);
    const broken = frames.filter((data) => {
      if (data === "[DONE]") return false;
      try {
        JSON.parse(data);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(broken[0]).toContain('"unterminated');
  });

  it.each(PROTOCOLS.filter((p) => p !== "text"))("%s: decodeStream keeps the text before it and fails with a protocol error", async (protocol) => {
    const response = await postChat(server.url, "Show me some code", { protocol, fault: "malformed", tps: 100_000 });
    const { text, error } = await decodeUntilError(response, protocol);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ type: "protocol" });
    expect(text.length).toBeGreaterThan(0);
    expect(chooseMockReply("code").text.startsWith(text)).toBe(true);
  });
});

describe("fault=provider-error and the `error` prompt", () => {
  it.each(PROTOCOLS)("%s: the protocol's own error event mid-stream, after some text", async (protocol) => {
    const response = await postChat(server.url, "Show me some code", { protocol, fault: "provider-error", tps: 100_000 });
    const { text, error } = await decodeUntilError(response, protocol);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(chooseMockReply("code").text.length / 2);
    expect(chooseMockReply("code").text.startsWith(text)).toBe(true);
    // Plain text has no error event: the mock cuts the connection instead.
    const { type, message } = error as ChatError;
    expect({ type, fromFault: message.includes("fault=provider-error") }).toEqual(
      protocol === "text" ? { type: "network", fromFault: false } : { type: "provider", fromFault: true },
    );
    expect((await server.nextLog()).outcome).toBe(protocol === "text" ? "dropped" : "error");
  });

  it("the `error` prompt streams its sentence, then the error event with its message", async () => {
    const response = await postChat(server.url, "Show me an error", { protocol: "anthropic", tps: 100_000 });
    const { text, error } = await decodeUntilError(response, "anthropic");
    expect(text).toBe(chooseMockReply("error").text);
    expect(error).toMatchObject({ type: "provider", message: expect.stringContaining(chooseMockReply("error").error as string) });
    await server.nextLog();
  });
});

describe("fault=slow-first-byte:S", () => {
  it("holds the response headers for S seconds, then streams normally", async () => {
    const started = performance.now();
    const response = await postChat(server.url, "hello", { fault: "slow-first-byte:0.3", tps: 100_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("[DONE]");
  });

  it("combines with other faults: slow-first-byte then 429", async () => {
    const started = performance.now();
    const response = await postChat(server.url, "hello", { fault: "slow-first-byte:0.2,429" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(response.status).toBe(429);
  });
});

/** POSTs with node:http and no keep-alive agent, so no pooled socket or its timer outlives the test. */
function openRequest(base: string, query: string): Promise<{ req: ClientRequest; res?: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/chat?${query}`, { method: "POST", agent: false }, (res) => resolve({ req, res }));
    req.on("error", () => {});
    req.end(JSON.stringify({ messages: [{ role: "user", content: "Write a long answer" }] }));
    if (query.includes("slow-first-byte")) setTimeout(() => resolve({ req }), 100);
    setTimeout(() => reject(new Error("no response")), 3000);
  });
}

describe("client disconnect", () => {
  it.each([
    ["while streaming", "tps=40"],
    ["during a stall", "tps=100000&fault=stall:30"],
    ["before the first byte", "fault=slow-first-byte:30"],
  ])("%s: stops writing at once and clears its timers", async (_, query) => {
    const baseline = timeouts();
    const started = performance.now();
    const { req, res } = await openRequest(server.url, query);
    if (res) await new Promise((resolve) => res.once("data", resolve));
    req.destroy();
    const entry = await server.nextLog();
    expect(entry.outcome).toBe("aborted");
    expect(entry.tokens).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(3000);
    // Nothing keeps ticking or writing for a client that left.
    await delay(300);
    expect(timeouts()).toBeLessThanOrEqual(baseline);
    expect(server.lateWrites).toBe(0);
  });

  it("a fetch aborted mid-stream is seen as aborted too", async () => {
    const controller = new AbortController();
    const response = await postChat(server.url, "Write a long answer", { tps: 40 }, { signal: controller.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    expect(await server.nextLog()).toMatchObject({ outcome: "aborted" });
    await delay(200);
    expect(server.lateWrites).toBe(0);
  });
});

describe("pacing over the wire", () => {
  it("streams at about ?tps=, in bursts: fewer writes than tokens, more than a handful", async () => {
    const tps = 400;
    const started = performance.now();
    const response = await postChat(server.url, "Show me some code", { protocol: "text", tps, seed: 3 });
    const chunks = await readChunks(response);
    const seconds = (performance.now() - started) / 1000;
    const entry = await server.nextLog();
    expect(entry.outcome).toBe("done");
    const rate = entry.tokens / seconds;
    expect(rate).toBeGreaterThan(tps * 0.6);
    expect(rate).toBeLessThan(tps * 1.15);
    expect(chunks.length).toBeLessThan(entry.tokens);
    expect(chunks.length).toBeGreaterThan(entry.tokens / 8);
  });
});
