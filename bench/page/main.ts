// The bench page: streams one document through one renderer and records raw timings; bench/run.mjs
// drives it (one fresh browser context per run) and turns the timings into the report.
//
// Modes:
// - "fast": every token is committed as soon as the previous commit returned. Each token is its own
//   task (we yield through a MessageChannel between tokens), so the browser still renders frames
//   whenever one is due, and a commit over 50 ms is a long task by itself.
// - "rate": tokens arrive on a timer at `rate` tokens/s (several per timer tick at high rates, like
//   reads off a network). The renderer is updated at most once per animation frame, with all text
//   that arrived since the last frame — the policy of rivulet's store, applied to every renderer.
//
// Paint proxy (lag): a commit made in a requestAnimationFrame callback is painted in that same frame,
// after the rAF callbacks, style, layout and paint; no task can run before that work is done. So we
// post a MessageChannel message right after the commit, and the time it is delivered is the token's
// paint time. Lag = paint time − the time the token arrived.
import { loaders } from "virtual:bench-renderers";
import { tokenize } from "../lib/random.mjs";

export interface RunOptions {
  renderer: string;
  text: string;
  seed: number;
  mode: "fast" | "rate";
  /** Tokens per second, for mode "rate". */
  rate?: number;
  /** Wall-clock cap on the measured part; the run stops there and reports how far it got. */
  budgetMs: number;
  /** Commit this fraction of the tokens at once (unmeasured) before measuring: a tail window. */
  startFraction?: number;
  /** Stop measuring after this long even within budget (a tail window of fixed length). */
  windowMs?: number;
  /** Text the final DOM must contain when the whole document was fed. */
  endMark: string;
  /** Streamed through a throwaway instance of the renderer first (unmeasured), to warm the JIT. */
  warmupText?: string;
}

export interface RawRun {
  tokens: number;
  startIndex: number;
  reached: number;
  stoppedBy: "done" | "budget" | "window";
  frameInterval: number;
  runStart: number;
  runEnd: number;
  /** Per commit: [start, duration, tokens committed so far (exclusive index), paint proxy or -1]. */
  commits: [number, number, number, number][];
  /** Rate mode: arrival time of each token from startIndex on. */
  arrivals: number[];
  /** Timestamps of every animation frame during the run. */
  frames: number[];
  longTasks: [number, number][];
  /** Whether the final DOM shows the end of the document (only checked when every token was fed). */
  complete: boolean | null;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** A macrotask boundary without setTimeout's clamping. */
function createYield(): () => Promise<void> {
  const channel = new MessageChannel();
  let resume: (() => void) | undefined;
  channel.port1.addEventListener("message", () => resume?.());
  channel.port1.start();
  return () =>
    new Promise<void>((resolve) => {
      resume = resolve;
      channel.port2.postMessage(0);
    });
}

async function measureFrameInterval(): Promise<number> {
  const stamps: number[] = [];
  for (let i = 0; i < 21; i += 1) stamps.push(await nextFrame());
  const deltas = stamps.slice(1).map((t, i) => t - (stamps[i] ?? t)).toSorted((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)] ?? 1000 / 60;
}

async function run(options: RunOptions): Promise<RawRun> {
  const load = loaders[options.renderer];
  if (!load) throw new Error(`bench: no renderer "${options.renderer}" in this build`);
  const { create } = await load();
  const container = document.getElementById("out") as HTMLElement;
  if (options.warmupText) {
    container.replaceChildren();
    const warm = create(container);
    const warmTokens = tokenize(options.warmupText, options.seed + 1);
    let warmText = "";
    for (const token of warmTokens) warm.update((warmText += token), true);
    warm.update(warmText, false);
    warm.dispose();
    await nextFrame();
  }
  container.replaceChildren();
  const renderer = create(container);
  const tokens = tokenize(options.text, options.seed);
  const n = tokens.length;
  const startIndex = Math.floor(n * (options.startFraction ?? 0));
  let text = tokens.slice(0, startIndex).join("");
  if (startIndex > 0) renderer.update(text, true);
  const frameInterval = await measureFrameInterval();
  // Ready: bench/run.mjs reads the DevTools metrics now, so loading and warm-up are not counted.
  await new Promise<void>((resolve) => {
    window.benchGo = resolve;
    window.benchReady = true;
  });

  const frames: number[] = [];
  let monitoring = true;
  const monitor = (t: number) => {
    frames.push(t);
    if (monitoring) requestAnimationFrame(monitor);
  };
  requestAnimationFrame(monitor);
  const longTasks: [number, number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
  });
  observer.observe({ type: "longtask" });

