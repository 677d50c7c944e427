/**
 * Protocol details the recorded fixtures do not show on their own: ids of tool calls, finish reasons,
 * optional end markers, and what generic SSE counts as text.
 */
import { describe, expect, test } from "vitest";
import type { ChatDelta, Protocol } from "../../src/core/types.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { normalizeFinishReason } from "../../src/protocols/finish-reason.js";
import { collect, collectOk } from "./stream-test-utils.js";

const sse = (...events: unknown[]) =>
  events.map((e) => `data: ${typeof e === "string" ? e : JSON.stringify(e)}\n\n`).join("");
const named = (...events: { type: string }[]) =>
  events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join("");
const decode = (body: string, protocol: Protocol | "auto" = "auto") =>
  collectOk(decodeStream(new Response(body, { headers: { "content-type": "text/event-stream" } }), { protocol }));
const choice = (delta: object, finish_reason: string | null = null, index = 0) => ({
  choices: [{ index, delta, finish_reason }],
});

describe("openai-chat", () => {
  test("tool call pieces keep the id of their index, also when the server sends none", async () => {
    const deltas = await decode(
      sse(
        choice({ tool_calls: [{ index: 0, type: "function", function: { name: "f", arguments: "" } }] }),
        choice({ tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] }),
        choice({ tool_calls: [{ index: 1, id: "call_B", function: { name: "g", arguments: "{}" } }] }),
        choice({ tool_calls: [{ index: 0, function: { arguments: ":1}" } }] }),
        choice({}, "tool_calls"),
        "[DONE]",
      ),
    );
    expect(deltas).toEqual<ChatDelta[]>([
      { type: "tool-call", id: "call_0", name: "f", argsText: "" },
      { type: "tool-call", id: "call_0", argsText: '{"a"' },
      { type: "tool-call", id: "call_B", name: "g", argsText: "{}" },
      { type: "tool-call", id: "call_0", argsText: ":1}" },
      { type: "finish", reason: "tool-calls" },
    ]);
  });

  test("the usage chunk after finish_reason lands on the one finish delta", async () => {
    const deltas = await decode(
      sse(choice({ content: "x" }), choice({}, "stop"), { choices: [], usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }, "[DONE]"),
    );
    expect(deltas).toEqual([
      { type: "text", text: "x" },
      { type: "finish", reason: "stop", usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
    ]);
  });

  test("a server that ends after finish_reason without [DONE] has finished", async () => {
    expect(await decode(sse(choice({ content: "x" }), choice({}, "length")), "openai-chat")).toEqual([
      { type: "text", text: "x" },
      { type: "finish", reason: "length" },
    ]);
  });

  test("a refusal is shown as text and marks the finish", async () => {
    expect(await decode(sse(choice({ refusal: "No." }), choice({}, "stop"), "[DONE]"))).toEqual([
      { type: "text", text: "No." },
      { type: "finish", reason: "refusal" },
    ]);
  });

  test("nothing after [DONE] is read", async () => {
    expect(await decode(sse(choice({ content: "x" }), "[DONE]", choice({ content: "ghost" })))).toEqual([
      { type: "text", text: "x" },
      { type: "finish" },
    ]);
  });
});

describe("finish reasons in one vocabulary", () => {
  test.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["MAX_TOKENS", "length"],
    ["SAFETY", "content-filter"],
    ["content_filter", "content-filter"],
    ["tool_use", "tool-calls"],
    ["tool_calls", "tool-calls"],
    ["pause_turn", "pause_turn"],
    [undefined, undefined],
  ])("%s → %s", (raw, normalized) => {
    expect(normalizeFinishReason(raw)).toBe(normalized);
  });

  test("gemini SAFETY and responses incomplete come through decodeStream", async () => {
    const gemini = await decode(sse({ candidates: [{ content: { parts: [{ text: "a" }] }, finishReason: "SAFETY", index: 0 }] }));
    expect(gemini.at(-1)).toEqual({ type: "finish", reason: "content-filter" });
    const responses = await decode(
      named({ type: "response.output_text.delta", delta: "a" } as never, {
        type: "response.incomplete",
        response: { incomplete_details: { reason: "max_output_tokens" } },
      } as never),
    );
    expect(responses.at(-1)).toEqual({ type: "finish", reason: "length" });
  });
});

