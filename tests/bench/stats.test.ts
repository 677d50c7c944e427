// The bench's arithmetic (bench/lib/stats.mjs) and its seeded tokens, checked without a browser.
import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM bench helper, no types of its own.
import { droppedFrames, longTaskStats, percentile, summarize, tokenLags } from "../../bench/lib/stats.mjs";
import { createRandom, tokenize } from "../../bench/lib/random.mjs";
// @ts-expect-error -- plain ESM bench helper, no types of its own.
import { estimateTotal } from "../../bench/lib/report.mjs";


/** A per-token cost that grows linearly with the token's index. */
const linearCost = (i: number) => 1 + 0.1 * i;
const sumOf = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => linearCost(from + k)).reduce((a, b) => a + b, 0);

describe("tokenize", () => {
  it("splits into 1-6 character tokens that join back to the text, the same way for the same seed", () => {
    const text = "Here is **bold** text, a table | a | b |, and 😀 emoji.\n".repeat(20);
    const tokens = tokenize(text, 42);
    expect(tokens.join("")).toBe(text);
    expect(tokens.every((t) => t.length >= 1 && t.length <= 7)).toBe(true);
    expect(tokenize(text, 42)).toEqual(tokens);
    expect(tokenize(text, 43)).not.toEqual(tokens);
    expect(new Set(tokens.map((t) => t.length)).size).toBeGreaterThanOrEqual(6);
  });

  it("never splits a surrogate pair", () => {
    const text = "😀".repeat(300);
    for (const token of tokenize(text, 7)) expect(token.length % 2).toBe(0);
  });

  it("draws from a generator that is the same on every machine", () => {
    const next = createRandom(1);
    expect([next(), next()]).toEqual([0.6270739405881613, 0.002735721180215478]);
  });
});

describe("stats", () => {
  it("takes nearest-rank percentiles", () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([4, 1, 3, 2], 95)).toBe(4);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });

  it("counts dropped frames and attributes only those the renderer's work explains", () => {
    const frames = [0, 16, 32, 80, 96, 144];
    // Gap 32→80 (two frames missed) holds a 40 ms commit; gap 96→144 (two missed) holds nothing.
    const commits = [[33, 30, 10, 73]];
    expect(droppedFrames(frames, 16, commits)).toEqual({ dropped: 4, attributed: 2 });
  });

  it("attributes long tasks that overlap a commit", () => {
    const commits = [[100, 2, 5, 120]];
    expect(longTaskStats([[90, 60], [300, 55]], commits)).toEqual({ count: 2, attributed: 1, longest: 60 });
  });

  it("measures each token's lag to the paint of the first commit that contained it", () => {
    const commits = [[10, 1, 2, 20], [30, 1, 3, 45]];
    expect(tokenLags([0, 5, 12], 0, commits)).toEqual([20, 15, 33]);
  });

  it("estimates a stopped run's whole-document commit time exactly when the cost per token is linear", () => {
    const run = { tokens: 100, reached: 20, commitTotalMs: sumOf(0, 20), tail: { startIndex: 90, commits: 10, commitTotalMs: sumOf(90, 100) } };
    expect(estimateTotal(run)).toBeCloseTo(sumOf(0, 100), 6);
    expect(estimateTotal({ ...run, reached: 100, commitTotalMs: 7 })).toBe(7);
  });

  it("summarizes first and last 10% and the cost up to each percent", () => {
    const commits = Array.from({ length: 100 }, (_, i) => [i * 10, i < 50 ? 1 : 3, i + 1, -1]);
    const raw = { tokens: 100, startIndex: 0, reached: 100, stoppedBy: "done", frameInterval: 16, runStart: 0, runEnd: 1000, commits, arrivals: [], frames: [], longTasks: [], complete: true };
    const s = summarize(raw);
    expect(s).toMatchObject({ p50FirstMs: 1, p50LastMs: 3, growth: 3, commitTotalMs: 200, progress: 100 });
    expect(s.cumulative[49]).toBe(50);
    expect(s.cumulative[99]).toBe(200);
  });
});
