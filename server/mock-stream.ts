/**
 * Streams one mock answer over an HTTP response: tokenizes it, paces the tokens, encodes them in
 * the chosen protocol, injects the requested faults, and stops the moment the client goes away
 * (no write, no timer survives a closed connection).
 */
import type { ServerResponse } from "node:http";
import { createEncoder, idPrefix } from "./encoders/create-encoder.js";
import { STREAM_HEADERS, type StreamEncoder } from "./encoders/stream-encoder.js";
import { sendJsonError } from "./http-error.js";
import type { MockParams } from "./mock-params.js";
import type { MockReply } from "./mock-replies.js";
import { createPacing } from "./pacing.js";
import { createRandom, randomId } from "./random.js";
import { tokenize } from "./tokenize.js";

/** How a stream ended: finished, stopped by the client, cut on purpose, or refused. */
export type StreamOutcome = "done" | "aborted" | "dropped" | "error";

/** What {@link streamMockReply} reports when the response is over. */
export interface StreamResult {
  status: number;
  outcome: StreamOutcome;
  /** Text and reasoning tokens written. */
  tokens: number;
}

interface Step {
  kind: "reasoning" | "text";
  token: string;
}

/** Raised inside a mock stream when the client went away (closed the connection, or cancelled the answer). */
export class ClientGone extends Error {}

/**
 * Writes `reply` to `res` in `params.protocol`, at `params.tps`, with `params.faults`.
 *
 * @example
 * const result = await streamMockReply(res, chooseMockReply("table"), params, 12);
 * result.outcome; // "done", or "aborted" if the client left early
 */
export async function streamMockReply(
  res: ServerResponse,
  reply: MockReply,
  params: MockParams,
  inputTokens: number,
): Promise<StreamResult> {
  const random = createRandom(params.seed);
  const encoder = createEncoder(params.protocol, {
    id: randomId(random, idPrefix(params.protocol), 24),
    model: "rivulet-mock",
    createdMs: Date.now(),
    inputTokens,
    random,
  });
  const { steps, times, fault, stall, middle, dropAt, errorAt, malformedAt } = planStream(reply, encoder, params);

  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.on("close", onClose);
  let written = 0;
  const ended = (outcome: StreamOutcome): StreamResult => ({ status: res.statusCode, outcome, tokens: written });

  try {
    const slow = fault("slow-first-byte");
    if (slow) await sleep(slow.seconds * 1000, gone.signal);
    if (fault("500")) {
      sendJsonError(res, 500, "The mock model failed (fault=500).", {}, "server_error");
      return ended("error");
    }
    if (fault("429")) {
      const message = `Rate limited by the mock model (fault=429). Retry after ${params.retryAfter} s.`;
      sendJsonError(res, 429, message, { "retry-after": String(params.retryAfter) }, "rate_limit_error");
      return ended("error");
    }
    res.writeHead(200, { "content-type": encoder.contentType, ...STREAM_HEADERS, ...encoder.headers });
    res.flushHeaders();
    await write(res, encoder.start(), gone.signal);

    const started = performance.now();
    let shift = 0;
    let index = 0;
    let stalled = false;
    for (;;) {
      if (index === dropAt) {
        // Cut the TCP connection without the chunked terminator: the client sees a truncated body.
        res.socket?.destroy();
        return ended("dropped");
      }
      if (index === errorAt) {
        const event = encoder.error(reply.error ?? "The mock model hit an error mid-stream (fault=provider-error).");
        if (event === null) {
          res.socket?.destroy();
          return ended("dropped");
        }
        await write(res, event, gone.signal);
        res.end();
        return ended("error");
      }
      if (index >= steps.length) break;
      if (index === middle && stall && !stalled) {
        stalled = true;
        await sleep(stall.seconds * 1000, gone.signal);
        shift += stall.seconds * 1000;
      }
      if (index === malformedAt) {
        await write(res, encoder.malformed(), gone.signal);
      }
      await sleep((times[index] ?? 0) + shift - (performance.now() - started), gone.signal);
      // Everything already due goes out in one write, as a real server flushes a burst.
      const now = performance.now() - started - shift;
      let chunk = "";
      const first = index;
      const stops = [dropAt, errorAt, malformedAt, stall && !stalled ? middle : Infinity];
      while (index < steps.length && (times[index] ?? 0) <= now && (index === first || !stops.includes(index))) {
        const step = steps[index++] as Step;
        chunk += step.kind === "reasoning" ? encoder.reasoning(step.token) : encoder.text(step.token);
      }
      await write(res, chunk, gone.signal);
      written = index;
    }
    const reasoningTokens = steps.filter((step) => step.kind === "reasoning").length;
    await write(res, encoder.finish({ outputTokens: steps.length, reasoningTokens }), gone.signal);
    res.end();
    return ended("done");
  } catch (error) {
    if (error instanceof ClientGone) return ended("aborted");
    throw error;
  } finally {
    res.off("close", onClose);
  }
}

