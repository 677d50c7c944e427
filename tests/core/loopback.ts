import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the server saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Resolves when the client closed the connection before the response ended. */
  closedEarly: Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void | Promise<void>;

/**
 * A node:http server on 127.0.0.1 for store tests. Each request is recorded with its body; the
 * handler answers it. `close()` ends every connection, so no test leaves a socket open.
 */
export async function startLoopback(handler: Handler) {
  const requests: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let markClosed!: () => void;
    const seen: SeenRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      closedEarly: new Promise<void>((resolve) => (markClosed = resolve)),
    };
    res.on("close", () => {
      if (!res.writableFinished) markClosed();
    });
    requests.push(seen);
    await handler(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One OpenAI Chat Completions SSE event carrying `text`. */
export function openAiChunk(text: string): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

/** The end of an OpenAI Chat Completions stream. */
export const OPENAI_END =
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`;

/** Writes `text` word by word as OpenAI SSE, then ends. */
export function answerWith(text: string): Handler {
  return (_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    for (const word of text.split(/(?<= )/)) res.write(openAiChunk(word));
    res.end(OPENAI_END);
  };
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` is true, polling every 5 ms, failing after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await sleep(5);
  }
}
