#!/usr/bin/env node
// `npm run bench`: what it costs to render a streamed LLM answer, token by token, in real Chromium —
// rivulet's <Markdown> against marked + innerHTML, react-markdown + remark-gfm, streamdown and a
// plain <pre>. See bench/README.md for the method; results land in bench/results/.
//
//   node bench/run.mjs                 the full bench (about 5 minutes on 2 cores)
//   node bench/run.mjs --quick         a smoke run: the 2 KB document only, short budgets (~30 s)
//   node bench/run.mjs --help          every option (bench/lib/cli.mjs)
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from "../scripts/chromium.mjs";
import { buildPage, rendererSource } from "./lib/build-page.mjs";
import { parseBenchArgs } from "./lib/cli.mjs";
import { DOCS, END_MARK } from "./lib/generate-docs.mjs";
import { tokenize } from "./lib/random.mjs";
import { checkTargets, formatReadme, formatTables } from "./lib/report.mjs";
import { serveStatic } from "./lib/static-server.mjs";
import { summarize } from "./lib/stats.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const ALL_RENDERERS = ["rivulet", "streamdown", "react-markdown", "marked", "pre"];
const SEED = 42;
// Every run first streams this (unmeasured, through the same renderer) so the JIT is warm and the
// first 10% of a document is not measured against cold code.
const WARMUP_TEXT = readFileSync(join(here, "docs", "2kb.md"), "utf8").slice(0, 1200);

const cli = parseBenchArgs(process.argv.slice(2));
if ("exit" in cli) {
  // Before anything is built or launched. Written out before exiting: a pipe may be asynchronous.
  const stream = cli.exit === 0 ? process.stdout : process.stderr;
  await new Promise((resolve) => stream.write(`${cli.message}\n`, resolve));
  process.exit(cli.exit);
}
const { args } = cli;
const quick = Boolean(args.quick);
const list = (value) => (typeof value === "string" ? value.split(",").filter(Boolean) : undefined);

// Time budgets (ms) per run. A renderer whose cost grows with the text would take far longer than
// the whole bench on the 100 KB document; it is stopped and the table says how far it got.
const BUDGET = quick
  ? { fast: { "2kb": 5_000, "20kb": 5_000, "100kb": 5_000 }, tail: 3_000, window: 2_000 }
  : { fast: { "2kb": 10_000, "20kb": 7_000, "100kb": 15_000 }, tail: 4_000, window: 4_000 };

const wanted = list(args.only) ?? ALL_RENDERERS;
const renderers = wanted.filter((name) => {
  if (rendererSource(name)) return true;
  console.warn(`bench: renderer "${name}" is not available (no bench/page/renderers/${name}.ts[x]); skipped.`);
  return false;
});
if (renderers.includes("rivulet") && !hasRivuletMarkdown()) {
  console.warn("bench: src/react/index.ts does not export Markdown yet; rivulet skipped.");
  renderers.splice(renderers.indexOf("rivulet"), 1);
}
const docNames = list(args.docs) ?? (quick ? ["2kb"] : DOCS.map((d) => d.name));
const docs = DOCS.filter((d) => docNames.includes(d.name)).map((d) => {
  const text = readFileSync(join(here, "docs", `${d.name}.md`), "utf8");
  return { ...d, text, bytes: Buffer.byteLength(text), tokens: tokenize(text, SEED).length };
});

function hasRivuletMarkdown() {
  try {
    // A value export (not `export type`) naming Markdown, as the issue's entry will have.
    return /^export\s+(?!type\b)[^;]*\bMarkdown\b/m.test(readFileSync(join(here, "..", "src", "react", "index.ts"), "utf8"));
  } catch {
    return false;
  }
}

/** Every run of this bench, in order: per document, fast mode, then 2,000 and 200 tokens/s. */
function plan() {
  const runs = [];
  for (const doc of docs) {
    for (const renderer of renderers) runs.push({ doc, renderer, mode: "fast", budgetMs: BUDGET.fast[doc.name] });
    for (const renderer of renderers) {
      const arrivalMs = (doc.tokens / 2000) * 1000;
      runs.push({ doc, renderer, mode: "rate", rate: 2000, budgetMs: arrivalMs + 15_000 });
    }
    // 200 tokens/s through the whole 100 KB document would take 2.5 minutes per renderer; a window
    // at the end of the document (where text is longest) is the informative part.
    if (doc.name === "100kb" || (quick && doc.name === docs[0]?.name)) {
      for (const renderer of renderers) {
        runs.push({ doc, renderer, mode: "rate", rate: 200, budgetMs: BUDGET.window + 15_000, startFraction: 0.9, windowMs: BUDGET.window });
      }
    }
  }
  return runs;
}