  const commits: [number, number, number, number][] = [];
  const arrivals: number[] = [];
  let reached = startIndex;
  let stoppedBy: RawRun["stoppedBy"] = "done";
  const runStart = performance.now();
  const windowMs = options.windowMs ?? Number.POSITIVE_INFINITY;
  const over = () => {
    const elapsed = performance.now() - runStart;
    if (elapsed > options.budgetMs) stoppedBy = "budget";
    else if (elapsed > windowMs) stoppedBy = "window";
    return elapsed > options.budgetMs || elapsed > windowMs;
  };

  if (options.mode === "fast") {
    const yieldTask = createYield();
    for (let i = startIndex; i < n; i += 1) {
      text += tokens[i];
      const start = performance.now();
      renderer.update(text, true);
      commits.push([start, performance.now() - start, i + 1, -1]);
      reached = i + 1;
      if (reached < n && over()) break;
      await yieldTask();
    }
  } else {
    const rate = options.rate ?? 1000;
    await new Promise<void>((resolve) => {
      let committed = startIndex;
      let framePending = false;
      let arrivalsDone = false;
      const paintChannel = new MessageChannel();
      paintChannel.port1.addEventListener("message", (event: MessageEvent<number>) => {
        const commit = commits[event.data];
        if (commit) commit[3] = performance.now();
        maybeFinish();
      });
      paintChannel.port1.start();
      // Done once arrivals stopped and the last commit has painted.
      const maybeFinish = () => {
        const last = commits[commits.length - 1];
        if (arrivalsDone && !framePending && committed === reached && (!last || last[3] >= 0)) resolve();
      };
      const frame = () => {
        framePending = false;
        const start = performance.now();
        renderer.update(text, true);
        committed = reached;
        commits.push([start, performance.now() - start, reached, -1]);
        paintChannel.port2.postMessage(commits.length - 1);
      };
      const deliver = () => {
        const now = performance.now();
        const due = Math.min(n, startIndex + Math.floor(((now - runStart) * rate) / 1000) + 1);
        for (; reached < due; reached += 1) {
          text += tokens[reached];
          arrivals.push(now);
        }
        if (reached > committed && !framePending) {
          framePending = true;
          requestAnimationFrame(frame);
        }
        if (reached < n && !over()) {
          const nextDue = runStart + ((reached - startIndex) * 1000) / rate;
          setTimeout(deliver, Math.max(0, nextDue - performance.now()));
        } else {
          arrivalsDone = true;
          maybeFinish();
        }
      };
      deliver();
    });
  }
  const runEnd = performance.now();
  // Let the last frames land in the monitor, then stop it.
  await nextFrame();
  await nextFrame();
  monitoring = false;
  observer.disconnect();
  let complete: boolean | null = null;
  if (reached === n) {
    renderer.update(text, false);
    complete = (container.textContent ?? "").includes(options.endMark);
  }
  renderer.dispose();
  return { tokens: n, startIndex, reached, stoppedBy, frameInterval, runStart, runEnd, commits, arrivals, frames, longTasks, complete };
}

declare global {
  interface Window {
    benchRun: typeof run;
    benchReady?: boolean;
    benchGo?: () => void;
    benchRenderers: string[];
  }
}
window.benchRun = run;
window.benchRenderers = Object.keys(loaders);
