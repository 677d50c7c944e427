import { decodeStream, loadStreamDecoder } from "../protocols/decode-stream.js";
import type { ChatDelta, ChatTransportRequest } from "./types.js";

/** Where a ChatStore sends its requests when no `endpoint` is given. */
export const DEFAULT_ENDPOINT = "/api/chat";

/**
 * The JSON body of a request: `{ messages, stream: true }` merged with an object `body` option, or
 * whatever a function `body` option returns. Shared by every transport so they send the same thing.
 *
 * @example
 * buildRequestBody({ messages: [{ role: "user", content: "Hi" }], chatMessages: [], options: { body: { model: "gpt-4o" } } });
 * // { messages: [{ role: "user", content: "Hi" }], stream: true, model: "gpt-4o" }
 */
export function buildRequestBody(request: ChatTransportRequest): unknown {
  const { body } = request.options;
  if (typeof body === "function") return body({ messages: request.messages, chatMessages: request.chatMessages });
  return { messages: request.messages, stream: true, ...body };
}

/**
 * The URL and `RequestInit` of the default transport. Headers: `content-type: application/json`,
 * then the `headers` option (an object, or a function awaited here so a token is fresh per request).
 *
 * @example
 * const { url, init } = await buildFetchRequest(request, controller.signal);
 * const response = await fetch(url, init);
 */
export async function buildFetchRequest(
  request: ChatTransportRequest,
  signal: AbortSignal,
): Promise<{ url: string; init: RequestInit }> {
  const { options } = request;
  const headers = new Headers({ "content-type": "application/json" });
  const extra = typeof options.headers === "function" ? await options.headers() : options.headers;
  // Headers is case-insensitive, so a user's `Content-Type` replaces ours instead of doubling it.
  for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
  const body = buildRequestBody(request);
  return {
    url: options.endpoint ?? DEFAULT_ENDPOINT,
    init: {
      method: "POST",
      headers,
      // A string body (from a `body` function) is sent as it is; anything else as JSON.
      body: typeof body === "string" ? body : JSON.stringify(body),
      credentials: options.credentials ?? "same-origin",
      signal,
    },
  };
}

/**
 * The default transport: POST with `fetch`, then decode the answer with `decodeStream`. Aborting
 * `signal` aborts the fetch, so the server sees the connection close.
 *
 * @example
 * const store = new ChatStore({ transport: fetchTransport }); // the same as leaving it out
 */
export async function* fetchTransport(request: ChatTransportRequest, signal: AbortSignal): AsyncIterable<ChatDelta> {
  const { options } = request;
  // The decoder's code loads while the request is in flight (the first send of a page only), not after
  // the response arrives: it is ready before the first byte. decodeStream reports a failed load itself.
  loadStreamDecoder().catch(() => {});
  const { url, init } = await buildFetchRequest(request, signal);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new TypeError("rivulet: no fetch in this runtime. Pass the `fetch` option (e.g. from undici).");
  }
  const response = await fetchImpl(url, init);
  yield* decodeStream(response, {
    protocol: options.protocol ?? "auto",
    signal,
    ...(options.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: options.idleTimeoutMs }),
  });
}
