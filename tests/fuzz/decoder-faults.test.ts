// Decoder fuzzing, broken streams: truncations, bit flips, garbage and aborts at random places in
// random answers of every protocol. Each case is bounded by fast-check's per-case timeout (a hang
// fails), may only end with a ChatError (an AbortError only when we aborted), and keeps every token
// whose event was complete before the fault (DESIGN.md invariant 5, "text already received is always
// yielded before an error is thrown"). FUZZ_SEED replays a failure; FUZZ_SCALE multiplies the cases.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChatError } from "../../src/core/chat-error.js";
import type { Protocol } from "../../src/core/types.js";
import { PROTOCOLS } from "../../server/encoders/create-encoder.js";
import {
  type Decoded,
  decodeAll,
  encodeAnswer,
  type EncodedAnswer,
  fuzzParameters,
  stepsArbitrary,
  streamOf,
  survivingAt,
} from "./encoded-answer.js";

const TRUNCATIONS = 2_000;
const BIT_FLIPS = 2_000;
const GARBAGE = 1_500;
const ABORTS = 500;

/** Protocols whose stream has an end marker, so a body cut before it is a dropped connection. */
const MARKED_END: readonly Protocol[] = ["openai-chat", "openai-responses", "anthropic", "gemini", "ai-sdk", "ollama"];
/** Protocols framed as SSE: an event counts only once its blank line arrived. */
const SSE_FRAMED: readonly Protocol[] = ["openai-chat", "openai-responses", "anthropic", "gemini", "ai-sdk", "sse"];

const cutsArbitrary = fc.array(fc.nat(), { maxLength: 4 });

/**
 * What must hold after any fault, as a list of broken rules (empty when all hold): a ChatError or a
 * clean finish, never both, and the text and reasoning of every event complete before `offset` kept.
 */
function faultProblems(decoded: Decoded, answer: EncodedAnswer, offset: number): string[] {
  const problems: string[] = [];
  const finishes = decoded.deltas.filter((d) => d.type === "finish").length;
  if (decoded.error !== undefined && !(decoded.error instanceof ChatError)) {
    problems.push(`threw a non-ChatError: ${String(decoded.error)}`);
  }
  if (decoded.error === undefined && (finishes !== 1 || decoded.deltas.at(-1)?.type !== "finish")) {
    problems.push("ended without an error and without exactly one final finish delta");
  }
  if (decoded.error !== undefined && finishes !== 0) problems.push("gave a finish delta and then an error");
  const kept = survivingAt(answer, offset);
  if (!decoded.text.startsWith(kept.text)) problems.push(`lost text that was complete before byte ${offset}`);
  if (!decoded.reasoning.startsWith(kept.reasoning)) problems.push(`lost reasoning complete before byte ${offset}`);
  return problems;
}

/** `text` is the start of `full`, but for a trailing U+FFFD where a cut split a character. */
function isPrefixOf(text: string, full: string): boolean {
  return full.startsWith(text) || (text.endsWith("\uFFFD") && full.startsWith(text.slice(0, -1)));
}

/** Bytes that look like the protocols' own syntax, so garbage gets past the first checks now and then. */
const FRAGMENTS = [
  "data: ", "data: {", "data: [DONE]", "event: error\n", "event: message_stop\n", "\n", "\n\n", "\r\n", "\r", ":",
  '{"type":"error"}', '{"choices":[{"delta":{"content":"x"}}]}', '{"done":true}', '"', "\\", "}", "]", "\uFFFF", "é",
].map((text) => new TextEncoder().encode(text));

const garbageArbitrary = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.uint8Array({ maxLength: 4 })), { maxLength: 8 })
    .map((parts) => Uint8Array.from(parts.flatMap((part) => [...part]))),
);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

