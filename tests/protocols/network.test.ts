/**
 * The connection's side of a stream, through a real HTTP server on loopback: drops, ends before the end
 * marker, silence (idle timeout), and the client leaving (abort, break) as the server observes it.
 */
import type { ServerResponse } from "node:http";
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

async function serve(handler: LoopbackHandler): Promise<LoopbackServer> {
  server = await startLoopbackServer(handler);
  return server;
}

const SSE = { "content-type": "text/event-stream" };
const chat = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;
const texts = (deltas: ChatDelta[]) => deltas.flatMap((d) => (d.type === "text" ? [d.text] : []));

/** Writes the pieces, then ends, destroys the socket, or keeps the response open. */
function stream(headers: Record<string, string>, pieces: string[], end: "end" | "drop" | "hang") {
  return async (_req: unknown, res: ServerResponse) => {
    res.writeHead(200, headers);
    for (const piece of pieces) {
      res.write(piece);
      await sleep(5);
    }
    if (end === "end") res.end();
    else if (end === "drop") res.socket?.destroy();
  };
}

async function run(url: string, options: { protocol?: Protocol | "auto"; idleTimeoutMs?: number } = {}) {
  const { deltas, error } = await collect(decodeStream(await fetch(url), options));
  return { deltas, error: error as ChatError | undefined };
}

describe("a connection dropped mid-stream", () => {
  test.each([
    ["openai-chat", SSE, [chat("Kept"), chat(" text")]],
    ["anthropic", SSE, ['event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Kept text"}}\n\n']],
    ["ollama", { "content-type": "application/x-ndjson" }, ['{"message":{"content":"Kept text"},"done":false}\n{"message":{"con']],
    ["text", { "content-type": "text/plain" }, ["Kept", " text"]],
  ] as const)("%s: keeps the text before it, then a retryable network error", async (_name, headers, pieces) => {
    const { url } = await serve(stream(headers, [...pieces], "drop"));
    const { deltas, error } = await run(url);
    expect(texts(deltas).join("")).toBe("Kept text");
    expect(deltas.some((d) => d.type === "finish")).toBe(false);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({ type: "network", retryable: true });
  });
});

describe("a clean end of the body", () => {
  test.each([
    ["openai-chat", "openai-chat", SSE, [chat("Cut")]],
    ["anthropic", "anthropic", SSE, ['event: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Cut"}}\n\n']],
    ["gemini", "gemini", SSE, ['data: {"candidates":[{"content":{"parts":[{"text":"Cut"}]},"index":0}]}\r\n\r\n']],
    ["openai-responses", "openai-responses", SSE, ['event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Cut"}\n\n']],
    ["ai-sdk", "ai-sdk", SSE, ['data: {"type":"text-delta","id":"1","delta":"Cut"}\n\n']],
    ["ollama", "ollama", { "content-type": "application/x-ndjson" }, ['{"message":{"content":"Cut"},"done":false}\n']],
  ] as const)("before the %s end marker is a dropped connection", async (_name, protocol, headers, pieces) => {
    const { url } = await serve(stream(headers, [...pieces], "end"));
    const { deltas, error } = await run(url, { protocol });
    expect(texts(deltas)).toEqual(["Cut"]);
    expect(error).toMatchObject({ type: "network", retryable: true });
  });

  test.each([
    ["text", { "content-type": "text/plain" }, ["All", " of it"]],
    ["sse", SSE, ["data: All\n\n", "data:  of it\n\n"]],
  ] as const)("is a finish for %s, which has no end marker", async (protocol, headers, pieces) => {
    const { url } = await serve(stream(headers, [...pieces], "end"));
    const { deltas, error } = await run(url, { protocol });
    expect(error).toBeUndefined();
    expect(deltas).toEqual([{ type: "text", text: "All" }, { type: "text", text: " of it" }, { type: "finish" }]);
  });

  test("an SSE response that closes before any event is a network error", async () => {
    const { url } = await serve(stream(SSE, [": keep-alive\n\n"], "end"));
    const { deltas, error } = await run(url);
    expect(deltas).toEqual([]);
    expect(error).toMatchObject({ type: "network" });
  });
});

