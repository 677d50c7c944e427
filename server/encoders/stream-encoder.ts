/**
 * The contract every wire-protocol encoder of the mock model fulfils: turn the steps of an answer
 * (start, reasoning and text tokens, finish, an error) into the exact bytes a provider sends.
 */

/**
 * What an encoder needs to know about the answer it is writing.
 *
 * @example
 * createEncoder("openai-chat", { id: "chatcmpl-1", model: "m", createdMs: Date.now(), inputTokens: 9, random: Math.random });
 */
export interface EncoderContext {
  /** The response id, already shaped like the provider's (`chatcmpl-…`, `msg_…`). */
  id: string;
  /** The model name reported in the stream. */
  model: string;
  /** Unix time in milliseconds when the answer started. */
  createdMs: number;
  /** Tokens in the prompt, for usage figures. */
  inputTokens: number;
  /** A reproducible source of the extra ids some protocols need (item ids, signatures). */
  random: () => number;
}

/**
 * How an answer ended, for the protocol's finish event.
 *
 * @example
 * encoder.finish({ outputTokens: 120, reasoningTokens: 40 });
 */
export interface FinishInfo {
  /** Text tokens plus reasoning tokens written. */
  outputTokens: number;
  /** Reasoning tokens among them. */
  reasoningTokens: number;
}

/**
 * One protocol's framing. Each method returns the bytes to write for one step; an empty string
 * means the protocol has nothing to say at that step.
 *
 * @example
 * const encoder = createEncoder("anthropic", context);
 * res.writeHead(200, { "content-type": encoder.contentType, ...encoder.headers });
 * res.write(encoder.start());
 * for (const token of tokens) res.write(encoder.text(token));
 * res.end(encoder.finish({ outputTokens: tokens.length, reasoningTokens: 0 }));
 */
export interface StreamEncoder {
  /** The `Content-Type` the provider sends. */
  readonly contentType: string;
  /** Extra response headers the provider sends (e.g. the AI SDK's stream version header). */
  readonly headers: Readonly<Record<string, string>>;
  /** Whether the protocol has a place for reasoning; if not, the mock inlines it as text. */
  readonly supportsReasoning: boolean;
  start(): string;
  reasoning(delta: string): string;
  text(delta: string): string;
  finish(info: FinishInfo): string;
  /** The protocol's own mid-stream error event, or `null` when it has none (then the mock drops the connection). */
  error(message: string): string | null;
  /** A deliberately broken event: truncated JSON, or invalid UTF-8 where there is no JSON. */
  malformed(): string | Uint8Array;
}

/**
 * One Server-Sent Events event: an optional `event:` line and one `data:` line, ended by a blank
 * line. JSON never contains a raw newline, so one `data:` line always suffices.
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 * @example
 * sseEvent({ type: "ping" }, "ping"); // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function sseEvent(data: unknown, event?: string, eol = "\n"): string {
  const payload = typeof data === "string" ? data : JSON.stringify(data);
  return `${event === undefined ? "" : `event: ${event}${eol}`}data: ${payload}${eol}${eol}`;
}

/**
 * Headers every streaming response carries: no caching, and no buffering by nginx-style proxies.
 *
 * @example
 * res.writeHead(200, { "content-type": "text/event-stream", ...STREAM_HEADERS });
 */
export const STREAM_HEADERS: Readonly<Record<string, string>> = {
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};
