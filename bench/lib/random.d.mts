// Types for random.mjs, which the bench page (TypeScript) shares with bench/run.mjs.
/** A seeded PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number;
/** Splits text into seeded tokens of 1 to 6 characters. */
export function tokenize(text: string, seed: number): string[];
