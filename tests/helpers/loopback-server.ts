/**
 * A real node:http server on 127.0.0.1 for network tests: each test gives the handler, gets the URL, and
 * can wait for the moment the server saw a connection close. Every socket is destroyed on `close()`, so a
 * hanging response never outlives its test.
 *
 * @example
 * const server = await startLoopbackServer((req, res) => res.end("hi"));
 * const response = await fetch(server.url);
 * await server.close();
 */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Resolves at the next response "close" event; `finished` is false when the client went away first. */
  nextClose(): Promise<{ finished: boolean }>;
  close(): Promise<void>;
}

export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const closes: { finished: boolean }[] = [];
  const waiters: ((value: { finished: boolean }) => void)[] = [];
  const server = createServer((req, res) => {
    res.on("close", () => {
      const event = { finished: res.writableFinished };
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else closes.push(event);
    });
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    nextClose: () => {
      const event = closes.shift();
      return event ? Promise.resolve(event) : new Promise((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