describe("ai-sdk", () => {
  test("an abort part finishes with reason abort", async () => {
    const deltas = await decode(sse({ type: "text-delta", id: "1", delta: "a" }, { type: "abort" }, "[DONE]"), "ai-sdk");
    expect(deltas).toEqual([{ type: "text", text: "a" }, { type: "finish", reason: "abort" }]);
  });

  test("tool-input-available after streamed input does not repeat the arguments", async () => {
    const deltas = await decode(
      sse(
        { type: "tool-input-start", toolCallId: "c", toolName: "t" },
        { type: "tool-input-delta", toolCallId: "c", inputTextDelta: "{}" },
        { type: "tool-input-available", toolCallId: "c", toolName: "t", input: {} },
        { type: "finish" },
      ),
      "ai-sdk",
    );
    expect(deltas).toEqual([
      { type: "tool-call", id: "c", name: "t", argsText: "" },
      { type: "tool-call", id: "c", argsText: "{}" },
      { type: "finish" },
    ]);
  });
});

describe("ollama", () => {
  test("tool calls arrive whole, with made-up ids when Ollama sends none", async () => {
    const body = [
      { message: { role: "assistant", content: "", tool_calls: [{ function: { name: "weather", arguments: { city: "Oslo" } } }] }, done: false },
      { message: { role: "assistant", content: "" }, done: true, done_reason: "stop" },
    ]
      .map((line) => JSON.stringify(line))
      .join("\n");
    const deltas = await collectOk(decodeStream(new Response(body, { headers: { "content-type": "application/x-ndjson" } })));
    expect(deltas).toEqual([
      { type: "tool-call", id: "call_0", name: "weather", argsText: '{"city":"Oslo"}' },
      { type: "finish", reason: "tool-calls" },
    ]);
  });
});

describe("generic sse", () => {
  test("text data is taken as is; JSON objects give their text field; others carry nothing", async () => {
    const deltas = await decode(
      sse("{", "42", { token: "a" }, { content: "b" }, { delta: "c" }, { text: "d" }, { model: "x" }, "}", "[DONE]"),
      "sse",
    );
    expect(deltas.map((d) => (d.type === "text" ? d.text : d.type))).toEqual(["{", "42", "a", "b", "c", "d", "}", "finish"]);
  });

  test("a JSON object with an error fails the stream", async () => {
    const { deltas, error } = await collect(
      decodeStream(new Response(sse("ok", { error: { message: "bad" } })), { protocol: "sse" }),
    );
    expect(deltas).toEqual([{ type: "text", text: "ok" }]);
    expect(error).toMatchObject({ type: "provider", message: "bad" });
  });
});

test("an unknown protocol name fails loudly with the list of known ones", async () => {
  const { error } = await collect(decodeStream(new Response("x"), { protocol: "openai" as Protocol }));
  expect(error).toBeInstanceOf(TypeError);
  expect((error as Error).message).toMatch(/Unknown protocol "openai".*openai-chat/);
});

describe("generic sse: broken JSON", () => {
  test("in a stream of JSON objects, a broken object is a protocol error after the text so far", async () => {
    const body = 'data: {"text":"a"}\n\ndata: {"text":"unterminated\n\n';
    const { deltas, error } = await collect(decodeStream(new Response(body), { protocol: "sse" }));
    expect(deltas).toEqual([{ type: "text", text: "a" }]);
    expect(error).toMatchObject({ type: "protocol" });
  });

  test("in a stream of plain text, a `{\"` token is text", async () => {
    const body = 'data: const x =\n\ndata:  {"\n\ndata: a": 1 }\n\n';
    const deltas = await collectOk(decodeStream(new Response(body), { protocol: "sse" }));
    expect(deltas.map((d) => (d.type === "text" ? d.text : d.type)).join("")).toBe('const x = {"a": 1 }finish');
  });
});

test("gemini counts thinking tokens as output", async () => {
  const chunk = {
    candidates: [{ content: { parts: [{ text: "a" }] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 3, thoughtsTokenCount: 4, totalTokenCount: 9 },
  };
  const deltas = await collectOk(decodeStream(new Response(`data: ${JSON.stringify(chunk)}\r\n\r\n`)));
  expect(deltas.at(-1)).toEqual({ type: "finish", reason: "stop", usage: { inputTokens: 2, outputTokens: 7, totalTokens: 9 } });
});

test("SSE sent as text/plain (a quick backend, or new Response(string)) is still decoded as SSE", async () => {
  const body = 'data: {"choices":[{"index":0,"delta":{"content":"plain"}}]}\n\ndata: [DONE]\n\n';
  const response = new Response(body);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await collectOk(decodeStream(response))).toEqual([{ type: "text", text: "plain" }, { type: "finish" }]);
  expect(await collectOk(decodeStream(new Response("database says hi")))).toEqual([
    { type: "text", text: "database says hi" },
    { type: "finish" },
  ]);
});
