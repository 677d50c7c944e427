/**
 * rivulet's server side: a Node request handler with a mock model and a provider proxy.
 *
 * @packageDocumentation
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Options for {@link createChatHandler}. */
export interface ChatHandlerOptions {
  /** The path the handler answers on. Default `/api/chat`. */
  path?: string;
}

/** A Node request handler; calls `next` for requests that are not its own (Connect-style). */
export type ChatHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/**
 * A request handler that streams a chat reply for `POST /api/chat`.
 *
 * @example
 * import { createServer } from "node:http";
 * import { createChatHandler } from "rivulet/server";
 * createServer(createChatHandler()).listen(8787);
 */
export function createChatHandler(options: ChatHandlerOptions = {}): ChatHandler {
  const path = options.path ?? "/api/chat";
  return (req, res, next) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      if (next) return next();
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const words = "Hello from **rivulet**'s mock model.".split(/(?<= )/);
      for (const word of words) {
        res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: word } }] })}\n\n`);
      }
      res.end("data: [DONE]\n\n");
    });
  };
}
