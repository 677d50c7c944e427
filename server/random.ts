/**
 * A small seeded pseudo-random generator, so the mock model's jitter, bursts and ids are the same
 * every time for the same seed (tests and bug reports can replay a stream exactly).
 */

/** A function returning numbers in [0, 1), like `Math.random`, but reproducible. */
export type Random = () => number;

/**
 * A seeded generator (mulberry32: 32 bits of state, good enough for timing jitter, not for secrets).
 *
 * @example
 * const random = createRandom(42);
 * random(); // always the same first number for seed 42
 */
export function createRandom(seed: number): Random {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A reproducible id of letters and digits, shaped like the ids providers put in their streams.
 *
 * @example
 * randomId(createRandom(1), "chatcmpl-", 24); // "chatcmpl-…" (24 characters after the prefix)
 */
export function randomId(random: Random, prefix: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let id = prefix;
  for (let i = 0; i < length; i++) id += alphabet[Math.floor(random() * alphabet.length)];
  return id;
}
