/**
 * SSE framing, case by case against the WHATWG event-stream rules. Every case is fed whole, one character
 * at a time, and split at every offset: the events must be the same each way.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
import { describe, expect, test } from "vitest";
import type { Frame } from "../../src/protocols/protocol-adapter.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import { SseFramer } from "../../src/protocols/sse-framer.js";
import { collectOk } from "./stream-test-utils.js";

const cases: [title: string, input: string, events: Frame[]][] = [
  ["LF line ends", "data: a\n\n", [{ data: "a" }]],
  ["CRLF line ends", "data: a\r\n\r\n", [{ data: "a" }]],
  ["CR line ends", "data: a\r\r", [{ data: "a" }]],
  ["mixed CR, LF and CRLF", "data: a\rdata: b\ndata: c\r\n\n", [{ data: "a\nb\nc" }]],
  ["a leading BOM is stripped", "\uFEFFdata: a\n\n", [{ data: "a" }]],
  ["only one BOM is stripped: a second makes an unknown field", "\uFEFF\uFEFFdata: a\n\ndata: b\n\n", [{ data: "b" }]],
  ["comment lines are ignored", ": keep-alive\ndata: a\n\n", [{ data: "a" }]],
  ["a stream of comments dispatches nothing", ": one\n: two\n\n", []],
  ["a comment between data lines does not split the event", "data: a\n: note\ndata: b\n\n", [{ data: "a\nb" }]],
  ["multi-line data joins with LF", "data: one\ndata: two\ndata: three\n\n", [{ data: "one\ntwo\nthree" }]],
  ["a field without a colon is a field with an empty value", "data\n\n", [{ data: "" }]],
  ["two colon-less data fields give one LF", "data\ndata\n\n", [{ data: "\n" }]],
  ["an empty data value still dispatches", "data:\n\n", [{ data: "" }]],
  ["one space after the colon is removed", "data: a\n\n", [{ data: "a" }]],
  ["only one space after the colon is removed", "data:  two spaces\n\n", [{ data: " two spaces" }]],
  ["no space after the colon", "data:tight\n\n", [{ data: "tight" }]],
  ["trailing spaces are kept", "data: a  \n\n", [{ data: "a  " }]],
  ["a colon inside the value is kept", "data: a:b: c\n\n", [{ data: "a:b: c" }]],
  ["event sets the type", "event: add\ndata: 1\n\n", [{ event: "add", data: "1" }]],
  ["the type resets after each dispatch", "event: add\ndata: 1\n\ndata: 2\n\n", [{ event: "add", data: "1" }, { data: "2" }]],
  ["an empty event field means the default type", "event:\ndata: x\n\n", [{ data: "x" }]],
  ["the last event field wins", "event: a\nevent: b\ndata: x\n\n", [{ event: "b", data: "x" }]],
  ["id does not reach the data", "id: 42\ndata: x\n\n", [{ data: "x" }]],
  ["an id with NULL is ignored, the event still dispatches", "id: a\u0000b\ndata: x\n\n", [{ data: "x" }]],
  ["retry is not data", "retry: 1000\ndata: x\n\n", [{ data: "x" }]],
  ["an invalid retry is ignored", "retry: soon\ndata: x\n\n", [{ data: "x" }]],
  ["unknown fields are ignored", "foo: bar\ndata: x\n\n", [{ data: "x" }]],
  ["field names are case-sensitive", "Data: x\n\nDATA: y\n\n", []],
  ["a space before the colon makes another field", "data : x\n\n", []],
  ["a leading space makes another field", " data: x\n\n", []],
  ["an event without data is not dispatched", "event: ping\n\n", []],
  ["an id-only block is not dispatched", "id: 1\n\n", []],
  ["extra blank lines dispatch nothing", "\n\n\ndata: a\n\n\n\n", [{ data: "a" }]],
  ["the last event without its blank line is not dispatched", "data: a\n\ndata: b\n", [{ data: "a" }]],
  ["a last line without any line end is not dispatched", "data: a\n\ndata: b", [{ data: "a" }]],
  ["several events in one chunk", "data: 1\n\ndata: 2\n\ndata: 3\n\n", [{ data: "1" }, { data: "2" }, { data: "3" }]],
  ["non-ASCII data", "data: 日本語 👋🏽\n\n", [{ data: "日本語 👋🏽" }]],
  ["JSON escapes are left to the adapter", 'data: {"t":"a\\nb"}\n\n', [{ data: '{"t":"a\\nb"}' }]],
  ["CRLF framing as Gemini sends it", "data: {}\r\n\r\ndata: []\r\n\r\n", [{ data: "{}" }, { data: "[]" }]],
  ["a CR followed by LF in a later read is one line end", "data: a\r\n\r\ndata: b\r\n\r\n", [{ data: "a" }, { data: "b" }]],
  ["[DONE] is just data to the framer", "data: [DONE]\n\n", [{ data: "[DONE]" }]],
];

function feedAll(pieces: string[]): Frame[] {
  const framer = new SseFramer();
  const frames = pieces.flatMap((piece) => framer.feed(piece));
  return [...frames, ...framer.end()];
}

describe("SSE framing (WHATWG event-stream rules)", () => {
  test("has at least 30 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  test.each(cases)("%s", (_title, input, events) => {
    expect(feedAll([input])).toEqual(events);
    expect(feedAll([...input])).toEqual(events);
    for (let cut = 1; cut < input.length; cut++) {
      expect(feedAll([input.slice(0, cut), input.slice(cut)]), `split at ${cut}`).toEqual(events);
    }
  });
});

const decode = async (body: string) =>
  collectOk(decodeStream(new Response(body, { headers: { "content-type": "text/event-stream" } }), { protocol: "sse" }));

describe("SSE framing through decodeStream", () => {

  test("a last event without its blank line is not yielded", async () => {
    expect(await decode("data: shown\n\ndata: dropped")).toEqual([{ type: "text", text: "shown" }, { type: "finish" }]);
  });

  test("a BOM in bytes is stripped before framing", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("data: a\n\n")]);
    const deltas = await collectOk(decodeStream(new Response(bytes), { protocol: "sse" }));
    expect(deltas).toEqual([{ type: "text", text: "a" }, { type: "finish" }]);
  });

  test("multi-line data is one text delta with its line breaks", async () => {
    expect(await decode("data: a\r\ndata: b\r\n\r\n")).toEqual([{ type: "text", text: "a\nb" }, { type: "finish" }]);
  });
});
