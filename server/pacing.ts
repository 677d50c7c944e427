/**
 * When each token of a mock answer goes out. Real models do not emit one token per fixed tick:
 * tokens arrive in small bursts (several in one network write), with jittered gaps and the odd
 * hiccup. This schedule imitates that, reproducibly for a seed, at a chosen mean rate.
 */
import { createRandom } from "./random.js";

/** Options for {@link createPacing}. */
export interface PacingOptions {
  /** Mean tokens per second over the whole answer. */
  tps: number;
  /** Seed of the jitter; the same seed gives the same schedule. */
  seed: number;
}

/**
 * The time, in milliseconds after the stream starts, at which each of `count` tokens is due.
 * Times never decrease, tokens of one burst share a time, and the last token is due at
 * `count / tps` seconds, so the mean rate is exactly `tps`.
 *
 * @example
 * createPacing(5, { tps: 50, seed: 1 }); // e.g. [22, 22, 41, 70, 100]
 */
export function createPacing(count: number, { tps, seed }: PacingOptions): number[] {
  const random = createRandom(seed);
  const gaps: number[] = [];
  const bursts: number[] = [];
  let remaining = count;
  while (remaining > 0) {
    // Mostly single tokens; sometimes 2 to 5 arrive in one write.
    const burst = Math.min(remaining, random() < 0.6 ? 1 : 2 + Math.floor(random() * 4));
    // A gap proportional to the burst, jittered by ±40 %, with a 4 % chance of a 3–5× hiccup.
    let gap = burst * (0.6 + random() * 0.8);
    if (random() < 0.04) gap *= 3 + random() * 2;
    gaps.push(gap);
    bursts.push(burst);
    remaining -= burst;
  }
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const scale = total > 0 ? (count / tps) * 1000 / total : 0;
  const times: number[] = [];
  let time = 0;
  for (const [index, gap] of gaps.entries()) {
    time += gap * scale;
    for (let i = 0; i < (bursts[index] ?? 0); i++) times.push(time);
  }
  return times;
}
