// Decoder fuzzing, valid streams: random answers in every protocol, encoded by the mock model's own
// encoders and cut at random byte offsets (or into single bytes), decode to exactly the text and
// reasoning that were encoded, with one finish delta at the end (DESIGN.md invariant 3).
// FUZZ_SEED replays a failure; FUZZ_SCALE=10 runs ten times the cases.
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Protocol } from "../../src/core/types.js";
import { createEncoder, PROTOCOLS } from "../../server/encoders/create-encoder.js";
import { decodeAll, encodeAnswer, fuzzParameters, stepsArbitrary, streamOf, type Decoded } from "./encoded-answer.js";

/** Cases per protocol: with the fault cases (6,000) every protocol gets at least 10,000. */
const ROUND_TRIPS = 4_000;
const AUTO_DETECTIONS = 500;

/**
 * Up to six random cuts, plus (one case in four) a run of 32 single bytes from a random offset: cut
 * everywhere inside a stretch of UTF-8 characters, `\r\n` pairs and JSON escapes. (Every byte of the
 * whole body would make a 2 KB OpenAI stream 2,000 reads, the main cost of an earlier version.)
 */
const cutsArbitrary = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), fc.option(fc.nat(), { freq: 3 }));

function cutsFor([cuts, run]: [number[], number | null], length: number): number[] {
  if (run === null || length === 0) return cuts;
  const start = run % length;
  return [...cuts, ...Array.from({ length: 32 }, (_, i) => start + i).filter((cut) => cut < length)];
}

function expectClean(decoded: Decoded, text: string, reasoning: string): void {
  expect({
    error: decoded.error,
    text: decoded.text,
    reasoning: decoded.reasoning,
    finishes: decoded.deltas.filter((d) => d.type === "finish").length,
    last: decoded.deltas.at(-1)?.type,
    // Adapters never hand out a no-op delta.
    empty: decoded.deltas.filter((d) => (d.type === "text" || d.type === "reasoning") && d.text === "").length,
  }).toEqual({ error: undefined, text, reasoning, finishes: 1, last: "finish", empty: 0 });
}

describe.each(PROTOCOLS)("decoder fuzzing, valid %s streams", (protocol: Protocol) => {
  it(`decodes ${ROUND_TRIPS} random answers, cut at random offsets, to exactly the text encoded`, async () => {
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, cutsArbitrary, async (steps, cuts) => {
        const answer = encodeAnswer(protocol, steps);
        const decoded = await decodeAll(streamOf(answer.bytes, cutsFor(cuts, answer.bytes.length)), protocol);
        expectClean(decoded, answer.text, answer.reasoning);
      }),
      fuzzParameters(ROUND_TRIPS),
    );
  }, 120_000);
});

// Plain text is left out: under text/plain a body that starts like SSE is SSE by design.
describe.each(PROTOCOLS.filter((p) => p !== "text"))("decoder fuzzing, auto-detected %s streams", (protocol: Protocol) => {
  it(`detects the protocol of ${AUTO_DETECTIONS} random answers from the provider's headers or the first event`, async () => {
    const encoder = createEncoder(protocol, { id: "x", model: "m", createdMs: 0, inputTokens: 0, random: Math.random });
    const headers = { "content-type": encoder.contentType, ...encoder.headers };
    await fc.assert(
      fc.asyncProperty(stepsArbitrary, cutsArbitrary, fc.boolean(), async (steps, cuts, withHeaders) => {
        const answer = encodeAnswer(protocol, steps);
        const body = streamOf(answer.bytes, cutsFor(cuts, answer.bytes.length));
        // Without headers (a bare stream) detection rests on the first event alone.
        const decoded = await decodeAll(withHeaders ? new Response(body, { headers }) : body, "auto");
        expectClean(decoded, answer.text, answer.reasoning);
      }),
      fuzzParameters(AUTO_DETECTIONS),
    );
  }, 60_000);
});