async function runOne(browser, url, spec) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(url);
  await page.waitForFunction(() => typeof window.benchRun === "function");
  const metric = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const options = {
    renderer: spec.renderer,
    text: spec.doc.text,
    seed: SEED,
    mode: spec.mode,
    rate: spec.rate,
    budgetMs: spec.budgetMs,
    startFraction: spec.startFraction,
    windowMs: spec.windowMs,
    endMark: END_MARK,
    warmupText: WARMUP_TEXT,
  };
  const running = page.evaluate((o) => window.benchRun(o), options);
  await page.waitForFunction(() => window.benchReady === true, undefined, { timeout: 120_000 });
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  const before = await metric();
  await cdp.send("Profiler.start");
  await page.evaluate(() => window.benchGo?.());
  const raw = await running;
  const { profile } = await cdp.send("Profiler.stop");
  const after = await metric();
  await context.close();
  const delta = (name) => Math.round(((after[name] ?? 0) - (before[name] ?? 0)) * 1000);
  return {
    renderer: spec.renderer,
    doc: spec.doc.name,
    mode: spec.mode,
    rate: spec.rate ?? null,
    ...summarize(raw),
    // CDP's ScriptDuration misses work resumed from promises (all of our harness), so scripting
    // comes from V8's sampling profiler instead (JavaScript and GC samples).
    ...profileTimes(profile),
    ...(args.hot ? { hot: hotFunctions(profile, 8) } : {}),
    mainThreadMs: delta("TaskDuration"),
    // CPU time the renderer's main thread actually ran: on a shared, oversubscribed machine the
    // wall-clock figures include time the thread was waiting for a core; this does not.
    cpuMs: delta("ThreadTime"),
    layoutMs: delta("LayoutDuration"),
    styleMs: delta("RecalcStyleDuration"),
    errors,
  };
}

/**
 * Scripting time from a V8 CPU profile (500 µs sampling): samples in JavaScript functions are
 * script, "(garbage collector)" is GC; "(program)" (native work: style, layout, paint) and
 * "(idle)" are neither.
 */
function profileTimes(profile) {
  const kind = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  let script = 0;
  let gc = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const name = kind.get(id);
    if (name === "(garbage collector)") gc += dt;
    else if (name !== "(idle)" && name !== "(program)" && name !== "(root)") script += dt;
  });
  return { scriptMs: Math.round(script), gcMs: Math.round(gc) };
}

/** The functions with the most self time in a profile: "name (file:line) ms". */
function hotFunctions(profile, count) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id);
    const key = `${frame.functionName || "(anonymous)"} (${frame.url.split("/").pop()}:${frame.lineNumber + 1})`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].toSorted((a, b) => b[1] - a[1]).slice(0, count).map(([key, ms]) => `${Math.round(ms)} ms ${key}`);
}

const progressLine = (r) =>
  `  ${r.doc.padEnd(5)} ${(r.mode === "fast" ? "fast" : `${r.rate}/s`).padEnd(6)} ${r.renderer.padEnd(15)} ` +
  `${String(r.progress).padStart(5)}%  commit ${String(r.commitTotalMs).padStart(8)} ms  (${(r.elapsedMs / 1000).toFixed(1)} s)` +
  (r.errors.length ? `  ERRORS: ${r.errors.slice(0, 2).join(" | ")}` : "");

