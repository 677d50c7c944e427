/**
 * The mock model over a WebSocket: the same answer, pacing, protocols and faults as the HTTP path
 * (`streamMockReply`), sent as frames. The encoders write a protocol's bytes; {@link EventSplitter}
 * cuts them back into events, and each event goes out as one `{ id, data }` frame.
 */
import { createParser, type EventSourceParser } from "eventsource-parser";
import { createEncoder, idPrefix } from "./encoders/create-encoder.js";
import type { MockParams } from "./mock-params.js";
import type { MockReply } from "./mock-replies.js";
import { ClientGone, planStream, sleep, type StreamOutcome } from "./mock-stream.js";
import { createRandom, randomId } from "./random.js";

/** Where one answer's frames go; each call resolves once the frame is handed to the socket. */
export interface ReplyFrames {
  /** One payload: a protocol object, a string (event data or text), or raw bytes (a binary frame). */
  payload(data: unknown): Promise<void>;
  done(): Promise<void>;
  error(message: string, extra?: { status?: number; retryAfterMs?: number }): Promise<void>;
  /** Cuts the connection without a close frame, as a network failure would. */
  drop(): void;
}

/** Cuts an encoder's output into the payloads of its events: SSE events, NDJSON lines, or text chunks. */
class EventSplitter {
  #parser: EventSourceParser | undefined;
  #framing: "sse" | "lines" | "text";
  #pending: unknown[] = [];
  #rest = "";

  constructor(contentType: string) {
    this.#framing = contentType.includes("event-stream") ? "sse" : contentType.includes("ndjson") ? "lines" : "text";
    if (this.#framing === "sse") this.#parser = createParser({ onEvent: (event) => this.#pending.push(asPayload(event.data)) });
  }

  split(output: string | Uint8Array): unknown[] {
    if (typeof output !== "string") return [output];
    if (this.#framing === "text") return output ? [output] : [];
    if (this.#parser) this.#parser.feed(output);
    else {
      const lines = (this.#rest + output).split("\n");
      this.#rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") this.#pending.push(asPayload(line));
    }
    return this.#pending.splice(0);
  }
}

/** An event's data as the frame's payload: the object when it is JSON, else the string itself. */
function asPayload(data: string): unknown {
  if (!data.startsWith("{")) return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

/**
 * Streams one mock answer as frames, paced like the HTTP path, with `params.faults` injected: `drop`
 * cuts the socket, `500`/`429` answer with an `error` frame carrying the status, `provider-error` sends
 * the protocol's error event, `malformed` its broken event, `stall` and `slow-first-byte` wait.
 * Stops as soon as `signal` aborts (a cancel frame, or the socket closed).
 *
 * @example
 * const outcome = await streamMockFrames(frames, chooseMockReply("table"), params, 12, controller.signal);
 */
export async function streamMockFrames(
  frames: ReplyFrames,
  reply: MockReply,
  params: MockParams,
  inputTokens: number,
  signal: AbortSignal,
): Promise<{ outcome: StreamOutcome; tokens: number }> {
  const random = createRandom(params.seed);
  const encoder = createEncoder(params.protocol, {
    id: randomId(random, idPrefix(params.protocol), 24),
    model: "rivulet-mock",
    createdMs: Date.now(),
    inputTokens,
    random,
  });
  const splitter = new EventSplitter(encoder.contentType);
  const send = async (output: string | Uint8Array) => {
    for (const payload of splitter.split(output)) {
      if (signal.aborted) throw new ClientGone();
      await frames.payload(payload);
    }
  };
  const { steps, times, fault, stall, middle, dropAt, errorAt, malformedAt } = planStream(reply, encoder, params);
  let written = 0;
  const ended = (outcome: StreamOutcome) => ({ outcome, tokens: written });
  try {
    const slow = fault("slow-first-byte");
    if (slow) await sleep(slow.seconds * 1000, signal);
    if (fault("500")) {
      await frames.error("The mock model failed (fault=500).", { status: 500 });
      return ended("error");
    }
    if (fault("429")) {
      const message = `Rate limited by the mock model (fault=429). Retry after ${params.retryAfter} s.`;
      await frames.error(message, { status: 429, retryAfterMs: params.retryAfter * 1000 });
      return ended("error");
    }
    await send(encoder.start());
    const started = performance.now();
    let shift = 0;
    for (let index = 0; ; index++) {
      if (index === dropAt) {
        frames.drop();
        return ended("dropped");
      }
      if (index === errorAt) {
        const message = reply.error ?? "The mock model hit an error mid-stream (fault=provider-error).";
        const event = encoder.error(message);
        await (event === null ? frames.error(message) : send(event).then(frames.done));
        return ended("error");
      }
      if (index >= steps.length) break;
      if (index === middle && stall) {
        await sleep(stall.seconds * 1000, signal);
        shift += stall.seconds * 1000;
      }
      if (index === malformedAt) await send(encoder.malformed());
      await sleep((times[index] ?? 0) + shift - (performance.now() - started), signal);
      const step = steps[index]!;
      await send(step.kind === "reasoning" ? encoder.reasoning(step.token) : encoder.text(step.token));
      written = index + 1;
    }
    const reasoningTokens = steps.filter((step) => step.kind === "reasoning").length;
    await send(encoder.finish({ outputTokens: steps.length, reasoningTokens }));
    await frames.done();
    return ended("done");
  } catch (error) {
    if (error instanceof ClientGone || signal.aborted) return ended("aborted");
    throw error;
  }
}
