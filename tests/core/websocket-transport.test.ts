// The WebSocket transport through a ChatStore, against a real `ws` server on loopback.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ChatStore } from "../../src/core/chat-store.js";
import { isChatError } from "../../src/core/chat-error.js";
import { createWebSocketTransport, type WebSocketTransport } from "../../src/core/websocket-transport.js";
import { sendPaced, startScriptedServer, until, type ScriptedSocketServer } from "./websocket-test-server.js";

const chunk = (content: string) => ({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] });
const words = (n: number, prefix = "w") => Array.from({ length: n }, (_, i) => `${prefix}${i} `);

let server: ScriptedSocketServer;
let transport: WebSocketTransport;

beforeEach(async () => {
  server = await startScriptedServer();
  transport = createWebSocketTransport({ WebSocket, backoffMs: 20 });
});
afterEach(async () => {
  transport.close();
  await server.close();
});

function storeFor(options: ConstructorParameters<typeof ChatStore>[0] = {}): ChatStore {
  return new ChatStore({ endpoint: server.url, transport, ...options });
}

describe("WebSocket transport", () => {
  it("streams a reply and finishes, sending the HTTP body with type and id", async () => {
    server.onChat = async (ws, frame) => {
      await sendPaced(ws, frame.id, [chunk("Hello"), chunk(", "), chunk("world"), { choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }], 2);
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    };
    const store = storeFor({ body: { model: "m1" }, system: "Be brief." });
    const seen: string[] = [];
    store.subscribe(() => seen.push(`${store.getSnapshot().status}:${store.getSnapshot().messages.at(-1)?.content}`));
    const answer = await store.send("Hi");
    expect(answer).toMatchObject({ role: "assistant", content: "Hello, world", state: "done", finishReason: "stop" });
    expect(store.getSnapshot().status).toBe("ready");
    expect(seen[0]).toBe("submitted:");
    expect(seen.at(-1)).toBe("ready:Hello, world");
    const chat = server.received[0]!;
    expect(chat).toMatchObject({
      type: "chat",
      stream: true,
      model: "m1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
    });
    expect(typeof chat.id).toBe("string");
  });

  it("answers two replies in a row on one socket", async () => {
    let n = 0;
    server.onChat = (ws, frame) => {
      n += 1;
      ws.send(JSON.stringify({ id: frame.id, data: `answer ${n}` }));
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    };
    const store = storeFor();
    expect((await store.send("one")).content).toBe("answer 1");
    expect((await store.send("two")).content).toBe("answer 2");
    expect(server.connections).toBe(1);
    expect(transport.opens).toBe(1);
    const ids = server.received.map((f) => f.id);
    expect(new Set(ids).size).toBe(2);
  });

  it("stop() sends a cancel, and no text lands after it", async () => {
    let cancelled = false;
    server.onChat = async (ws, frame) => {
      // A server that keeps writing a little after the cancel: those frames must be ignored.
      await sendPaced(ws, frame.id, words(200).map(chunk), 5, () => cancelled && server.received.length > 5);
    };
    const store = storeFor();
    const done = store.send("long please");
    await until(() => (store.getSnapshot().messages.at(-1)?.content.length ?? 0) > 10, 3000, "some text");
    store.stop();
    const atStop = store.getSnapshot().messages.at(-1)!;
    expect(atStop.state).toBe("aborted");
    const cancel = await server.waitFor((f) => f.type === "cancel");
    cancelled = true;
    expect(cancel.id).toBe(server.received[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.getSnapshot().messages.at(-1)).toBe(atStop);
    expect((await done).content).toBe(atStop.content);
  });

  it("fails with a retryable network error when the socket drops mid-reply, keeps the partial, and retry reconnects", async () => {
    let calls = 0;
    server.onChat = async (ws, frame) => {
      calls += 1;
      if (calls === 1) {
        await sendPaced(ws, frame.id, ["Partial ", "answer"], 2);
        ws.terminate();
        return;
      }
      ws.send(JSON.stringify({ id: frame.id, data: "Full answer" }));
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    };
    const errors: unknown[] = [];
    const store = storeFor({ onError: (e) => errors.push(e) });
    const failed = await store.send("Hi");
    expect(failed).toMatchObject({ state: "error", content: "Partial answer" });
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(isChatError(snapshot.error) && snapshot.error.type).toBe("network");
    expect(snapshot.error?.retryable).toBe(true);
    expect(errors).toHaveLength(1);
    expect(snapshot.messages.map((m) => m.role)).toEqual(["user", "assistant"]);

    const retried = await store.retry();
    expect(retried).toMatchObject({ state: "done", content: "Full answer" });
    expect(server.connections).toBe(2);
    expect(store.getSnapshot().messages.map((m) => m.content)).toEqual(["Hi", "Full answer"]);
  });

  it("ignores frames for an old id after stop, tagged or untagged, until the server ends it", async () => {
    const ids: string[] = [];
    server.onChat = async (ws, frame) => {
      ids.push(frame.id);
      if (ids.length === 1) {
        ws.send(JSON.stringify({ id: frame.id, data: "first " }));
        return; // then waits for the cancel, below
      }
      // The old answer's late frames arrive after the new request: tagged and untagged.
      const old = ids[0]!;
      ws.send(JSON.stringify({ id: old, data: "LATE-TAGGED " }));
      ws.send("LATE-UNTAGGED ");
      ws.send(JSON.stringify({ type: "done", id: old }));
      ws.send("second ");
      ws.send(JSON.stringify({ id: frame.id, data: "answer" }));
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    };
    const store = storeFor();
    const first = store.send("one");
    await until(() => store.getSnapshot().messages.at(-1)?.content === "first ", 3000, "first text");
    store.stop();
    await first;
    await server.waitFor((f) => f.type === "cancel");
    const second = await store.send("two");
    expect(second).toMatchObject({ state: "done", content: "second answer" });
    expect(store.getSnapshot().messages.map((m) => m.content)).toEqual(["one", "first ", "two", "second answer"]);
  });

  it("decodes binary frames as UTF-8, with characters split across frames", async () => {
    const bytes = new TextEncoder().encode("Grüße 👋🏽 東京");
    server.onChat = (ws, frame) => {
      for (let i = 0; i < bytes.length; i += 3) ws.send(bytes.slice(i, i + 3));
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    };
    expect((await storeFor().send("Hi")).content).toBe("Grüße 👋🏽 東京");
  });

  it("turns an error frame into a ChatError with its status", async () => {
    server.onChat = (ws, frame) => {
      ws.send(JSON.stringify({ id: frame.id, data: "Some text" }));
      ws.send(JSON.stringify({ type: "error", id: frame.id, message: "Slow down", status: 429, retryAfterMs: 2000 }));
    };
    const store = storeFor();
    const answer = await store.send("Hi");
    expect(answer).toMatchObject({ state: "error", content: "Some text", error: "Slow down" });
    expect(store.getSnapshot().error).toMatchObject({ type: "http", status: 429, retryable: true, retryAfterMs: 2000 });
  });

  it("picks the WebSocket transport from a ws:// endpoint, or from transport: \"websocket\"", async () => {
    const byScheme = new ChatStore({ endpoint: server.url, WebSocket });
    expect((await byScheme.send("Hi")).content).toBe("ok");
    const byOption = new ChatStore({ endpoint: server.url.replace("ws:", "http:"), transport: "websocket", WebSocket });
    expect((await byOption.send("Hi")).content).toBe("ok");
    expect(server.connections).toBe(2);
    expect(() => new ChatStore({ transport: "socket" as never })).toThrow(/"fetch", "websocket" or a function/);
  });

  it("loads the WebSocket transport on the first send: stop() before it has loaded opens no socket", async () => {
    const store = new ChatStore({ endpoint: server.url, WebSocket });
    const stopped = store.send("Hi");
    store.stop();
    expect(await stopped).toMatchObject({ state: "aborted", content: "" });
    // The loaded transport is kept: the next send streams over one socket, and the one after reuses it.
    expect((await store.send("Again")).content).toBe("ok");
    expect((await store.send("Once more")).content).toBe("ok");
    expect(server.connections).toBe(1);
  });

  it("retries a failed connect with backoff, then fails with a retryable network error", async () => {
    const { port } = server;
    await server.close();
    const store = storeFor();
    const pending = store.send("Hi");
    // The server comes back while the transport is backing off.
    await new Promise((resolve) => setTimeout(resolve, 30));
    server = await startScriptedServer(port);
    expect((await pending).content).toBe("ok");

    await server.close();
    transport.close();
    const gaveUp = await store.send("Again");
    expect(gaveUp.state).toBe("error");
    expect(store.getSnapshot().error).toMatchObject({ type: "network", retryable: true });
    expect(store.getSnapshot().error?.message).toMatch(/Could not open a WebSocket to ws:.*\(4 attempts/);
    server = await startScriptedServer();
  });

  it("fails with a timeout when no frame comes for idleTimeoutMs, and cancels the answer", async () => {
    server.onChat = (ws, frame) => void ws.send(JSON.stringify({ id: frame.id, data: "so far" }));
    const store = storeFor({ idleTimeoutMs: 80 });
    const answer = await store.send("Hi");
    expect(answer).toMatchObject({ state: "error", content: "so far" });
    expect(store.getSnapshot().error?.type).toBe("timeout");
    await server.waitFor((f) => f.type === "cancel");
  });
});