async function main() {
  if (args["readme-only"]) {
    const saved = JSON.parse(readFileSync(join(here, "results", "latest.json"), "utf8"));
    writeReadme(formatReadme({ ...saved, targets: checkTargets(saved.results) }));
    return;
  }
  const executablePath = findChromium() ?? ensureChromium();
  const started = Date.now();
  const load = loadavg()[0];
  const outDir = join(tmpdir(), "rivulet-bench", "dist");
  mkdirSync(outDir, { recursive: true });
  console.info(`bench: building the page (Vite, production, minified) with ${renderers.join(", ")}…`);
  await buildPage(renderers, outDir, { minify: !args.hot });
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const results = [];
  try {
    for (const spec of plan()) {
      const result = await runOne(browser, server.url, spec);
      if (spec.startFraction) result.window = true;
      console.info(progressLine(result));
      if (result.hot) console.info(result.hot.map((line) => `      ${line}`).join("\n"));
      // A fast run stopped before the last 10%: measure that 10% in a tail window.
      if (spec.mode === "fast" && result.reached < Math.floor(result.tokens * 0.9)) {
        const tail = await runOne(browser, server.url, { ...spec, budgetMs: BUDGET.tail, startFraction: 0.9 });
        console.info(`${progressLine(tail)}  (tail window)`);
        result.tail = {
          p50LastMs: tail.p50LastMs,
          p95LastMs: tail.p95LastMs,
          commits: tail.commits,
          commitTotalMs: tail.commitTotalMs,
          startIndex: tail.startIndex,
          progress: tail.progress,
          commitMaxMs: tail.commitMaxMs,
        };
      }
      results.push(result);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: browser.version(),
    loadAverageAtStart: Math.round(load * 100) / 100,
  };
  const targets = checkTargets(results);
  const report = {
    date: new Date().toISOString(),
    quick,
    seed: SEED,
    machine,
    method: {
      tokens: "each document split into 1-6 character tokens by a seeded generator (mulberry32, seed 42)",
      warmup: "before measuring, the first 1,200 characters of the 2 KB document are streamed through the same renderer (unmeasured), then unmounted",
      fast: "every token: update the renderer synchronously (flushSync for React), measure, then yield one task",
      rate: "tokens arrive on a timer; every renderer is updated at most once per animation frame with all text that arrived since (rivulet's store policy, applied to all)",
      commit: "time for the synchronous update: parse + render + reconcile + DOM mutation (+ React passive effects)",
      script: "V8 sampling profiler (500 µs) over the run: samples in JavaScript (harness included; pre shows its floor); GC separately",
      layoutStyle: "Chrome DevTools Protocol Performance.getMetrics over the run: LayoutDuration + RecalcStyleDuration; mainThread = TaskDuration (wall clock); cpu = ThreadTime (main-thread CPU time, robust to a shared CPU)",
      lag: "token arrival → the first task after the frame whose rAF committed it (a task cannot run before that frame's style, layout and paint)",
      droppedFrames: "rAF gaps > 1.5 frame intervals; attributed to rendering when commits inside the gap (start → paint proxy) cover the overrun",
      longTasks: "PerformanceObserver 'longtask' (> 50 ms); attributed when overlapping a commit",
      budgets: BUDGET,
      streamdown: "mode=streaming, isAnimating while streaming, default options, no plugins (no Shiki/Mermaid/KaTeX), its styles.css, no Tailwind",
    },
    docs: docs.map(({ name, bytes, tokens }) => ({ name, bytes, tokens })),
    results,
    targets,
    seconds: Math.round((Date.now() - started) / 1000),
  };

  console.info(formatTables(results, docs, false));
  console.info(`\nmachine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}; load average ${machine.loadAverageAtStart} at start`);
  console.info("\nissue 3 targets (100 KB document, ratios from this run):");
  for (const t of targets) console.info(`  ${t.pass === null ? "N/A " : t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.detail}`);
  console.info(`\nbench: ${report.seconds} s`);
  // Targets never fail the bench (timings are noisy); a renderer that threw or did not show the
  // whole document is a broken run, which --strict (for a smoke test) turns into a failure.
  const broken = results.filter((r) => r.errors.length > 0 || r.complete === false);
  for (const r of broken) {
    console.warn(`bench: BROKEN ${r.renderer} on ${r.doc} (${r.mode}${r.rate ? ` ${r.rate}/s` : ""}): ${r.complete === false ? "the end of the document is missing from the DOM. " : ""}${r.errors.join(" | ")}`);
  }
  if (broken.length > 0 && args.strict) process.exitCode = 1;

  if (!args["no-write"]) {
    const file = typeof args.out === "string" ? args.out : quick ? join(tmpdir(), "rivulet-bench", "quick.json") : join(here, "results", "latest.json");
    mkdirSync(dirname(file), { recursive: true });
    // Pretty, but each array of numbers on one line (the per-percent cumulative times).
    const json = JSON.stringify(report, null, 2).replace(/\[\s+([-\d.,\snul]+?)\s+\]/g, (_, inner) => `[${inner.replace(/\s+/g, " ")}]`);
    writeFileSync(file, `${json}\n`);
    if (!quick && typeof args.out !== "string") {
      const targetLines = targets.map((t) => `- ${t.pass === null ? "N/A" : t.pass ? "PASS" : "FAIL"} — ${t.name}: ${t.detail}`);
      const md = [
        `# Bench results, ${report.date.slice(0, 10)}`,
        "",
        `${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}; load average ${machine.loadAverageAtStart} at start. Times in ms. Method: [../README.md](../README.md).`,
        "",
        formatTables(results, docs, true),
        "Issue 3's targets (100 KB document):",
        "",
        ...targetLines,
        "",
      ].join("\n");
      writeFileSync(join(here, "results", "latest.md"), md);
    }
    console.info(`bench: results in ${file}`);
  }
  if (args.readme) writeReadme(formatReadme(report));
}

/**
 * No Chromium found: scripts/ensure-browser.mjs installs one where it can (as `npm test` does) or
 * says how to get one. Run here, after the arguments, so `--help` and `--readme-only` need none.
 */
function ensureChromium() {
  try {
    execFileSync(process.execPath, [join(here, "..", "scripts", "ensure-browser.mjs")], { stdio: "inherit" });
  } catch {
    process.exit(1); // ensure-browser.mjs has said why
  }
  const found = findChromium();
  if (!found) throw new Error(HOW_TO_GET_CHROMIUM);
  return found;
}

/** Replaces the block between README.md's bench markers, and nothing else of that shared file. */
function writeReadme(block) {
  const file = join(here, "..", "README.md");
  const readme = readFileSync(file, "utf8");
  const start = "<!-- bench:start -->";
  const end = "<!-- bench:end -->";
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) {
    console.warn(`bench: README.md has no ${start} … ${end} block; not updated.`);
    return;
  }
  writeFileSync(file, `${readme.slice(0, from + start.length)}\n${block}\n${readme.slice(to)}`);
  console.info("bench: README.md's Performance section updated.");
}

await main();
