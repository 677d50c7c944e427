import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatStore, createChatStore } from "../../src/core/chat-store.js";
import { FRAME_FALLBACK_MS } from "../../src/core/notify-scheduler.js";
import type { ChatMessage } from "../../src/core/types.js";
import { recordSnapshots, scriptedTransport, summarize } from "./scripted-transport.js";

async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) await Promise.resolve();
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const message = (id: string, role: ChatMessage["role"], content: string, state: ChatMessage["state"] = "done"): ChatMessage => ({
  id,
  role,
  content,
  state,
});

describe("ChatStore notifications", () => {
  it("tells subscribers at most once per frame while streaming, and at once on each status change", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    const listener = vi.fn<() => void>();
    store.subscribe(listener);
    void store.send("Count");
    expect(listener).toHaveBeenCalledTimes(1); // submitted
    script.last.text("0");
    await drain();
    expect(listener).toHaveBeenCalledTimes(2); // streaming
    for (let frame = 1; frame <= 3; frame++) {
      for (let i = 0; i < 25; i++) script.last.text(` ${frame}.${i}`);
      await drain();
      // Every delta is in the store already; nobody has been told yet.
      expect(store.getSnapshot().messages[1]!.content.endsWith(` ${frame}.24`)).toBe(true);
      expect(listener).toHaveBeenCalledTimes(1 + frame);
      await vi.advanceTimersByTimeAsync(FRAME_FALLBACK_MS);
      expect(listener).toHaveBeenCalledTimes(2 + frame);
    }
    script.last.text(" last").end();
    await drain();
    // The end is a status change: told synchronously with the final text, no timer needed.
    expect(listener).toHaveBeenCalledTimes(6);
    expect(store.getSnapshot().messages[1]!.content.endsWith(" 3.24 last")).toBe(true);
    await vi.advanceTimersByTimeAsync(FRAME_FALLBACK_MS * 3);
    expect(listener).toHaveBeenCalledTimes(6);
  });

  it("keeps the snapshot's identity while nothing changes, and the messages' identity while they don't", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    const idle = store.getSnapshot();
    expect(store.getSnapshot()).toBe(idle);
    void store.send("A");
    const submitted = store.getSnapshot();
    expect(submitted).not.toBe(idle);
    expect(store.getSnapshot()).toBe(submitted);
    script.last.text("x");
    await drain();
    const first = store.getSnapshot();
    script.last.text("");
    await drain();
    expect(store.getSnapshot()).toBe(first);
    script.last.text("y");
    await drain();
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.messages[0]).toBe(first.messages[0]);
    expect(second.messages[1]).not.toBe(first.messages[1]);
    expect(store.getSnapshot()).toBe(second);
  });

  it("accumulates tool calls by id, reasoning, finish reason and usage", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    void store.send("Weather?");
    script.last.push(
      { type: "reasoning", text: "The user wants " },
      { type: "reasoning", text: "the weather." },
      { type: "tool-call", id: "call_1", name: "get_weather", argsText: '{"ci' },
      { type: "tool-call", id: "call_2", name: "get_time", argsText: "{}" },
      { type: "tool-call", id: "call_1", argsText: 'ty":"Oslo"}' },
      { type: "finish", reason: "tool_calls", usage: { inputTokens: 10 } },
      { type: "finish", usage: { outputTokens: 5 } },
    );
    script.last.end();
    await drain();
    expect(store.getSnapshot().messages[1]).toMatchObject({
      content: "",
      state: "done",
      reasoning: "The user wants the weather.",
      toolCalls: [
        { id: "call_1", name: "get_weather", argsText: '{"city":"Oslo"}' },
        { id: "call_2", name: "get_time", argsText: "{}" },
      ],
      finishReason: "tool_calls",
      usage: { inputTokens: 10, outputTokens: 5 },
    });
  });
});

