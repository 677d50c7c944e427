// An independent reader of the mock model's output for tests: checks each protocol's framing
// strictly (event names, JSON, order, terminators) and returns the text and reasoning it carried.
import { expect } from "vitest";
import type { Protocol } from "../../src/core/types.js";
import { parseSse } from "./chat-server.js";

export interface ReadStream {
  text: string;
  reasoning: string;
  /** Whether the protocol's normal end (finish event, [DONE], done line) was present. */
  finished: boolean;
}

// Parsed provider JSON is walked field by field below, each field checked as it is read.
// oxlint-disable-next-line typescript/no-explicit-any
type Json = Record<string, any>;

function json(data: string): Json {
  const value = JSON.parse(data) as unknown;
  expect(typeof value === "object" && value !== null && !Array.isArray(value), `not a JSON object: ${data}`).toBe(true);
  return value as Json;
}

/** Reads `body` (a complete response body) as `protocol`, asserting its framing along the way. */
export function readMockStream(protocol: Protocol, body: string): ReadStream {
  const out: ReadStream = { text: "", reasoning: "", finished: false };
  if (protocol === "text") return { text: body, reasoning: "", finished: true };
  if (protocol === "ollama") {
    expect(body.endsWith("\n")).toBe(true);
    const lines = body.slice(0, -1).split("\n").map(json);
    for (const [index, line] of lines.entries()) {
      expect(line.model).toBe("rivulet-mock");
      expect(Number.isNaN(Date.parse(line.created_at))).toBe(false);
      expect(line.message.role).toBe("assistant");
      out.text += line.message.content;
      out.reasoning += line.message.thinking ?? "";
      expect(line.done).toBe(index === lines.length - 1);
    }
    const last = lines.at(-1) as Json;
    expect(last).toMatchObject({ done: true, done_reason: "stop", eval_count: expect.any(Number) });
    out.finished = true;
    return out;
  }

  if (protocol === "gemini") {
    // Every line ends with CRLF, and nothing else ends a line.
    expect(body.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  } else {
    expect(body).not.toContain("\r");
  }
  expect(body.endsWith(protocol === "gemini" ? "\r\n\r\n" : "\n\n")).toBe(true);
  const events = parseSse(body);
  const done = events.at(-1)?.data === "[DONE]";
  expect(done).toBe(["openai-chat", "ai-sdk", "sse"].includes(protocol));
  const payloads = (done ? events.slice(0, -1) : events).map((event) => ({ event: event.event, data: json(event.data) }));
  if (done) out.finished = true;

  switch (protocol) {
    case "openai-chat":
      for (const { event, data } of payloads) {
        expect(event).toBeUndefined();
        expect(data).toMatchObject({ object: "chat.completion.chunk", id: expect.stringMatching(/^chatcmpl-/) });
        const delta = data.choices[0]?.delta ?? {};
        out.text += delta.content ?? "";
        out.reasoning += delta.reasoning_content ?? "";
      }
      expect(payloads[0]?.data.choices[0].delta.role).toBe("assistant");
      expect(payloads.at(-2)?.data.choices[0].finish_reason).toBe("stop");
      expect(payloads.at(-1)?.data).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });
      break;
    case "openai-responses": {
      for (const [index, { event, data }] of payloads.entries()) {
        expect(data.type).toBe(event);
        expect(data.sequence_number).toBe(index);
        if (event === "response.output_text.delta") out.text += data.delta;
        if (event === "response.reasoning_summary_text.delta") out.reasoning += data.delta;
        if (event === "response.output_text.done") expect(data.text).toBe(out.text);
      }
      expect(payloads.slice(0, 2).map((p) => p.event)).toEqual(["response.created", "response.in_progress"]);
      const last = payloads.at(-1)?.data as Json;
      expect(last.type).toBe("response.completed");
      expect(last.response.status).toBe("completed");
      expect(last.response.usage.output_tokens).toBeGreaterThan(0);
      out.finished = true;
      break;
    }
    case "anthropic": {
      let open: number | null = null;
      for (const { event, data } of payloads) {
        expect(data.type).toBe(event);
        if (event === "content_block_start") {
          expect(open).toBeNull();
          open = data.index;
        }
        if (event === "content_block_delta") {
          expect(data.index).toBe(open);
          out.text += data.delta.type === "text_delta" ? data.delta.text : "";
          out.reasoning += data.delta.type === "thinking_delta" ? data.delta.thinking : "";
        }
        if (event === "content_block_stop") {
          expect(data.index).toBe(open);
          open = null;
        }
      }
      expect(payloads.slice(0, 2).map((p) => p.event)).toEqual(["message_start", "ping"]);
      expect(payloads.slice(-2).map((p) => p.event)).toEqual(["message_delta", "message_stop"]);
      expect(payloads.at(-2)?.data.delta.stop_reason).toBe("end_turn");
      out.finished = true;
      break;
    }
    case "gemini":
      for (const { event, data } of payloads) {
        expect(event).toBeUndefined();
        const candidate = data.candidates[0];
        expect(candidate.content.role).toBe("model");
        for (const part of candidate.content.parts) {
          if (part.thought) out.reasoning += part.text;
          else out.text += part.text;
        }
      }
      expect(payloads.at(-1)?.data.candidates[0].finishReason).toBe("STOP");
      expect(payloads.at(-1)?.data.usageMetadata.candidatesTokenCount).toBeGreaterThan(0);
      out.finished = true;
      break;
    case "ai-sdk": {
      const types = payloads.map((p) => p.data.type as string);
      expect(types.slice(0, 2)).toEqual(["start", "start-step"]);
      expect(types.slice(-2)).toEqual(["finish-step", "finish"]);
      let open: string | null = null;
      for (const { data } of payloads) {
        const [kind, phase] = String(data.type).split("-") as [string, string | undefined];
        if (kind !== "text" && kind !== "reasoning") continue;
        if (phase === "start") open = data.id;
        else expect(data.id).toBe(open);
        if (phase === "end") open = null;
        if (phase === "delta" && kind === "text") out.text += data.delta;
        if (phase === "delta" && kind === "reasoning") out.reasoning += data.delta;
      }
      expect(open).toBeNull();
      break;
    }
    case "sse":
      for (const { event, data } of payloads) {
        expect(event).toBeUndefined();
        expect(Object.keys(data)).toEqual(["text"]);
        out.text += data.text;
      }
      break;
  }
  return out;
}
