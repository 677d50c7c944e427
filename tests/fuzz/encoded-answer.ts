/**
 * Fuzzing helpers for the decoder: random answers encoded with the mock model's own encoders
 * (server/encoders, the exact bytes each provider sends), the byte offset where every token's event
 * ends (so a fault at offset p tells which text must survive it), and a bounded decode.
 */
import * as fc from "fast-check";
import type { ChatDelta, Protocol } from "../../src/core/types.js";
import { createEncoder } from "../../server/encoders/create-encoder.js";
import { decodeStream } from "../../src/protocols/decode-stream.js";

/** One step of an answer: a token of visible text or of reasoning. */
export interface Step {
  kind: "text" | "reasoning";
  token: string;
}

/** An answer as bytes, with what a decoder must make of it. */
export interface EncodedAnswer {
  bytes: Uint8Array;
  /** The whole visible text and reasoning the bytes carry. */
  text: string;
  reasoning: string;
  /** Per step: the byte offset where its event ends, and the text and reasoning up to and including it. */
  ends: { offset: number; text: string; reasoning: string }[];
  /** Offset where the finish bytes (end marker, usage) start. */
  finishStart: number;
}

const utf8 = new TextEncoder();

/**
 * Characters that break naive decoders: line ends of every kind, JSON and SSE syntax, end markers,
 * multi-byte UTF-8 (2, 3 and 4 bytes), a NUL, U+2028 and a BOM.
 */
const TRICKY = [
  "\n", "\r\n", "\r", "\n\n", '"', "\\", "\\u0041", "{", "}", "[", "]", ":", "data: ", "event: error", "[DONE]",
  "id: 1", "retry: 5", " ", "\t", "é", "€", "😀", "👩‍👩‍👧", "\u0000", "\u2028", "\uFEFF", "<html>", "x",
] as const;

/**
 * Any Unicode scalar value. Built by hand: fast-check's `unit: "binary"` strings index all 1.1 million
 * code points in a Map when the arbitrary is created, which cost over a second per test file.
 */
const scalarArbitrary = fc
  .integer({ min: 0, max: 0x10ffff - 0x800 })
  .map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

/** A short token: tricky fragments, any Unicode scalar values, or plain ASCII. */
export const tokenArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 3 }).map((parts) => parts.join("")),
  fc.array(scalarArbitrary, { maxLength: 3 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme-ascii", maxLength: 6 }),
);

/** A short answer: at most 6 steps, reasoning now and then. */
export const stepsArbitrary: fc.Arbitrary<Step[]> = fc.array(
  fc.record({ kind: fc.constantFrom("text", "text", "text", "reasoning"), token: tokenArbitrary }),
  { maxLength: 6 },
);

let counter = 0;
const CONTEXT_RANDOM = () => ((counter = (counter * 1103515245 + 12345) >>> 0) / 4294967296);

/**
 * Encodes steps as `protocol`'s bytes. A protocol with no reasoning channel (generic SSE, plain text)
 * carries reasoning as text, as the mock does.
 *
 * @example
 * encodeAnswer("anthropic", [{ kind: "text", token: "Hi" }]).text; // "Hi"
 */
export function encodeAnswer(protocol: Protocol, steps: readonly Step[]): EncodedAnswer {
  const encoder = createEncoder(protocol, {
    id: "fuzz-1",
    model: "fuzz",
    createdMs: 1_700_000_000_000,
    inputTokens: 3,
    random: CONTEXT_RANDOM,
  });
  const parts: Uint8Array[] = [];
  let length = 0;
  const add = (text: string) => {
    const bytes = utf8.encode(text);
    parts.push(bytes);
    length += bytes.length;
  };
  add(encoder.start());
  let text = "";
  let reasoning = "";
  const ends: EncodedAnswer["ends"] = [];
  for (const { kind, token } of steps) {
    if (kind === "reasoning" && encoder.supportsReasoning) {
      add(encoder.reasoning(token));
      reasoning += token;
    } else {
      add(encoder.text(token));
      text += token;
    }
    ends.push({ offset: length, text, reasoning });
  }
  const finishStart = length;
  add(encoder.finish({ outputTokens: steps.length, reasoningTokens: 0 }));
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  // A body starts after a BOM only in theory; TextDecoder drops a leading one, as browsers do.
  if (protocol === "text" && text.startsWith("\uFEFF")) {
    text = text.slice(1);
    for (const end of ends) end.text = end.text.replace(/^\uFEFF/, "");
  }
  return { bytes, text, reasoning, ends, finishStart };
}

/** What a fault at byte `offset` must leave: the text and reasoning of every step whose event ended by then. */
export function survivingAt(answer: EncodedAnswer, offset: number): { text: string; reasoning: string } {
  let kept = { text: "", reasoning: "" };
  for (const end of answer.ends) {
    if (end.offset > offset) break;
    kept = end;
  }
  return { text: kept.text, reasoning: kept.reasoning };
}

/** A ReadableStream of `bytes`, one read per piece, cut at the given offsets (any order, any range). */
export function streamOf(bytes: Uint8Array, cuts: readonly number[] = []): ReadableStream<Uint8Array> {
  const sorted = [...new Set(cuts.map((cut) => (bytes.length ? cut % bytes.length : 0)))].toSorted((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...sorted, bytes.length]) {
    if (cut > start) pieces.push(bytes.subarray(start, cut));
    start = Math.max(start, cut);
  }
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[index++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}

/** Every delta the decoder gave, the text and reasoning they add up to, and the error it ended with. */
export interface Decoded {
  deltas: ChatDelta[];
  text: string;
  reasoning: string;
  error?: unknown;
}

/**
 * Decodes a body to the end, collecting deltas, never throwing. `onDelta` runs inside the loop (to
 * abort mid-stream). The idle timer is off: a body in memory never stalls, and fast-check's own
 * per-case timeout catches a hang.
 */
export async function decodeAll(
  body: ReadableStream<Uint8Array> | Response,
  protocol: Protocol | "auto",
  options: { signal?: AbortSignal; onDelta?: (delta: ChatDelta, index: number) => void } = {},
): Promise<Decoded> {
  const decoded: Decoded = { deltas: [], text: "", reasoning: "" };
  try {
    for await (const delta of decodeStream(body, { protocol, signal: options.signal, idleTimeoutMs: 0 })) {
      decoded.deltas.push(delta);
      if (delta.type === "text") decoded.text += delta.text;
      else if (delta.type === "reasoning") decoded.reasoning += delta.text;
      options.onDelta?.(delta, decoded.deltas.length - 1);
    }
  } catch (error) {
    decoded.error = error;
  }
  return decoded;
}

/** Base fast-check parameters: a seed from FUZZ_SEED when replaying, a per-case timeout against hangs. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  return { numRuns: Math.max(1, Math.round(numRuns * scale)), timeout: 2_000, ...(seed === undefined ? {} : { seed }) };
}
