// Network faults against a real loopback server, through ChatStore in Node (fetch over TCP): a drop
// at every phase of the response, a stall past the idle timeout, 429 with Retry-After, and a stream
// that never ends. Each must leave the user's message and the partial answer, a clear ChatError, and
// a Retry that works (DESIGN.md invariant 5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatError } from "../../src/core/chat-error.js";
import { ChatStore } from "../../src/core/chat-store.js";
import type { ChatSnapshot } from "../../src/core/types.js";
import { type FaultServer, FAULTS, good, neverEnds, rateLimited, stall, startFaultServer } from "./fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer(good(["Recovered ", "answer."]));
});
afterAll(() => server.close());

/** Resolves with the first snapshot that satisfies `done` (checked at once and on every change). */
function until(store: ChatStore, done: (s: ChatSnapshot) => boolean, timeoutMs = 5_000): Promise<ChatSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snapshot = store.getSnapshot();
      if (!done(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; last status ${store.getSnapshot().status}`));
    }, timeoutMs);
    const unsubscribe = store.subscribe(check);
    check();
  });
}

/** Polls `condition` every 10 ms for up to 2 s. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition(); await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (Date.now() - started > 2_000) throw new Error("condition not met within 2 s");
  }
}

const settled = (s: ChatSnapshot) => s.status === "ready" || s.status === "error";

/** Sends, waits for the failure, checks what it left, then retries and checks the recovery. */
async function failThenRetry(partial: string, idleTimeoutMs = 2_000) {
  const store = new ChatStore({ endpoint: `${server.url}/api/chat`, idleTimeoutMs });
  const before = server.requests.length;
  void store.send("Question?").catch(() => {});
  const failed = await until(store, settled);
  expect(failed.status).toBe("error");
  expect(failed.error).toBeInstanceOf(ChatError);
  expect(failed.error?.message.length).toBeGreaterThan(10);
  // An answer that failed before its first token may be left out; one with text is kept, marked "error".
  const answer = failed.messages.length === 2 || partial ? [["assistant", partial, "error"]] : [];
  expect(failed.messages.map((m) => [m.role, m.content, m.state])).toEqual([["user", "Question?", "done"], ...answer]);

  void store.retry();
  const recovered = await until(store, (s) => s.status === "ready");
  expect(recovered.messages.map((m) => [m.role, m.content, m.state])).toEqual([
    ["user", "Question?", "done"],
    ["assistant", "Recovered answer.", "done"],
  ]);
  // The retry sent the conversation once, without the failed answer.
  expect(server.requests.slice(before).map((r) => r.messages)).toEqual([
    [{ role: "user", content: "Question?" }],
    [{ role: "user", content: "Question?" }],
  ]);
  return failed;
}

describe("network faults through ChatStore (Node, loopback)", () => {
  it.each(Object.entries(FAULTS))("%s: keeps the question and the partial answer, then Retry recovers", async (_, fault) => {
    server.script(fault.behaviour);
    const failed = await failThenRetry(fault.partial);
    expect(failed.error?.type).toBe("network");
    expect(failed.error?.retryable).toBe(true);
  });

  it("a stall past the idle timeout fails as a timeout, keeping the partial answer; Retry recovers", async () => {
    server.script(stall("Thinking hard"));
    const started = Date.now();
    const failed = await failThenRetry("Thinking hard", 300);
    expect(failed.error?.type).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("429 with Retry-After is an http error that says when to retry; Retry recovers", async () => {
    server.script(rateLimited(2));
    const failed = await failThenRetry("");
    expect(failed.error).toMatchObject({ type: "http", status: 429, retryable: true, retryAfterMs: 2_000 });
    expect(failed.error?.message).toMatch(/rate limit/i);
  });

  it("a stream that never ends but keeps sending bytes: Stop ends it, keeps the answer, closes the connection", async () => {
    server.script(neverEnds("Forever "));
    const store = new ChatStore({ endpoint: `${server.url}/api/chat`, idleTimeoutMs: 300 });
    const closedBefore = server.clientClosed;
    void store.send("Tell me everything").catch(() => {});
    await until(store, (s) => s.messages[1]?.content === "Forever ");
    // Keep-alive comments keep arriving, so the idle timer never fires: the stream is still open.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(store.getSnapshot().status).toBe("streaming");
    store.stop();
    const stopped = store.getSnapshot();
    expect(stopped.status).toBe("ready");
    expect(stopped.messages.map((m) => [m.role, m.content, m.state])).toEqual([
      ["user", "Tell me everything", "done"],
      ["assistant", "Forever ", "aborted"],
    ]);
    await waitFor(() => server.clientClosed > closedBefore);
    void store.regenerate();
    const again = await until(store, (s) => s.status === "ready" && s.messages[1]?.state === "done");
    expect(again.messages[1]?.content).toBe("Recovered answer.");
  });

  it("a stream that never ends and goes silent: the idle timeout ends it, keeping the answer", async () => {
    server.script(stall("Half"));
    await failThenRetry("Half", 300);
  });
});
