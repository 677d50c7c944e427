// The chat server's WebSocket path: the mock model over an upgrade of /api/chat, in every protocol,
// with the speeds and faults of the HTTP path, driven by a ChatStore with `ws`'s WebSocket.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ChatStore } from "../../src/core/chat-store.js";
import type { ChatLogEntry } from "../../server/chat-handler.js";
import { attachChatSocket, createChatHandler, PROTOCOLS, type ChatSocketServer } from "../../server/index.js";

let server: Server;
let sockets: ChatSocketServer;
let port: number;
const logs: ChatLogEntry[] = [];
const raw: Socket[] = [];

const log = (entry: ChatLogEntry) => logs.push(entry);

beforeAll(async () => {
  server = createServer(createChatHandler({ env: {}, log }));
  sockets = attachChatSocket(server, { log });
  server.on("connection", (socket: Socket) => raw.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  // An upgraded socket keeps a node:http server open: close the sockets first.
  sockets.close();
  // The upgrades nobody took (the HMR and other-path probes) stay half-open, as they would under Vite.
  for (const socket of raw) socket.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const endpoint = (scheme: "ws" | "http", query: Record<string, string | number>) =>
  `${scheme}://127.0.0.1:${port}/api/chat?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;

async function waitForLog(test: (entry: ChatLogEntry) => boolean, timeoutMs = 3000): Promise<ChatLogEntry> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logs.find(test);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log entry; got ${JSON.stringify(logs)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the mock model over a WebSocket", () => {
  it.each(PROTOCOLS)("answers in %s exactly as over HTTP", async (protocol) => {
    const query = { protocol, tps: 100_000, seed: 7 };
    const prompt = "Think it through: how fast should streaming be?";
    const overHttp = await new ChatStore({ endpoint: endpoint("http", query) }).send(prompt);
    const store = new ChatStore({ endpoint: endpoint("ws", query), WebSocket });
    const overSocket = await store.send(prompt);
    expect(overHttp.state).toBe("done");
    expect(overSocket.state).toBe("done");
    expect(overSocket.content.length).toBeGreaterThan(100);
    expect(overSocket.content).toBe(overHttp.content);
    expect(overSocket.reasoning).toBe(overHttp.reasoning);
    expect(overSocket.finishReason).toBe(overHttp.finishReason);
    // A second answer on the same store reuses the socket.
    expect((await store.send("help")).state).toBe("done");
    const entries = logs.filter((e) => e.method === "WEBSOCKET" && e.protocol === protocol);
    expect(entries.map((e) => e.outcome)).toEqual(["done", "done"]);
  });

  it("paces tokens at ?tps=", async () => {
    const store = new ChatStore({ endpoint: endpoint("ws", { tps: 200 }), WebSocket });
    const started = performance.now();
    const answer = await store.send("hello");
    const elapsed = performance.now() - started;
    const entry = logs.findLast((e) => e.method === "WEBSOCKET")!;
    // `tokens / tps` seconds, give or take the scheduler.
    expect(elapsed).toBeGreaterThan((entry.tokens / 200) * 1000 * 0.8);
    expect(answer.state).toBe("done");
  });

  it("stops writing when the client cancels", async () => {
    const store = new ChatStore({ endpoint: endpoint("ws", { tps: 200 }), WebSocket });
    const pending = store.send("Write a long answer");
    const deadline = Date.now() + 3000;
    while ((store.getSnapshot().messages.at(-1)?.content.length ?? 0) < 20 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const before = logs.length;
    store.stop();
    const stopped = await pending;
    expect(stopped.state).toBe("aborted");
    const entry = await waitForLog((e) => logs.indexOf(e) >= before && e.outcome === "aborted");
    expect(entry.method).toBe("WEBSOCKET");
    expect(entry.tokens).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.getSnapshot().messages.at(-1)).toEqual(stopped);
  });

  it("fault=drop:N cuts the socket: a retryable network error with the partial answer, and retry reconnects", async () => {
    const store = new ChatStore({ endpoint: endpoint("ws", { tps: 100_000, fault: "drop:8" }), WebSocket });
    const failed = await store.send("hello");
    expect(failed.state).toBe("error");
    expect(failed.content.length).toBeGreaterThan(0);
    expect(store.getSnapshot().error).toMatchObject({ type: "network", retryable: true });
    store.setOptions({ endpoint: endpoint("ws", { tps: 100_000 }) });
    const retried = await store.retry();
    expect(retried.state).toBe("done");
    expect(retried.content.startsWith(failed.content)).toBe(true);
  });

  it.each([
    ["429", { type: "http", status: 429, retryable: true, retryAfterMs: 1000 }],
    ["500", { type: "http", status: 500, retryable: true }],
    ["provider-error", { type: "provider" }],
    ["malformed", { type: "protocol" }],
  ] as const)("fault=%s fails the answer like the HTTP path does", async (fault, expected) => {
    const store = new ChatStore({ endpoint: endpoint("ws", { tps: 100_000, fault }), WebSocket });
    const answer = await store.send("hello");
    expect(answer.state).toBe("error");
    expect(store.getSnapshot().error).toMatchObject(expected);
    // The socket survives an answer's failure: the next answer reuses it.
    store.setOptions({ endpoint: endpoint("ws", { tps: 100_000 }) });
    expect((await store.send("hello")).state).toBe("done");
  });

  it("answers a bad request with an error frame carrying 400", async () => {
    const store = new ChatStore({ endpoint: endpoint("ws", { protocol: "nope" }), WebSocket });
    await store.send("hello");
    expect(store.getSnapshot().error).toMatchObject({ type: "http", status: 400 });
    expect(store.getSnapshot().error?.message).toMatch(/Unknown protocol "nope"/);
  });
});

/** Opens a socket to `path`: "open", "refused", or "unanswered" when no listener takes the upgrade. */
const upgrade = (path: string, protocol?: string) =>
  new Promise<string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, protocol);
    ws.on("open", () => {
      ws.close();
      resolve("open");
    });
    ws.on("error", () => resolve("refused"));
    // Nobody answers an upgrade no listener takes: the handshake just hangs.
    setTimeout(() => {
      ws.terminate();
      resolve("unanswered");
    }, 300);
  });

describe("upgrades that are not the chat's", () => {
  it("leaves Vite's HMR socket and other paths alone", async () => {
    expect(await upgrade("/api/chat")).toBe("open");
    expect(await upgrade("/api/chat", "vite-hmr")).toBe("unanswered");
    expect(await upgrade("/elsewhere")).toBe("unanswered");
  });

  it("closes every socket on close()", async () => {
    expect(sockets.clients).toBeGreaterThan(0);
    sockets.close();
    for (let i = 0; i < 50 && sockets.clients > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sockets.clients).toBe(0);
  });
});
