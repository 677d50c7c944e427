// Every protocol's framing, checked strictly by an independent reader, and round-tripped through
// rivulet's own decodeStream (explicit protocol and auto-detection): the text and reasoning the
// mock meant to send are exactly what a client gets.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseMockReply, MOCK_PROMPTS, PROTOCOLS } from "../../server/index.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";
import type { ChatDelta, Protocol } from "../../src/core/types.js";
import { postChat, startChatServer, type ChatServer } from "./chat-server.js";
import { readMockStream } from "./read-mock-stream.js";

let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(() => server.close());

const CONTENT_TYPES: Record<Protocol, string> = {
  "openai-chat": "text/event-stream; charset=utf-8",
  "openai-responses": "text/event-stream; charset=utf-8",
  anthropic: "text/event-stream; charset=utf-8",
  gemini: "text/event-stream",
  "ai-sdk": "text/event-stream",
  ollama: "application/x-ndjson",
  sse: "text/event-stream; charset=utf-8",
  text: "text/plain; charset=utf-8",
};

const REASONING_PROTOCOLS: Protocol[] = ["openai-chat", "openai-responses", "anthropic", "gemini", "ai-sdk", "ollama"];

/** What a client should end up with: reasoning separate where the protocol has a channel for it, else quoted in the text. */
function expected(protocol: Protocol, prompt: string): { text: string; reasoning: string } {
  const reply = chooseMockReply(prompt);
  if (reply.reasoning === undefined || REASONING_PROTOCOLS.includes(protocol)) {
    return { text: reply.text, reasoning: reply.reasoning ?? "" };
  }
  return { text: expect.stringMatching(/^> \*\*Thinking\*\*\n/) as unknown as string, reasoning: "" };
}

async function decodeAll(response: Response, protocol: Protocol | "auto") {
  const deltas: ChatDelta[] = [];
  for await (const delta of decodeStream(response, { protocol })) deltas.push(delta);
  const join = (type: "text" | "reasoning") =>
    deltas.map((d) => (d.type === type ? d.text : "")).join("");
  return { deltas, text: join("text"), reasoning: join("reasoning") };
}

describe.each(PROTOCOLS)("protocol %s", (protocol) => {
  it("has the provider's content type and headers", async () => {
    const response = await postChat(server.url, "hello", { protocol, tps: 100_000 });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(CONTENT_TYPES[protocol]);
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe(protocol === "ai-sdk" ? "v1" : null);
    expect(response.headers.get("x-rivulet-protocol")).toBe(protocol);
    await response.text();
  });

  it.each(["hello", "Think it through", "Show me some code", "a table please", "a nested list"])(
    "frames %j correctly and carries exactly the reply",
    async (prompt) => {
      const body = await (await postChat(server.url, prompt, { protocol, tps: 100_000 })).text();
      const read = readMockStream(protocol, body);
      expect({ text: read.text, reasoning: read.reasoning }).toEqual(expected(protocol, prompt));
      expect(read.finished).toBe(true);
    },
  );

  it("round-trips through decodeStream, with the protocol named and auto-detected", async () => {
    for (const prompt of ["Think it through", "Show me some code", "help"]) {
      const reference = readMockStream(protocol, await (await postChat(server.url, prompt, { protocol, tps: 100_000 })).text());
      for (const mode of [protocol, "auto"] as const) {
        const decoded = await decodeAll(await postChat(server.url, prompt, { protocol, tps: 100_000 }), mode);
        expect({ text: decoded.text, reasoning: decoded.reasoning }).toEqual({ text: reference.text, reasoning: reference.reasoning });
        expect(decoded.deltas.filter((d) => d.type === "finish")).toHaveLength(1);
        expect(decoded.deltas.at(-1)?.type).toBe("finish");
      }
    }
  });

  it("streams the ~100 KB long answer intact", async () => {
    const decoded = await decodeAll(await postChat(server.url, "Write a long answer", { protocol, tps: 1_000_000 }), protocol);
    const reply = chooseMockReply("long");
    expect(reply.text.length).toBeGreaterThanOrEqual(100_000);
    expect(reply.text.length).toBeLessThan(110_000);
    expect(decoded.text).toBe(reply.text);
  });

  it("takes the protocol from the body when the query has none, and the query wins over the body", async () => {
    const fromBody = await postChat(server.url, "hello", { tps: 100_000 }, { extra: { protocol } });
    expect(fromBody.headers.get("x-rivulet-protocol")).toBe(protocol);
    await fromBody.text();
    const other = protocol === "text" ? "sse" : "text";
    const queryWins = await postChat(server.url, "hello", { protocol: other, tps: 100_000 }, { extra: { protocol } });
    expect(queryWins.headers.get("x-rivulet-protocol")).toBe(other);
    await queryWins.text();
  });
});

async function seeded(seed: number): Promise<string> {
  return (await postChat(server.url, "Think it through", { protocol: "ai-sdk", tps: 100_000, seed })).text();
}

describe("defaults and prompts", () => {
  it("answers in openai-chat when no protocol is asked for", async () => {
    const response = await postChat(server.url, "hello", { tps: 100_000 });
    const body = await response.text();
    expect(response.headers.get("x-rivulet-protocol")).toBe("openai-chat");
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(readMockStream("openai-chat", body).text).toBe(chooseMockReply("hello").text);
  });

  it("chooses the answer by keyword, and every suggested prompt selects its own answer", () => {
    const kinds = MOCK_PROMPTS.map((p) => [p.keyword, chooseMockReply(p.prompt).kind]);
    expect(kinds).toEqual(MOCK_PROMPTS.map((p) => [p.keyword, p.keyword]));
    expect(chooseMockReply("What is the weather?").kind).toBe("default");
    expect(chooseMockReply("encode this").kind).toBe("default"); // whole words only
    expect(chooseMockReply("Let me reason about tables").kind).toBe("think"); // priority order
    expect(chooseMockReply("Show me some code").text).toMatch(/```ts[\s\S]*```python[\s\S]*```rust[\s\S]*```bash/);
    expect(chooseMockReply("table").text).toMatch(/\|:-+\|/);
    expect(chooseMockReply("list").text).toMatch(/\n {3}- [\s\S]*\n {5}- /);
    expect(chooseMockReply("help").text).toContain("provider-error");
  });

  it("answers the last user message, and reads AI SDK `parts` and content arrays", async () => {
    const messages = [
      { role: "system", content: "be brief" },
      { role: "user", parts: [{ type: "text", text: "a table" }] },
      { role: "assistant", content: [{ type: "text", text: "ok" }] },
      { role: "user", content: [{ type: "text", text: "now some " }, { type: "text", text: "code" }] },
    ];
    const response = await fetch(`${server.url}/api/chat?protocol=text&tps=100000`, {
      method: "POST",
      body: JSON.stringify({ messages }),
    });
    expect(await response.text()).toBe(chooseMockReply("code").text);
  });

  it("is deterministic: the same prompt and seed give the same bytes (but for timestamps)", async () => {
    const [a, b, c] = [await seeded(7), await seeded(7), await seeded(8)];
    expect(a).toBe(b);
    expect(a).not.toBe(c); // the ids come from the seed
    expect(readMockStream("ai-sdk", a)).toEqual(readMockStream("ai-sdk", c));
  });
});
