/**
 * Turns a non-2xx response into a {@link ChatError} that says what the provider said. Each provider wraps
 * its message differently in the JSON error body:
 * OpenAI `{ error: { message } }`, Anthropic `{ type: "error", error: { message } }`,
 * Gemini `{ error: { message, status } }` (sometimes inside an array), Ollama `{ error: "text" }`.
 */
import { ChatError } from "../core/chat-error.js";
import { isObject, str } from "./protocol-adapter.js";

/** Bodies of error responses are read up to this many characters; a provider's message is short. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Reads the body of a failed response and builds the error to throw. Never rejects: an unreadable body
 * still gives an error with the status.
 *
 * @param bytes - the body to read, when it is not `response.body` (decodeStream reads ahead while its
 *   decoder loads).
 *
 * @example
 * if (!response.ok) throw await errorFromResponse(response);
 */
export async function errorFromResponse(
  response: Response,
  signal?: AbortSignal,
  idleTimeoutMs = 60_000,
  bytes: ReadableStream<Uint8Array> | null | undefined = response.body,
): Promise<ChatError> {
  const body = await readBounded(bytes, signal, idleTimeoutMs);
  const status = response.status;
  const label = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ""}`;
  const detail = providerMessage(body) ?? htmlTitle(body, response.headers.get("content-type"));
  const message = detail ? `${detail} (${label})` : `The server answered ${label}.`;
  return new ChatError("http", message, { status, retryAfterMs: retryAfterMs(response.headers) });
}

/**
 * The provider's own message from a JSON error body, where there is one.
 *
 * @example
 * providerMessage('{"error":{"message":"Invalid key"}}'); // "Invalid key"
 */
export function providerMessage(body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(json)) json = json[0];
  if (!isObject(json)) return undefined;
  const error = json.error;
  if (typeof error === "string") return error;
  if (isObject(error)) {
    const message = str(error, "message");
    const status = str(error, "status");
    if (message) return status ? `${message} [${status}]` : message;
  }
  return str(json, "message") ?? str(json, "detail");
}

/**
 * Milliseconds to wait before retrying, from `retry-after-ms` or `Retry-After` (seconds or an HTTP date).
 *
 * @example
 * retryAfterMs(new Headers({ "retry-after": "3" })); // 3000
 */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function htmlTitle(body: string, contentType: string | null): string | undefined {
  if (!contentType?.includes("html") && !/^\s*</.test(body)) return undefined;
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  return title ? `The server answered with an HTML page: “${title}”` : undefined;
}

/** Reads up to MAX_ERROR_BODY characters; an abort or a stalled body stops it with what arrived. */
async function readBounded(
  body: ReadableStream<Uint8Array> | null | undefined,
  signal: AbortSignal | undefined,
  idleTimeoutMs: number,
): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  // Cancelling settles a pending read, so neither an abort nor a silent server can hang us here.
  const stop = () => void reader.cancel().catch(() => {});
  if (signal?.aborted) stop();
  else signal?.addEventListener("abort", stop, { once: true });
  const timed = idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs);
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < MAX_ERROR_BODY) {
      const timer = timed ? setTimeout(stop, idleTimeoutMs) : undefined;
      const { done, value } = await reader.read().finally(() => clearTimeout(timer));
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A broken error body: report what arrived.
  } finally {
    signal?.removeEventListener("abort", stop);
    stop();
  }
  return text;
}
