// The recorded provider streams of the SSE tests, replayed over a real WebSocket one event per frame,
// decode to the same deltas as over HTTP, with the protocol auto-detected per answer: tagged as
// `{ id, data }`, and untagged (bare objects and plain text frames).
import { createParser } from "eventsource-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "ws";
import type { ChatDelta } from "../../src/core/types.js";
import { createWebSocketTransport, type WebSocketTransport } from "../../src/core/websocket-transport.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { decodeFrames } from "../../src/protocols/decode-frame.js";
import { fixtures, type StreamFixture } from "../fixtures/streams/index.js";
import { collectOk, merge, responseOf, summarize } from "../protocols/stream-test-utils.js";
import { startScriptedServer, type ScriptedSocketServer } from "./websocket-test-server.js";

/** A fixture's events: SSE `data`, NDJSON lines, or (for plain text) the bytes cut every 5, inside characters too. */
function framesOf(fixture: StreamFixture): (string | Uint8Array)[] {
  const type = fixture.headers["content-type"] ?? "";
  if (type.includes("event-stream")) {
    const events: string[] = [];
    createParser({ onEvent: (event) => events.push(event.data) }).feed(new TextDecoder().decode(fixture.bytes));
    return events;
  }
  if (type.includes("ndjson")) return new TextDecoder().decode(fixture.bytes).split("\n").filter((line) => line.trim() !== "");
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < fixture.bytes.length; i += 5) pieces.push(fixture.bytes.slice(i, i + 5));
  return pieces;
}

/** An event's data as a payload: the JSON object it holds, else the string. */
function payloadOf(data: string): unknown {
  try {
    const json: unknown = JSON.parse(data);
    return typeof json === "object" && json !== null && !Array.isArray(json) ? json : data;
  } catch {
    return data;
  }
}

let server: ScriptedSocketServer;
let transport: WebSocketTransport;
let mode: "tagged" | "untagged" = "tagged";
let current: StreamFixture;

beforeAll(async () => {
  server = await startScriptedServer();
  server.onChat = (ws, frame) => {
    for (const event of framesOf(current)) {
      if (typeof event !== "string") ws.send(event);
      else if (mode === "tagged") ws.send(JSON.stringify({ id: frame.id, data: payloadOf(event) }));
      else ws.send(event);
    }
    ws.send(JSON.stringify({ type: "done", id: frame.id }));
  };
  transport = createWebSocketTransport({ WebSocket });
});
afterAll(async () => {
  transport.close();
  await server.close();
});

async function overSocket(fixture: StreamFixture, how: typeof mode): Promise<ChatDelta[]> {
  current = fixture;
  mode = how;
  const request = { messages: [{ role: "user" as const, content: "Hi" }], chatMessages: [], options: { endpoint: server.url } };
  return collectOk(transport(request, new AbortController().signal));
}

describe.each(fixtures)("$name over a WebSocket", (fixture) => {
  test("tagged frames decode to the same deltas as the HTTP stream", async () => {
    const overHttp = await collectOk(decodeStream(responseOf(fixture.bytes, fixture.headers)));
    const deltas = await overSocket(fixture, "tagged");
    expect(summarize(deltas)).toEqual(fixture.expected);
    expect(merge(deltas)).toEqual(merge(overHttp));
    expect(deltas.filter((d) => d.type === "finish")).toHaveLength(1);
  });

  test("untagged frames (bare payloads and plain text) decode the same", async () => {
    const deltas = await overSocket(fixture, "untagged");
    expect(summarize(deltas)).toEqual(fixture.expected);
  });
});

test("every fixture still travels on the first socket", () => {
  expect(server.connections).toBe(1);
  expect(transport.opens).toBe(1);
});

describe("decodeFrames", () => {
  test("decodes payloads without a socket, as a server relaying frames would", () => {
    const fixture = fixtures.find((f) => f.name === "anthropic")!;
    const payloads = (framesOf(fixture) as string[]).map(payloadOf);
    expect(summarize(decodeFrames(payloads))).toEqual(fixture.expected);
  });

  test("strings are text until a protocol is known, then that protocol's data", () => {
    expect(merge(decodeFrames(["Hel", "lo"]))).toEqual([{ type: "text", text: "Hello" }, { type: "finish" }]);
    // Once OpenAI chunks are detected, a broken one is a protocol error, not text.
    expect(() => decodeFrames([{ choices: [{ index: 0, delta: { content: "a" } }] }, '{"choices":[{"index'])).toThrow(/Malformed JSON/);
    expect(() => decodeFrames([[1, 2]])).toThrow(/must be a JSON object or a string/);
  });

  test("recognises Ollama lines, which SSE detection would call generic", () => {
    const deltas = decodeFrames([
      { model: "m", message: { role: "assistant", content: "Hi" }, done: false },
      { model: "m", message: { role: "assistant", content: "" }, done: true, done_reason: "stop" },
    ]);
    expect(deltas).toEqual([{ type: "text", text: "Hi" }, { type: "finish", reason: "stop" }]);
  });
});