describe("idle timeout", () => {
  test("no byte for idleTimeoutMs: the text so far, then a timeout error, and the connection closes", async () => {
    const srv = await serve(stream(SSE, [chat("Before silence")], "hang"));
    const started = Date.now();
    const closed = srv.nextClose();
    const { deltas, error } = await run(srv.url, { idleTimeoutMs: 150 });
    expect(texts(deltas)).toEqual(["Before silence"]);
    expect(error).toMatchObject({ type: "timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await closed).toEqual({ finished: false });
  });

  test("a slow but steady stream does not time out", async () => {
    const { url } = await serve(async (_req, res) => {
      res.writeHead(200, SSE);
      for (const word of ["a", "b", "c", "d"]) {
        res.write(chat(word));
        await sleep(60);
      }
      res.end("data: [DONE]\n\n");
    });
    const { deltas, error } = await run(url, { idleTimeoutMs: 150 });
    expect(error).toBeUndefined();
    expect(texts(deltas)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("the client leaving", () => {
  test("aborting the signal stops at once, cancels the body, and the server sees the connection close", async () => {
    const srv = await serve(stream(SSE, [chat("One"), chat(" two")], "hang"));
    const controller = new AbortController();
    const closed = srv.nextClose();
    const response = await fetch(srv.url, { signal: controller.signal });
    const seen: ChatDelta[] = [];
    let thrown: unknown;
    try {
      for await (const delta of decodeStream(response, { signal: controller.signal })) {
        seen.push(delta);
        if (seen.length === 2) setTimeout(() => controller.abort(), 20);
      }
    } catch (error) {
      thrown = error;
    }
    expect(texts(seen)).toEqual(["One", " two"]);
    expect(thrown).toBeInstanceOf(DOMException);
    expect((thrown as DOMException).name).toBe("AbortError");
    expect(await closed).toEqual({ finished: false });
  });

  test("a signal of its own (not the fetch's) also cancels the body", async () => {
    const srv = await serve(stream(SSE, [chat("One")], "hang"));
    const controller = new AbortController();
    const closed = srv.nextClose();
    const iterator = decodeStream(await fetch(srv.url), { signal: controller.signal })[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { type: "text", text: "One" } });
    const pending = iterator.next();
    const started = Date.now();
    controller.abort(new Error("stop pressed"));
    await expect(pending).rejects.toThrow("stop pressed");
    expect(Date.now() - started).toBeLessThan(500);
    expect(await closed).toEqual({ finished: false });
  });

  test("no delta comes after an abort, even ones already decoded", async () => {
    const srv = await serve(stream(SSE, [chat("a") + chat("b") + chat("c")], "hang"));
    const controller = new AbortController();
    const seen: ChatDelta[] = [];
    await expect(async () => {
      for await (const delta of decodeStream(await fetch(srv.url), { signal: controller.signal })) {
        seen.push(delta);
        controller.abort();
      }
    }).rejects.toThrow(/abort/i);
    expect(seen).toEqual([{ type: "text", text: "a" }]);
  });

  test("an already aborted signal rejects before reading", async () => {
    const srv = await serve(stream(SSE, [chat("a")], "hang"));
    const controller = new AbortController();
    controller.abort();
    const { deltas, error } = await collect(decodeStream(await fetch(srv.url), { signal: controller.signal }));
    expect(deltas).toEqual([]);
    expect((error as DOMException).name).toBe("AbortError");
  });

  test("breaking out of the for-await loop cancels the body and the server sees the close", async () => {
    const srv = await serve(stream(SSE, [chat("One"), chat(" two")], "hang"));
    const closed = srv.nextClose();
    for await (const delta of decodeStream(await fetch(srv.url))) {
      expect(delta).toEqual({ type: "text", text: "One" });
      break;
    }
    expect(await closed).toEqual({ finished: false });
  });
});

describe("an error response whose body stalls", () => {
  test("the idle timeout still gives the HTTP error, and the connection closes", async () => {
    const srv = await serve(async (_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.write('{"error":{"message":"Try la');
    });
    const closed = srv.nextClose();
    const { error } = await run(srv.url, { idleTimeoutMs: 100 });
    expect(error).toMatchObject({ type: "http", status: 503, retryable: true });
    expect(await closed).toEqual({ finished: false });
  });

  test("an abort while reading it rejects with the abort reason", async () => {
    const srv = await serve(async (_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.write("{");
    });
    const controller = new AbortController();
    const response = await fetch(srv.url, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("user stop")), 50);
    const { error } = await collect(decodeStream(response, { signal: controller.signal }));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe("user stop");
  });
});
