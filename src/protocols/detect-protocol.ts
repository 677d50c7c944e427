/**
 * Protocol auto-detection, in the order the evidence arrives: the response headers, then the first bytes
 * of the body (when the content type says nothing), then the first SSE event.
 */
import type { Protocol } from "../core/types.js";
import { type Frame, isObject, str } from "./protocol-adapter.js";

/**
 * Enough to start decoding: the protocol, or the framing (SSE) with the protocol left to the first event.
 *
 * @example
 * const decided: Decided = { framing: "sse" };
 */
export type Decided = { protocol: Protocol } | { framing: "sse" };

/**
 * What the first bytes tell: a decision, an HTML page, or nothing yet.
 *
 * @example
 * const detection: Detection = detectFromBody("<!doctype html>"); // { html: true }
 */
export type Detection = Decided | { html: true } | undefined;

/**
 * What the headers tell; `{ sniff: "plain" }` is text/plain, which is text unless the body plainly begins as SSE.
 *
 * @example
 * const detection: HeaderDetection = detectFromHeaders(response.headers);
 */
export type HeaderDetection = Detection | { sniff: "plain" };

/**
 * Reads the protocol (or at least the framing) from response headers.
 *
 * @example
 * detectFromHeaders(new Headers({ "content-type": "application/x-ndjson" })); // { protocol: "ollama" }
 */
export function detectFromHeaders(headers: Headers): HeaderDetection {
  if (headers.has("x-vercel-ai-ui-message-stream")) return { protocol: "ai-sdk" };
  const type = (headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("text/html") || type.includes("application/xhtml")) return { html: true };
  if (type.includes("text/event-stream")) return { framing: "sse" };
  // Ollama answers `application/x-ndjson`; a plain JSON document goes the same way, so that an error
  // object or a forgotten `stream: true` gets a clear message rather than garbage text.
  if (type.includes("ndjson") || type.includes("jsonl") || type.includes("json")) return { protocol: "ollama" };
  // Quick backends often send SSE as text/plain (and `new Response(string)` defaults to it): look first.
  if (type.startsWith("text/plain")) return { sniff: "plain" };
  if (type.startsWith("text/")) return { protocol: "text" };
  return undefined;
}

const SSE_STARTS = ["data:", "event:", "id:", "retry:", ":"];
/** Under text/plain only the unmistakable starts count: an answer may well begin with ":)" or "id:". */
const PLAIN_SSE_STARTS = ["data:", "event:"];

/**
 * Guesses from the first characters of a body that came without a useful content type. Returns
 * `undefined` while `head` is too short to tell (call again with more, or with `atEnd` at the end).
 *
 * @example
 * detectFromBody("data: {}"); // { framing: "sse" }
 * detectFromBody("dat"); // undefined: could still be "data:"
 */
export function detectFromBody(head: string, atEnd = false, plain = false): Detection {
  const start = head.replace(/^[\uFEFF\s]+/, "");
  if (!start) return atEnd ? { protocol: "text" } : undefined;
  if (plain) return startsAs(start, PLAIN_SSE_STARTS, atEnd);
  if (start.startsWith("<")) {
    if (/^<(!doctype|html|head|body)/i.test(start)) return { html: true };
    if (start.length < 9 && !atEnd) return undefined;
    return { protocol: "text" };
  }
  if (start.startsWith("{")) return { protocol: "ollama" };
  return startsAs(start, SSE_STARTS, atEnd);
}

/** SSE if `start` begins with one of `prefixes`, undecided while it could still, text otherwise. */
function startsAs(start: string, prefixes: readonly string[], atEnd: boolean): Detection {
  for (const prefix of prefixes) {
    if (start.startsWith(prefix)) return { framing: "sse" };
    if (prefix.startsWith(start) && !atEnd) return undefined;
  }
  return { protocol: "text" };
}

const AI_SDK_TYPES = new Set([
  "start",
  "start-step",
  "text-start",
  "text-delta",
  "reasoning-start",
  "reasoning-delta",
  "reasoning",
  "tool-input-start",
  "tool-input-available",
  "finish",
  "finish-step",
  "message-metadata",
]);

/**
 * Picks the SSE protocol from the first event.
 *
 * @example
 * detectFromEvent({ event: "message_start", data: '{"type":"message_start"}' }); // "anthropic"
 */
export function detectFromEvent(frame: Frame): Protocol {
  const name = frame.event ?? "";
  if (name.startsWith("response.")) return "openai-responses";
  if (name === "message_start" || name === "ping" || name.startsWith("content_block")) return "anthropic";
  let json: unknown;
  try {
    json = JSON.parse(frame.data);
  } catch {
    return "sse";
  }
  if (!isObject(json)) return "sse";
  const type = str(json, "type") ?? "";
  if (type.startsWith("response.")) return "openai-responses";
  if (type === "message_start" || type === "ping" || type.startsWith("content_block")) return "anthropic";
  if (type === "error" && isObject(json.error)) return "anthropic";
  if (Array.isArray(json.choices) || str(json, "object") === "chat.completion.chunk") return "openai-chat";
  if (Array.isArray(json.candidates) || isObject(json.promptFeedback) || isObject(json.usageMetadata)) return "gemini";
  if (AI_SDK_TYPES.has(type) || type.startsWith("data-") || (type === "error" && "errorText" in json)) return "ai-sdk";
  // `{ error: {...} }` as the first event: the OpenAI-compatible way of failing mid-stream.
  if (isObject(json.error)) return "openai-chat";
  return "sse";
}
