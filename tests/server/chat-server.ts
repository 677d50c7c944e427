// Test harness for the chat handler: a real node:http server on 127.0.0.1 and port 0, a log of
// every finished request, and small helpers to post to it and read what came back.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { createChatHandler, type ChatHandlerOptions, type ChatLogEntry } from "../../server/index.js";

export interface ChatServer {
  url: string;
  server: Server;
  logs: ChatLogEntry[];
  /** Writes attempted on a response after its connection closed: must stay 0. */
  lateWrites: number;
  /** Resolves with the next log entry (or one already logged and not yet taken). */
  nextLog(timeoutMs?: number): Promise<ChatLogEntry>;
  close(): Promise<void>;
}

/** Starts the handler on a free loopback port; `env: {}` unless given, so a developer's keys never turn tests into proxy calls. */
export async function startChatServer(options: ChatHandlerOptions = {}): Promise<ChatServer> {
  const logs: ChatLogEntry[] = [];
  let taken = 0;
  const waiters: Array<() => void> = [];
  const handler = createChatHandler({
    env: {},
    ...options,
    log: (entry) => {
      logs.push(entry);
      options.log?.(entry);
      for (const wake of waiters.splice(0)) wake();
    },
  });
  let lateWrites = 0;
  const server = createServer((req, res) => {
    // Count any write after the client has gone: the handler must stop writing at once.
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      if (res.destroyed) lateWrites++;
      return write(...args);
    }) as typeof res.write;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    logs,
    get lateWrites() {
      return lateWrites;
    },
    async nextLog(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (logs.length <= taken) {
        if (Date.now() > deadline) throw new Error("no log entry within the time limit");
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return logs[taken++] as ChatLogEntry;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs `{ messages: [{ role: "user", content: prompt }], ...extra }` to `/api/chat?query`. */
export function postChat(
  base: string,
  prompt: string,
  query: Record<string, string | number> = {},
  init: { extra?: Record<string, unknown>; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  return fetch(`${base}/api/chat?${search}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: JSON.stringify({ messages: [{ role: "user", content: prompt }], stream: true, ...init.extra }),
    signal: init.signal,
  });
}

/** Every SSE event in `text`, parsed by eventsource-parser (the WHATWG algorithm). */
export function parseSse(text: string): EventSourceMessage[] {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  parser.feed(text);
  return events;
}

/** The body's bytes as they arrived, each read a separate chunk. */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return chunks;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