describe.each(PROTOCOLS)("decoder fuzzing, broken %s streams", (protocol: Protocol) => {
  it(`keeps what came before a truncation, in ${TRUNCATIONS} random cuts`, async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, fc.nat(), cutsArbitrary, async (steps, at, cuts) => {
        const answer = encodeAnswer(protocol, steps);
        const cut = at % (answer.bytes.length + 1);
        const decoded = await decodeAll(streamOf(answer.bytes.subarray(0, cut), cuts), protocol);
        const problems = faultProblems(decoded, answer, cut);
        // A truncated body never carries text that was not sent; where events frame the text, whole tokens only.
        if (!isPrefixOf(decoded.text, answer.text)) problems.push("text beyond what was sent");
        if (SSE_FRAMED.includes(protocol)) {
          // A CR ends a line (WHATWG SSE), so "…\r\n\r" already holds the blank line of a CRLF event.
          const crEnds = answer.bytes[cut - 1] === 0x0d && answer.bytes[cut] === 0x0a;
          const whole = [survivingAt(answer, cut).text, survivingAt(answer, crEnds ? cut + 1 : cut).text];
          if (!whole.includes(decoded.text)) problems.push("text of an event whose blank line never came");
        }
        if (MARKED_END.includes(protocol) && cut < answer.finishStart && !(decoded.error instanceof ChatError)) {
          problems.push("a body cut before the end marker did not fail");
        }
        expect(problems).toEqual([]);
      }),
      fuzzParameters(TRUNCATIONS),
    );
  }, 60_000);

  it(`keeps what came before a bit flip, in ${BIT_FLIPS} random flips`, async () => {
    const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, flips, cutsArbitrary, async (steps, flipList, cuts) => {
        const answer = encodeAnswer(protocol, steps);
        const bytes = answer.bytes.slice();
        let first = bytes.length;
        for (const { at, bit } of flipList) {
          if (bytes.length === 0) break;
          const index = at % bytes.length;
          bytes[index]! ^= 1 << bit;
          first = Math.min(first, index);
        }
        const decoded = await decodeAll(streamOf(bytes, cuts), protocol);
        expect(faultProblems(decoded, answer, first)).toEqual([]);
      }),
      fuzzParameters(BIT_FLIPS),
    );
  }, 60_000);

  it(`keeps what came before garbage, in ${GARBAGE} random tails (and whole bodies) of junk`, async () => {
    await fc.assert(
      fc.asyncProperty(
        stepsArbitrary,
        fc.oneof(fc.constant(0), fc.nat()),
        garbageArbitrary,
        cutsArbitrary,
        async (steps, at, garbage, cuts) => {
          const answer = encodeAnswer(protocol, steps);
          const cut = at % (answer.bytes.length + 1);
          const decoded = await decodeAll(streamOf(concat(answer.bytes.subarray(0, cut), garbage), cuts), protocol);
          expect(faultProblems(decoded, answer, cut)).toEqual([]);
        },
      ),
      fuzzParameters(GARBAGE),
    );
  }, 60_000);

  it(`stops at once when aborted, in ${ABORTS} random aborts (mid-stream, and on a body that stalls)`, async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, fc.nat({ max: 12 }), fc.boolean(), cutsArbitrary, async (steps, abortAt, stall, cuts) => {
        const answer = encodeAnswer(protocol, steps);
        const controller = new AbortController();
        let body = streamOf(answer.bytes, cuts);
        if (stall) {
          // The bytes, then silence: the body never ends, so only the abort (or the end marker) ends the read.
          const reader = body.getReader();
          body = new ReadableStream<Uint8Array>({
            async pull(c) {
              const { done, value } = await reader.read();
              if (!done) c.enqueue(value);
              else await new Promise(() => {});
            },
          });
        }
        let abortedAfter: number | undefined;
        const abort = (index: number): void => {
          if (abortedAfter !== undefined) return;
          abortedAfter = index;
          controller.abort();
        };
        // A stalled body gets its abort from a timer if the deltas run out first.
        const timer = stall ? setTimeout(() => abort(Number.POSITIVE_INFINITY), 1) : undefined;
        const decoded = await decodeAll(body, protocol, {
          signal: controller.signal,
          onDelta: (_, index) => {
            if (index === abortAt) abort(index);
          },
        });
        clearTimeout(timer);
        const problems: string[] = [];
        const midStream = abortedAfter !== undefined && abortedAfter !== Number.POSITIVE_INFINITY;
        if (decoded.error === undefined) {
          // Not aborted, or aborted on the very last delta (nothing was left to stop): a clean end.
          if (decoded.deltas.at(-1)?.type !== "finish") problems.push("ended without an error or a finish");
        } else {
          if (abortedAfter === undefined) problems.push(`failed without an abort: ${String(decoded.error)}`);
          if (decoded.error !== controller.signal.reason || (decoded.error as Error).name !== "AbortError") {
            problems.push(`rejected with something else than the abort reason: ${String(decoded.error)}`);
          }
        }
        if (midStream && decoded.deltas.length !== (abortedAfter ?? 0) + 1) problems.push("a delta came after the abort");
        if (!answer.text.startsWith(decoded.text)) problems.push("text that was not sent");
        expect(problems).toEqual([]);
      }),
      fuzzParameters(ABORTS),
    );
  }, 60_000);
});
