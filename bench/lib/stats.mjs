// Turns one raw run from the bench page (bench/page/main.ts) into the figures the report shows.
// Pure functions of their input, so they can be checked without a browser.

/**
 * Nearest-rank percentile; NaN for an empty list.
 * @param {number[]} values
 * @param {number} p 0..100
 * @returns {number}
 * @example
 * percentile([1, 2, 3, 4], 50); // 2
 */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = values.toSorted((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

const sum = (values) => values.reduce((a, b) => a + b, 0);
// Not Math.max(...values): tens of thousands of arguments can overflow the stack.
const max = (values) => values.reduce((a, b) => (b > a ? b : a), 0);

/**
 * Frames that were due but not produced: a gap between two animation frames of more than 1.5 frame
 * intervals drops round(gap / interval) - 1 frames. A drop is attributed to rendering when the
 * renderer's work inside the gap (each commit from its start to its paint proxy, which includes the
 * frame's style, layout and paint) covers at least the overrun (gap - one interval); a gap the
 * renderer cannot explain (GC, another process on a shared CPU) is counted but not attributed.
 * @param {number[]} frames rAF timestamps
 * @param {number} interval the frame interval
 * @param {[number, number, number, number][]} commits [start, duration, upTo, paint]
 * @returns {{ dropped: number, attributed: number }}
 * @example
 * droppedFrames([0, 16.7, 50, 66.7], 16.7, []); // { dropped: 1, attributed: 0 }
 */
export function droppedFrames(frames, interval, commits) {
  let dropped = 0;
  let attributed = 0;
  let c = 0;
  for (let i = 1; i < frames.length; i += 1) {
    const from = frames[i - 1];
    const to = frames[i];
    const gap = to - from;
    let work = 0;
    while (c < commits.length && commits[c][0] < to) {
      if (commits[c][0] >= from) {
        const [start, duration, , paint] = commits[c];
        work += paint >= start ? paint - start : duration;
      }
      c += 1;
    }
    if (gap <= 1.5 * interval) continue;
    const missed = Math.max(1, Math.round(gap / interval) - 1);
    dropped += missed;
    if (work >= gap - interval) attributed += missed;
  }
  return { dropped, attributed };
}

/**
 * Long tasks (> 50 ms) overlapping a commit (start to paint proxy, or to its end) are attributed to
 * rendering; the others happened while the renderer was idle.
 * @param {[number, number][]} longTasks [start, duration]
 * @param {[number, number, number, number][]} commits
 * @returns {{ count: number, attributed: number, longest: number }}
 * @example
 * longTaskStats([[10, 60]], [[20, 5, 1, 30]]); // { count: 1, attributed: 1, longest: 60 }
 */
export function longTaskStats(longTasks, commits) {
  let attributed = 0;
  for (const [start, duration] of longTasks) {
    const end = start + duration;
    const hit = commits.some(([s, d, , paint]) => s < end && (paint >= s ? paint : s + d) > start);
    if (hit) attributed += 1;
  }
  return { count: longTasks.length, attributed, longest: Math.max(0, ...longTasks.map((t) => t[1])) };
}

/**
 * Lag from each token's arrival to the paint of the first commit that contained it.
 * @param {number[]} arrivals arrival time of token startIndex + k
 * @param {number} startIndex
 * @param {[number, number, number, number][]} commits
 * @returns {number[]}
 * @example
 * tokenLags([0, 5], 0, [[10, 1, 2, 20]]); // [20, 15]
 */
export function tokenLags(arrivals, startIndex, commits) {
  const lags = [];
  let c = 0;
  for (let k = 0; k < arrivals.length; k += 1) {
    const token = startIndex + k;
    while (c < commits.length && commits[c][2] <= token) c += 1;
    const commit = commits[c];
    if (!commit || commit[3] < 0) continue;
    lags.push(commit[3] - arrivals[k]);
  }
  return lags;
}

/**
 * The figures of one run.
 * @param {import("../page/main.ts").RawRun} raw
 * @returns {Record<string, unknown>}
 * @example
 * summarize(raw).commitTotalMs;
 */
export function summarize(raw) {
  const { commits, tokens: n } = raw;
  const firstEnd = Math.ceil(n * 0.1);
  const lastStart = Math.floor(n * 0.9);
  const allTimes = commits.map((c) => c[1]);
  const firstTimes = commits.filter((c) => c[2] <= firstEnd).map((c) => c[1]);
  const lastTimes = commits.filter((c) => c[2] > lastStart).map((c) => c[1]);
  // Commit time spent up to each percent of the document: lets the report compare two renderers
  // over the same prefix when one of them ran out of time.
  const cumulative = [];
  let total = 0;
  let c = 0;
  for (let pct = 1; pct <= 100; pct += 1) {
    const upTo = Math.ceil((n * pct) / 100);
    while (c < commits.length && commits[c][2] <= upTo) {
      total += commits[c][1];
      c += 1;
    }
    cumulative.push(upTo <= raw.reached ? round(total) : null);
  }
  const lags = tokenLags(raw.arrivals, raw.startIndex, commits);
  const frames = droppedFrames(raw.frames, raw.frameInterval, commits);
  const tasks = longTaskStats(raw.longTasks, commits);
  const p50First = percentile(firstTimes, 50);
  const p50Last = percentile(lastTimes, 50);
  return {
    tokens: n,
    startIndex: raw.startIndex,
    reached: raw.reached,
    progress: round((raw.reached / n) * 100, 1),
    stoppedBy: raw.stoppedBy,
    complete: raw.complete,
    elapsedMs: round(raw.runEnd - raw.runStart),
    commits: commits.length,
    commitTotalMs: round(sum(commits.map((x) => x[1]))),
    commitMaxMs: round(max(commits.map((x) => x[1])), 2),
    p50Ms: round(percentile(allTimes, 50), 3),
    p95Ms: round(percentile(allTimes, 95), 3),
    p50FirstMs: round(p50First, 3),
    p95FirstMs: round(percentile(firstTimes, 95), 3),
    p50LastMs: round(p50Last, 3),
    p95LastMs: round(percentile(lastTimes, 95), 3),
    growth: round(p50Last / p50First, 2),
    longTasks: tasks.count,
    longTasksAttributed: tasks.attributed,
    longestTaskMs: round(tasks.longest),
    droppedFrames: frames.dropped,
    droppedAttributed: frames.attributed,
    frameIntervalMs: round(raw.frameInterval, 2),
    lagP50Ms: round(percentile(lags, 50), 1),
    lagP95Ms: round(percentile(lags, 95), 1),
    lagMaxMs: round(lags.length ? max(lags) : Number.NaN, 1),
    cumulative,
  };
}

function round(value, digits = 1) {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
