/**
 * The stream decoder (decode-body.ts: framers, adapters, eventsource-parser) is loaded with import() the
 * first time a stream is decoded, so <Chat> renders without it. Every test here starts from a fresh module
 * graph (the state of a page that has not decoded anything yet), so each stream below goes through the
 * load, not through an already loaded decoder: the first reply of every protocol, the first reply that
 * fails, an abort or a failure during the load, and the fetch transport starting the load at send.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatTransportRequest } from "../../src/core/types.js";
import { openAiChunk, OPENAI_END, sleep, startLoopback, until } from "../core/loopback.js";
import { fixtures } from "../fixtures/streams/index.js";
import { collect, collectOk, responseOf, streamOf, summarize } from "./stream-test-utils.js";

const BODY = "../../src/protocols/decode-body.js";
type Body = typeof import("../../src/protocols/decode-body.js");

/** decode-body.ts as the next import() sees it: counted, and held until `release` when `gated`. */
function watchLoads(options: { gated?: boolean; failFirst?: boolean } = {}) {
  const loads = { started: 0, release: () => {} };
  const gate = new Promise<void>((resolve) => (loads.release = resolve));
  vi.doMock(BODY, async (importOriginal: () => Promise<Body>) => {
    loads.started += 1;
    if (options.failFirst && loads.started === 1) throw new TypeError("Failed to fetch dynamically imported module");
    if (options.gated) await gate;
    return importOriginal();
  });
  return loads;
}

/** decode-stream.ts as a page that has decoded nothing yet has it. */
const freshDecodeStream = async () => (await import("../../src/protocols/decode-stream.js")).decodeStream;

/** A body whose cancellation the test can see. */
function watchedBody(): { body: ReadableStream<Uint8Array>; cancelled: Promise<unknown> } {
  let cancelled!: (reason: unknown) => void;
  const promise = new Promise<unknown>((resolve) => (cancelled = resolve));
  return { body: new ReadableStream<Uint8Array>({ cancel: (reason) => cancelled(reason ?? "cancelled") }), cancelled: promise };
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.doUnmock(BODY));

describe("the first stream decoded loads the decoder", () => {
  it.each(fixtures)("and decodes all of $name, detected from the headers", async (fixture) => {
    const loads = watchLoads();
    const decodeStream = await freshDecodeStream();
    expect(loads.started).toBe(0); // importing decodeStream does not load the decoder
    const deltas = await collectOk(decodeStream(responseOf(fixture.bytes, fixture.headers, [7, 31])));
    expect(loads.started).toBe(1);
    expect(summarize(deltas)).toEqual(fixture.expected);
  });

  it("and keeps the text received before a drop, then throws the network error", async () => {
    watchLoads();
    const decodeStream = await freshDecodeStream();
    const openai = fixtures.find((f) => f.name === "openai-chat")!;
    // The body ends after the last text event, before the finish and [DONE]: the connection dropped.
    const cut = new TextEncoder().encode(new TextDecoder().decode(openai.bytes).split('"delta":{}')[0]!.replace(/data: [^\n]*$/, "")).length;
    const { deltas, error } = await collect(decodeStream(responseOf(openai.bytes.slice(0, cut), openai.headers)));
    expect(summarize(deltas).text).toBe(openai.expected.text);
    expect(error).toMatchObject({ name: "ChatError", type: "network", retryable: true });
  });

  it("and reports an HTTP error with the provider's message", async () => {
    watchLoads();
    const decodeStream = await freshDecodeStream();
    const response = new Response(JSON.stringify({ error: { message: "Rate limit reached." } }), {
      status: 429,
      headers: { "content-type": "application/json" },
    });
    const { deltas, error } = await collect(decodeStream(response));
    expect(deltas).toEqual([]);
    expect(error).toMatchObject({ name: "ChatError", type: "http", status: 429 });
    expect((error as Error).message).toContain("Rate limit reached.");
  });

  it("once, whatever the number of streams started while it loads", async () => {
    const loads = watchLoads({ gated: true });
    const decodeStream = await freshDecodeStream();
    const openai = fixtures.find((f) => f.name === "openai-chat")!;
    const runs = [1, 2, 3].map(() => collectOk(decodeStream(streamOf(openai.bytes))));
    await vi.waitFor(() => expect(loads.started).toBe(1));
    loads.release();
    for (const deltas of await Promise.all(runs)) expect(summarize(deltas)).toEqual(openai.expected);
    expect(loads.started).toBe(1);
  });
});

