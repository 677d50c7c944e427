import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatError } from "../../src/core/chat-error.js";
import { ChatStore } from "../../src/core/chat-store.js";
import { FRAME_FALLBACK_MS } from "../../src/core/notify-scheduler.js";
import type { ChatStoreOptions } from "../../src/core/types.js";
import { recordSnapshots, scriptedTransport, summarize } from "./scripted-transport.js";

/** Lets the store's async loop run (microtasks only; no timer fires). */
async function drain(): Promise<void> {
  for (let i = 0; i < 100; i++) await Promise.resolve();
}

/** One fallback frame: a pending notification fires. */
async function nextFrame(): Promise<void> {
  await vi.advanceTimersByTimeAsync(FRAME_FALLBACK_MS);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("ChatStore snapshot histories", () => {
  it("send → stream → finish: one snapshot per status change and per frame, untouched messages keep identity", async () => {
    const script = scriptedTransport();
    const onFinish = vi.fn<NonNullable<ChatStoreOptions["onFinish"]>>();
    const store = new ChatStore({ transport: script.transport, onFinish });
    const history = recordSnapshots(store);

    const sent = store.send("Hi");
    // The status change to "submitted" is announced synchronously.
    expect(history.map(summarize)).toEqual([{ status: "submitted", messages: ["user done: Hi", "assistant streaming: "] }]);

    script.last.text("Hel");
    await drain();
    script.last.text("lo", " there");
    await drain();
    // Appended at once, announced at the next frame.
    expect(store.getSnapshot().messages[1]?.content).toBe("Hello there");
    expect(history).toHaveLength(2);
    await nextFrame();
    script.last.text("!").push({ type: "finish", reason: "stop", usage: { inputTokens: 3, outputTokens: 4 } });
    script.last.end();
    await drain();

    expect(history.map(summarize)).toEqual([
      { status: "submitted", messages: ["user done: Hi", "assistant streaming: "] },
      { status: "streaming", messages: ["user done: Hi", "assistant streaming: Hel"] },
      { status: "streaming", messages: ["user done: Hi", "assistant streaming: Hello there"] },
      { status: "ready", messages: ["user done: Hi", "assistant done: Hello there!"] },
    ]);
    // The pending frame notification for "!" was folded into the status change, not sent late.
    await nextFrame();
    expect(history).toHaveLength(4);

    const user = history[0]!.messages[0];
    for (const snapshot of history) expect(snapshot.messages[0]).toBe(user);
    expect(new Set(history).size).toBe(4);
    expect(new Set(history.map((s) => s.messages[1]!.id)).size).toBe(1);

    const final = history[3]!.messages[1]!;
    expect(final).toMatchObject({ role: "assistant", finishReason: "stop", usage: { inputTokens: 3, outputTokens: 4 } });
    expect(await sent).toBe(final);
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish).toHaveBeenCalledWith(final, {
      timings: { firstTokenMs: expect.any(Number), totalMs: expect.any(Number), tokens: 4 },
    });
    expect(store.getSnapshot()).toBe(history[3]);
  });

  it("stop mid-stream: partial answer kept as aborted, request aborted, no delta after it", async () => {
    const script = scriptedTransport();
    const onFinish = vi.fn<NonNullable<ChatStoreOptions["onFinish"]>>();
    const store = new ChatStore({ transport: script.transport, onFinish });
    const history = recordSnapshots(store);

    const sent = store.send("Tell me a story");
    script.last.text("Once", " upon");
    await drain();
    // A delta already delivered to the transport when stop() runs must not land.
    script.last.text(" a time");
    store.stop();
    script.last.text(" there was");
    await drain();
    await nextFrame();

    expect(history.map(summarize)).toEqual([
      { status: "submitted", messages: ["user done: Tell me a story", "assistant streaming: "] },
      { status: "streaming", messages: ["user done: Tell me a story", "assistant streaming: Once"] },
      // " upon" was appended but waiting for its frame: the stop carries it.
      { status: "ready", messages: ["user done: Tell me a story", "assistant aborted: Once upon"] },
    ]);
    expect(script.last.signal.aborted).toBe(true);
    const aborted = await sent;
    expect(aborted).toBe(history[2]!.messages[1]);
    expect(onFinish).toHaveBeenCalledTimes(1);
    expect(onFinish.mock.calls[0]![0]).toBe(aborted);
    // Stopping again, or when idle, changes nothing.
    store.stop();
    expect(history).toHaveLength(3);
  });

  it("no delta after stop even when the transport keeps delivering", async () => {
    const script = scriptedTransport({ ignoreAbort: true });
    const store = new ChatStore({ transport: script.transport });
    const history = recordSnapshots(store);
    void store.send("Go");
    script.last.text("a");
    await drain();
    store.stop();
    for (let i = 0; i < 10; i++) script.last.text("b");
    script.last.end();
    await drain();
    await nextFrame();
    expect(history.map(summarize).at(-1)).toEqual({ status: "ready", messages: ["user done: Go", "assistant aborted: a"] });
    expect(history).toHaveLength(3);
  });

  it("error mid-stream keeps the user message and the partial answer; retry replaces the failed answer", async () => {
    const script = scriptedTransport();
    const onError = vi.fn<NonNullable<ChatStoreOptions["onError"]>>();
    const store = new ChatStore({ transport: script.transport, onError });
    const history = recordSnapshots(store);

    void store.send("Explain");
    script.last.text("It is");
    await drain();
    const error = new ChatError("network", "The connection dropped.");
    script.last.fail(error);
    await drain();

    expect(store.getSnapshot().error).toBe(error);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error);

    const retried = store.retry();
    expect(script.answers).toHaveLength(2);
    expect(script.last.request.messages).toEqual([{ role: "user", content: "Explain" }]);
    script.last.text("It is simple.").end();
    await drain();
    await retried;

    expect(history.map(summarize)).toEqual([
      { status: "submitted", messages: ["user done: Explain", "assistant streaming: "] },
      { status: "streaming", messages: ["user done: Explain", "assistant streaming: It is"] },
      {
        status: "error",
        messages: ["user done: Explain", "assistant error: It is [The connection dropped.]"],
        error: "network: The connection dropped.",
      },
      { status: "submitted", messages: ["user done: Explain", "assistant streaming: "] },
      { status: "streaming", messages: ["user done: Explain", "assistant streaming: It is simple."] },
      { status: "ready", messages: ["user done: Explain", "assistant done: It is simple."] },
    ]);
    // The retried answer is a new message; the user's message is the same object throughout.
    expect(history[3]!.messages[1]!.id).not.toBe(history[2]!.messages[1]!.id);
    for (const snapshot of history) expect(snapshot.messages[0]).toBe(history[0]!.messages[0]);
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it("regenerate replaces the last answer and keeps earlier turns untouched", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    void store.send("One");
    script.last.text("First answer").end();
    await drain();
    void store.send("Two");
    script.last.text("Second answer").end();
    await drain();
    const before = store.getSnapshot().messages;

    const history = recordSnapshots(store);
    void store.regenerate();
    expect(script.last.request.messages).toEqual([
      { role: "user", content: "One" },
      { role: "assistant", content: "First answer" },
      { role: "user", content: "Two" },
    ]);
    script.last.text("Better").end();
    await drain();

    expect(history.map(summarize)).toEqual([
      {
        status: "submitted",
        messages: ["user done: One", "assistant done: First answer", "user done: Two", "assistant streaming: "],
      },
      {
        status: "streaming",
        messages: ["user done: One", "assistant done: First answer", "user done: Two", "assistant streaming: Better"],
      },
      {
        status: "ready",
        messages: ["user done: One", "assistant done: First answer", "user done: Two", "assistant done: Better"],
      },
    ]);
    for (const snapshot of history) {
      for (let i = 0; i < 3; i++) expect(snapshot.messages[i]).toBe(before[i]);
    }
  });

  it("an answer that fails before its first token keeps the user message; retract() gives its text back", async () => {
    const script = scriptedTransport();
    const store = new ChatStore({ transport: script.transport });
    const history = recordSnapshots(store);
    void store.send("Hello?");
    script.last.fail(new TypeError("fetch failed"));
    await drain();

    expect(history.map(summarize)).toEqual([
      { status: "submitted", messages: ["user done: Hello?", "assistant streaming: "] },
      {
        status: "error",
        messages: ["user done: Hello?", "assistant error:  [Could not reach the chat server (fetch failed).]"],
        error: "network: Could not reach the chat server (fetch failed).",
      },
    ]);
    // A non-ChatError failure becomes a retryable network ChatError that keeps its cause.
    const error = store.getSnapshot().error!;
    expect(error).toBeInstanceOf(ChatError);
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);

    expect(store.retract()).toBe("Hello?");
    expect(summarize(store.getSnapshot())).toEqual({ status: "ready", messages: [] });
    expect(store.retract()).toBeUndefined();
  });
});