describe("ChatStore misuse fails loudly", () => {
  it("refuses a send while an answer is submitted or streaming, without touching the state", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    void store.send("First");
    const submitted = store.getSnapshot();
    await expect(store.send("Second")).rejects.toThrow(/being requested\. Call stop\(\) first/);
    expect(store.getSnapshot()).toBe(submitted);
    script.last.text("partial");
    await drain();
    const streaming = store.getSnapshot();
    await expect(store.send("Second")).rejects.toThrow(/streaming\. Call stop\(\) first/);
    await expect(store.regenerate()).rejects.toThrow(/regenerate\(\).*stop\(\) first/);
    await expect(store.retry()).rejects.toThrow(/retry\(\).*stop\(\) first/);
    expect(() => store.setMessages([])).toThrow(/setMessages\(\).*stop\(\) first/);
    expect(() => store.retract()).toThrow(/retract\(\).*stop\(\) first/);
    expect(store.getSnapshot()).toBe(streaming);
    expect(script.answers).toHaveLength(1);
    // The first answer carries on unharmed.
    script.last.text(" answer").end();
    await drain();
    expect(summarize(store.getSnapshot())).toEqual({ status: "ready", messages: ["user done: First", "assistant done: partial answer"] });
  });

  it("rejects empty or non-string messages, and regenerate with nothing to answer", async () => {
    const store = new ChatStore({ transport: scriptedTransport().transport });
    await expect(store.send("   ")).rejects.toThrow(/empty message/);
    await expect(store.send(42 as unknown as string)).rejects.toThrow(/expects a string, got number/);
    await expect(store.regenerate()).rejects.toThrow(/needs a user message.*send\(text\) first/);
    expect(summarize(store.getSnapshot())).toEqual({ status: "ready", messages: [] });
  });

  it.each([
    ["url", "endpoint"],
    ["api", "endpoint"],
    ["endpointUrl", "endpoint"],
    ["hedaers", "headers"],
    ["systemPrompt", "system"],
    ["onfinish", "onFinish"],
  ])("an unknown option `%s` suggests `%s`", (key, suggestion) => {
    expect(() => new ChatStore({ [key]: "/x" } as never)).toThrow(`unknown option \`${key}\`. Did you mean \`${suggestion}\`?`);
    const store = new ChatStore();
    expect(() => store.setOptions({ [key]: "/x" } as never)).toThrow(`Did you mean \`${suggestion}\`?`);
  });

  it("names wrong option types, unknown protocols and bad messages", () => {
    expect(() => new ChatStore({ zzzzzzzz: 1 } as never)).toThrow(/Known options: endpoint, headers/);
    expect(() => new ChatStore({ endpoint: 42 } as never)).toThrow("option `endpoint` must be string, got number.");
    expect(() => new ChatStore({ protocol: "openai" } as never)).toThrow('Did you mean "openai-chat"?');
    expect(() => new ChatStore({ idleTimeoutMs: -1 })).toThrow(/positive number/);
    const store = new ChatStore();
    expect(() => store.setMessages("hello" as never)).toThrow(/expects an array of messages, got string\. To clear the conversation pass \[\]/);
    expect(() => store.setMessages([{ role: "user", content: "x", state: "done" }] as never)).toThrow(/message 0 needs a non-empty string `id`/);
    expect(() => store.setMessages([message("a", "user", "x"), message("a", "assistant", "y")])).toThrow(/repeats the id "a"/);
    expect(() => store.setMessages([{ ...message("a", "bot" as never, "x") }])).toThrow(/role "bot"/);
    expect(() => store.subscribe("x" as never)).toThrow(/expects a function/);
  });
});

describe("ChatStore conversation management", () => {
  it("setMessages keeps the given objects, restores a cut-off answer as interrupted, and accepts an updater", () => {
    const store = createChatStore({ transport: scriptedTransport().transport });
    const history = recordSnapshots(store);
    const user = message("u1", "user", "Hi");
    const cut = message("a1", "assistant", "Hal", "streaming");
    store.setMessages([user, cut]);
    const [first, second] = store.getSnapshot().messages;
    expect(first).toBe(user);
    expect(second).toEqual({ ...cut, state: "aborted", interrupted: true });
    store.setMessages((current) => current.slice(0, 1));
    expect(store.getSnapshot().messages).toEqual([user]);
    expect(store.getSnapshot().messages[0]).toBe(user);
    expect(history).toHaveLength(2);
    const restored = new ChatStore({ initialMessages: [user, cut] });
    expect(restored.getSnapshot().messages[1]).toMatchObject({ state: "aborted", interrupted: true });
  });

  it("methods are bound, and every message gets its own id", async () => {
    const script = scriptedTransport();
    const { send, stop, getSnapshot, subscribe } = new ChatStore({ transport: script.transport });
    const seen: string[] = [];
    subscribe(() => seen.push(getSnapshot().status));
    for (let i = 0; i < 5; i++) {
      void send(`m${i}`);
      script.last.text("a");
      await drain();
      stop();
    }
    const ids = getSnapshot().messages.map((m) => m.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(seen.slice(0, 3)).toEqual(["submitted", "streaming", "ready"]);
  });

  it("sends the system prompt first and leaves empty failed answers out of the wire conversation", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport, system: "Be brief." });
    void store.send("One");
    script.last.fail(new Error("boom"));
    await drain();
    void store.send("Two");
    expect(script.last.request.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "One" },
      { role: "user", content: "Two" },
    ]);
    expect(script.last.request.chatMessages.map((m) => m.state)).toEqual(["done", "error", "done"]);
  });

  it("reads options at send time: a change reaches the next request, not the one in flight", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport, system: "A" });
    void store.send("1");
    store.setOptions({ system: "B" });
    expect(script.answers[0]!.request.options.system).toBe("A");
    script.last.text("x").end();
    await drain();
    void store.send("2");
    expect(script.answers[1]!.request.options.system).toBe("B");
    expect(script.answers[1]!.request.messages[0]).toEqual({ role: "system", content: "B" });
  });
});