describe("while the decoder loads", () => {
  it("aborting rejects at once with the signal's reason and cancels the body", async () => {
    const loads = watchLoads({ gated: true });
    const decodeStream = await freshDecodeStream();
    const { body, cancelled } = watchedBody();
    const controller = new AbortController();
    const iteration = collect(decodeStream(body, { signal: controller.signal }));
    await vi.waitFor(() => expect(loads.started).toBe(1));
    controller.abort();
    const { deltas, error } = await iteration; // the decoder is still held: the abort did not wait for it
    expect(deltas).toEqual([]);
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe("AbortError");
    await expect(cancelled).resolves.toBeDefined();
    loads.release();
  });

  it("a connection that drops keeps the text it delivered: the body is read meanwhile, not left to be discarded", async () => {
    const loads = watchLoads({ gated: true });
    const decodeStream = await freshDecodeStream();
    const openai = fixtures.find((f) => f.name === "openai-chat")!;
    const half = openai.bytes.indexOf(0x0a, openai.bytes.length >> 1) + 1; // a few whole events, no end marker
    let drop!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(openai.bytes.slice(0, half));
        // An errored stream discards what it still queues: what was not read by then is gone.
        drop = () => controller.error(new TypeError("terminated"));
      },
    });
    const iteration = collect(decodeStream(new Response(body, { headers: openai.headers })));
    await vi.waitFor(() => expect(loads.started).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    drop(); // the connection drops while the decoder is still loading
    loads.release();
    const { deltas, error } = await iteration;
    expect(error).toMatchObject({ name: "ChatError", type: "network", retryable: true });
    // The same bytes decoded by the loaded decoder, with the drop as the end of the body.
    const reference = await collect(decodeStream(responseOf(openai.bytes.slice(0, half), openai.headers)));
    expect(summarize(reference.deltas).text).not.toBe("");
    expect(deltas).toEqual(reference.deltas);
  });

  it("a failed load is a retryable network ChatError that cancels the body, and the next stream loads it again", async () => {
    const loads = watchLoads({ failFirst: true });
    const decodeStream = await freshDecodeStream();
    const { body, cancelled } = watchedBody();
    const { deltas, error } = await collect(decodeStream(body));
    expect(deltas).toEqual([]);
    expect(error).toMatchObject({ name: "ChatError", type: "network", retryable: true });
    expect((error as Error).cause).toBeInstanceOf(Error); // what import() threw
    await expect(cancelled).resolves.toBeDefined();

    const openai = fixtures.find((f) => f.name === "openai-chat")!;
    const again = await collectOk(decodeStream(responseOf(openai.bytes, openai.headers)));
    expect(loads.started).toBe(2);
    expect(summarize(again)).toEqual(openai.expected);
  });
});

describe("the fetch transport", () => {
  it("starts loading the decoder when it sends, while the response is still on its way", async () => {
    const loads = watchLoads();
    const { fetchTransport } = await import("../../src/core/fetch-transport.js");
    const openai = fixtures.find((f) => f.name === "openai-chat")!;
    let respond!: (response: Response) => void;
    const fetch = vi.fn<() => Promise<Response>>(() => new Promise<Response>((resolve) => (respond = resolve)));
    const request = {
      messages: [{ role: "user", content: "Hi" }],
      chatMessages: [],
      options: { endpoint: "http://127.0.0.1:9/api/chat", fetch },
    } as unknown as ChatTransportRequest;
    const answer = collectOk(fetchTransport(request, new AbortController().signal));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    // The response has not come: the decoder is loading (or loaded) already.
    await vi.waitFor(() => expect(loads.started).toBe(1));
    respond(responseOf(openai.bytes, openai.headers));
    expect(summarize(await answer)).toEqual(openai.expected);
    expect(loads.started).toBe(1);
  });
});

describe("a page's first answer over real HTTP (loopback)", () => {
  it("arrives whole although the response came before the decoder, and stop() still closes the connection", async () => {
    const loads = watchLoads({ gated: true });
    let writes = 0;
    const server = await startLoopback(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (let i = 0; i < 200 && !res.destroyed; i++) {
        res.write(openAiChunk(`t${i} `));
        writes++;
        await sleep(5);
      }
      res.end(OPENAI_END);
    });
    try {
      const { ChatStore } = await import("../../src/core/chat-store.js");
      const store = new ChatStore({ endpoint: server.url });
      const sent = store.send("Go on");
      await until(() => writes >= 10); // ten chunks sent, the decoder still held
      expect(store.getSnapshot().messages[1]?.content).toBe("");
      loads.release();
      await until(() => (store.getSnapshot().messages[1]?.content.length ?? 0) > 60);
      store.stop();
      await server.requests[0]!.closedEarly; // the server observed the abort
      const answer = await sent;
      expect(answer.state).toBe("aborted");
      // Every chunk from the first on, in order: nothing read ahead was lost or reordered.
      expect(answer.content).toMatch(/^t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 /);
      const words = answer.content.trim().split(" ");
      expect(words).toEqual(words.map((_, i) => `t${i}`));
      expect(loads.started).toBe(1);
    } finally {
      await server.close();
    }
  });
});