/**
 * The plan of one mock answer, shared by the HTTP and WebSocket paths: its tokens, when each is due,
 * and where the requested faults strike ("mid-stream" ones after a dozen tokens, or halfway through a
 * short answer).
 *
 * @example
 * const { steps, dropAt } = planStream(reply, encoder, params);
 */
export function planStream(reply: MockReply, encoder: StreamEncoder, params: MockParams) {
  const steps = toSteps(reply, encoder);
  const fault = <T extends MockParams["faults"][number]["type"]>(type: T) =>
    params.faults.find((f) => f.type === type) as Extract<MockParams["faults"][number], { type: T }> | undefined;
  const middle = Math.max(1, Math.min(12, Math.floor(steps.length / 2)));
  const drop = fault("drop");
  return {
    steps,
    times: createPacing(steps.length, params),
    fault,
    stall: fault("stall"),
    middle,
    dropAt: drop ? Math.min(drop.afterTokens, steps.length) : Infinity,
    errorAt: fault("provider-error") ? middle : reply.error !== undefined ? steps.length : Infinity,
    malformedAt: fault("malformed") ? middle : Infinity,
  };
}

/**
 * The answer as tokens; reasoning is inlined as a quoted preamble where the protocol has no place for it.
 * Shared by the HTTP and WebSocket paths, so both send the same tokens.
 *
 * @example
 * toSteps(chooseMockReply("a table"), createEncoder("openai-chat")).length;
 */
export function toSteps(reply: MockReply, encoder: StreamEncoder): Step[] {
  const steps: Step[] = [];
  if (reply.reasoning !== undefined) {
    if (encoder.supportsReasoning) {
      for (const token of tokenize(reply.reasoning)) steps.push({ kind: "reasoning", token });
    } else {
      const quoted = `> **Thinking**\n>\n${reply.reasoning.replace(/^/gm, "> ").replace(/^> $/gm, ">")}\n\n`;
      for (const token of tokenize(quoted)) steps.push({ kind: "text", token });
    }
  }
  for (const token of tokenize(reply.text)) steps.push({ kind: "text", token });
  return steps;
}

/**
 * Waits `ms` (nothing when `ms` ≤ 0); rejects with {@link ClientGone} as soon as `signal` aborts, clearing its timer.
 *
 * @example
 * await sleep(50, controller.signal);
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new ClientGone());
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ClientGone());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Writes `data` and waits until it is handed to the socket, or rejects when the client has gone. */
function write(res: ServerResponse, data: string | Uint8Array, signal: AbortSignal): Promise<void> {
  if (signal.aborted || res.destroyed) return Promise.reject(new ClientGone());
  if (data.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new ClientGone());
    signal.addEventListener("abort", onAbort, { once: true });
    res.write(data, (error) => {
      signal.removeEventListener("abort", onAbort);
      if (error) reject(new ClientGone());
      else resolve();
    });
  });
}
