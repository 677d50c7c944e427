/**
 * Cross-origin policy: off by default (a browser on another origin gets no access, and a
 * cross-origin POST is refused outright, so no other site can spend the server's API key); with
 * an allowlist, listed origins get CORS headers and their preflights are answered.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The `cors` option of the chat handler.
 *
 * @example
 * createChatHandler({ cors: { origins: ["https://example.com", "http://localhost:3000"] } });
 */
export interface CorsOptions {
  /** Origins allowed to call the handler from a browser, e.g. `["https://example.com"]`; `"*"` allows any. */
  origins: readonly string[];
}

/** Headers a cross-origin client may read: the retry delay and the protocol markers. */
const EXPOSED = "retry-after, x-vercel-ai-ui-message-stream, x-rivulet-protocol";

/**
 * Whether a request may proceed, given its `Origin`: same-origin and origin-less requests always
 * may; others only when listed. Sets the CORS headers on `res` for a listed origin.
 *
 * @example
 * if (!applyCors(req, res, { origins: ["https://example.com"] })) return refuse(res);
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsOptions | undefined): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const allowed = cors !== undefined && (cors.origins.includes("*") || cors.origins.includes(origin));
  if (allowed) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", EXPOSED);
    res.setHeader("vary", "Origin");
    return true;
  }
  return isSameOrigin(origin, req.headers.host);
}

/**
 * Answers a CORS preflight for an allowed origin (the caller has already called {@link applyCors}).
 *
 * @example
 * if (req.method === "OPTIONS") return answerPreflight(req, res);
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = req.headers["access-control-request-headers"];
  res.writeHead(204, {
    "access-control-allow-methods": "POST, OPTIONS",
    "access-control-allow-headers": requested ?? "content-type",
    "access-control-max-age": "600",
    "content-length": "0",
  });
  res.end();
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
