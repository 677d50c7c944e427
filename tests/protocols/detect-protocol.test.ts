import { describe, expect, test } from "vitest";
import { detectFromBody, detectFromEvent, detectFromHeaders } from "../../src/protocols/detect-protocol.js";
import { LineFramer } from "../../src/protocols/line-framer.js";

describe("detectFromHeaders", () => {
  test.each([
    [{ "x-vercel-ai-ui-message-stream": "v1", "content-type": "text/event-stream" }, { protocol: "ai-sdk" }],
    [{ "content-type": "text/event-stream; charset=utf-8" }, { framing: "sse" }],
    [{ "content-type": "application/x-ndjson" }, { protocol: "ollama" }],
    [{ "content-type": "application/json" }, { protocol: "ollama" }],
    [{ "content-type": "text/plain; charset=utf-8" }, { sniff: "plain" }],
    [{ "content-type": "text/markdown" }, { protocol: "text" }],
    [{ "content-type": "text/html" }, { html: true }],
    [{ "content-type": "application/octet-stream" }, undefined],
    [{}, undefined],
  ])("%j → %j", (headers, expected) => {
    expect(detectFromHeaders(new Headers(headers))).toEqual(expected);
  });
});

describe("detectFromBody", () => {
  test.each([
    ["data: {}", false, { framing: "sse" }],
    ["\n\nevent: x", false, { framing: "sse" }],
    [": comment", false, { framing: "sse" }],
    ["dat", false, undefined],
    ["dat", true, { protocol: "text" }],
    ["database rows are…", false, { protocol: "text" }],
    ['{"model"', false, { protocol: "ollama" }],
    ["<!DOCTYPE html>", false, { html: true }],
    ["<html lang=en>", false, { html: true }],
    ["<b>bold</b> text", false, { protocol: "text" }],
    ["Hello", false, { protocol: "text" }],
    ["", true, { protocol: "text" }],
  ])("%j (at end: %s) → %j", (head, atEnd, expected) => {
    expect(detectFromBody(head, atEnd)).toEqual(expected);
  });
});

describe("detectFromEvent", () => {
  test.each([
    [{ data: '{"object":"chat.completion.chunk","choices":[]}' }, "openai-chat"],
    [{ data: '{"choices":[{"index":0,"delta":{"content":"x"}}]}' }, "openai-chat"],
    [{ data: '{"error":{"message":"x"}}' }, "openai-chat"],
    [{ event: "response.created", data: '{"type":"response.created"}' }, "openai-responses"],
    [{ event: "message_start", data: '{"type":"message_start"}' }, "anthropic"],
    [{ event: "error", data: '{"type":"error","error":{"type":"overloaded_error"}}' }, "anthropic"],
    [{ data: '{"candidates":[]}' }, "gemini"],
    [{ data: '{"promptFeedback":{"blockReason":"SAFETY"}}' }, "gemini"],
    [{ data: '{"type":"start","messageId":"m"}' }, "ai-sdk"],
    [{ data: '{"type":"error","errorText":"x"}' }, "ai-sdk"],
    [{ data: "Hello" }, "sse"],
    [{ data: '{"token":"Hi"}' }, "sse"],
  ])("%j → %s", (frame, protocol) => {
    expect(detectFromEvent(frame)).toBe(protocol);
  });
});

function lines(pieces: string[]): string[] {
  const framer = new LineFramer();
  return [...pieces.flatMap((p) => framer.feed(p)), ...framer.end()].map((f) => f.data);
}

describe("LineFramer (NDJSON)", () => {

  test("LF and CRLF, split anywhere, blank lines skipped, last line without newline kept", () => {
    const input = '{"a":1}\r\n\n{"b":2}\n  \n{"c":3}';
    for (let cut = 0; cut <= input.length; cut++) {
      expect(lines([input.slice(0, cut), input.slice(cut)])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    }
    expect(lines([...input])).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  test("a long line in one-character reads comes out whole", () => {
    const line = JSON.stringify({ response: "x".repeat(50_000) });
    expect(lines([...line, "\n"])).toEqual([line]);
  });
});

describe("detectFromBody under text/plain", () => {
  test.each([
    ["data: {}", false, { framing: "sse" }],
    ["event: x", false, { framing: "sse" }],
    ["dat", false, undefined],
    [": keep-alive", false, { protocol: "text" }],
    ['{"model"', false, { protocol: "text" }],
    ["id: 7 is prime", false, { protocol: "text" }],
  ])("%j → %j", (head, atEnd, expected) => {
    expect(detectFromBody(head, atEnd, true)).toEqual(expected);
  });
});
