// Seeded randomness for the bench, so every run feeds every renderer the same documents in the
// same chunks. Plain ESM (no types) because both Node (run.mjs) and the bench page import it.

/**
 * mulberry32: a tiny, fast 32-bit PRNG; good enough to pick words and chunk sizes, and identical
 * across engines because it only uses 32-bit integer arithmetic.
 * @param {number} seed
 * @returns {() => number} a function returning floats in [0, 1)
 * @example
 * const next = createRandom(1); next(); // 0.6270739405881613, on every machine
 */
export function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Splits text into tokens of 1 to 6 characters (uniformly, from the seeded generator), the way an
 * LLM stream delivers it. Never splits a UTF-16 surrogate pair.
 * @param {string} text
 * @param {number} seed
 * @returns {string[]}
 * @example
 * tokenize("hello world", 7).join(""); // "hello world"
 */
export function tokenize(text, seed) {
  const next = createRandom(seed);
  const tokens = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + 1 + Math.floor(next() * 6));
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff && end < text.length) end += 1;
    tokens.push(text.slice(at, end));
    at = end;
  }
  return tokens;
}
