// The tokenizer (pieces shaped like a model's tokens, joining back to the text) and the pacing
// schedule (bursts, jitter, the mean rate, reproducible for a seed).
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseMockReply, createPacing, tokenize } from "../../server/index.js";

const LONE_SURROGATE = /\p{Cs}/u;

describe("tokenize", () => {
  it("joins back to the text exactly, whatever the text, without splitting a code point", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), (whole, any) => {
        for (const text of [whole, any, whole + any]) {
          const tokens = tokenize(text);
          expect(tokens.join("")).toBe(text);
          expect(tokens.filter((token) => token === "")).toEqual([]);
        }
        // A lone surrogate in a token cut from well-formed text means a code point was cut in two.
        expect(tokenize(whole).filter((token) => LONE_SURROGATE.test(token))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("splits like a model: words with their leading space, punctuation apart, long words in sub-word pieces", () => {
    expect(tokenize("Hello, world!")).toEqual(["Hello", ",", " world", "!"]);
    expect(tokenize("a  b\n\nc")).toEqual(["a", " ", " b", "\n\n", "c"]);
    expect(tokenize("café 😀 12345")).toEqual(["café", " 😀", " 123", "45"]);
    const pieces = tokenize(" internationalization");
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces[0]?.startsWith(" ")).toBe(true);
    expect(pieces.join("")).toBe(" internationalization");
    for (const piece of tokenize("internationalization")) expect(piece.length).toBeGreaterThanOrEqual(3);
  });

  it("averages about four characters a token on the mock's answers, as real tokenizers do", () => {
    const text = chooseMockReply("long").text;
    const perToken = text.length / tokenize(text).length;
    expect(perToken).toBeGreaterThan(2.5);
    expect(perToken).toBeLessThan(5);
  });
});

describe("createPacing", () => {
  it("is the same for the same seed and differs for another", () => {
    expect(createPacing(200, { tps: 60, seed: 5 })).toEqual(createPacing(200, { tps: 60, seed: 5 }));
    expect(createPacing(200, { tps: 60, seed: 5 })).not.toEqual(createPacing(200, { tps: 60, seed: 6 }));
  });

  it("never goes back in time, ends at count / tps seconds, and comes in bursts with jittered gaps", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 1, max: 10_000, noNaN: true }), fc.integer(), (count, tps, seed) => {
        const times = createPacing(count, { tps, seed });
        const backwards = times.findIndex((time, i) => i > 0 && time < (times[i - 1] as number));
        expect({ length: times.length, backwards }).toEqual({ length: count, backwards: -1 });
        expect(times.at(-1)).toBeCloseTo((count / tps) * 1000, 6);
      }),
      { numRuns: 200 },
    );
    const times = createPacing(1000, { tps: 60, seed: 1 });
    const writes = new Set(times).size;
    expect(writes).toBeLessThan(800); // several tokens share a write
    expect(writes).toBeGreaterThan(300);
    const gaps = [...new Set(times)].map((t, i, all) => t - (all[i - 1] ?? 0));
    expect(Math.max(...gaps) / Math.min(...gaps)).toBeGreaterThan(3); // not a metronome
  });
});
