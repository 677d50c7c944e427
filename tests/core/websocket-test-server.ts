// A scripted `ws` server on loopback for the WebSocket transport tests: it records every connection
// and every frame it receives, and lets each test decide what to answer to a `chat` frame.
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface ChatFrameIn {
  type: "chat";
  id: string;
  messages: { role: string; content: string }[];
  [key: string]: unknown;
}

export interface ScriptedSocketServer {
  url: string;
  port: number;
  /** Connections accepted so far. */
  connections: number;
  /** Every frame received, parsed. */
  received: Record<string, unknown>[];
  /** What to do with a `chat` frame; default: answer "ok" and done. */
  onChat: (ws: WebSocket, frame: ChatFrameIn) => void | Promise<void>;
  /** Resolves when a frame matching `test` has been received. */
  waitFor(test: (frame: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startScriptedServer(port = 0): Promise<ScriptedSocketServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const address = wss.address() as AddressInfo;
  const waiters: Array<() => void> = [];
  const server: ScriptedSocketServer = {
    url: `ws://127.0.0.1:${address.port}/api/chat`,
    port: address.port,
    connections: 0,
    received: [],
    onChat: (ws, frame) => {
      ws.send(JSON.stringify({ id: frame.id, data: "ok" }));
      ws.send(JSON.stringify({ type: "done", id: frame.id }));
    },
    async waitFor(test, timeoutMs = 3000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = server.received.find(test);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(server.received)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 20);
        });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on("connection", (ws) => {
    server.connections += 1;
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as Record<string, unknown>;
      server.received.push(frame);
      for (const wake of waiters.splice(0)) wake();
      if (frame.type === "chat") void server.onChat(ws, frame as ChatFrameIn);
    });
  });
  return server;
}

/** Sends `{ id, data }` frames for `payloads`, one per `everyMs`, unless `stop()` returns true. */
export async function sendPaced(
  ws: WebSocket,
  id: string,
  payloads: readonly unknown[],
  everyMs: number,
  stop: () => boolean = () => false,
): Promise<void> {
  for (const data of payloads) {
    if (stop() || ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify({ id, data }));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Resolves once `predicate` holds, polling; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 3000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
