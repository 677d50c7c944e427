/**
 * The one error type the handler throws for a request it refuses, and the one JSON shape it answers
 * with: `{ "error": { "message": "…" } }`, the shape OpenAI-compatible clients already read.
 */
import type { ServerResponse } from "node:http";

/**
 * A refusal with an HTTP status and a message meant for the caller.
 *
 * @example
 * throw new HttpError(400, "`messages` must be an array.");
 */
export class HttpError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.headers = headers;
  }
}

/**
 * Answers with a JSON error body, unless the response has already started (then there is no way
 * to report an error but to cut the connection, which is what a client must treat as a failure).
 *
 * @example
 * sendJsonError(res, 405, "Use POST.", { allow: "POST" });
 */
export function sendJsonError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  type?: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ error: { message, ...(type ? { type } : {}) } });
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}
