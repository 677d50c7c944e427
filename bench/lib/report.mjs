// Printing the bench results (console and Markdown tables) and checking issue 3's targets.

const ms = (v, digits = 1) => (v === null || v === undefined ? "—" : `${Number(v).toFixed(digits)}`);
const int = (v) => (v === null || v === undefined ? "—" : Math.round(v).toLocaleString("en-US"));

function fed(r) {
  if (r.startIndex > 0) {
    const from = Math.round((r.startIndex / r.tokens) * 100);
    return `${from}→${r.progress}% (${r.stoppedBy === "window" ? `${(r.elapsedMs / 1000).toFixed(0)} s window` : r.stoppedBy})`;
  }
  if (r.stoppedBy === "budget") return `stopped at ${r.progress}% after ${(r.elapsedMs / 1000).toFixed(0)} s`;
  return r.complete === false ? "100% (end missing!)" : "100%";
}

const lastCol = (r) => {
  const tail = r.tail;
  if (tail) return `${ms(tail.p50LastMs, 2)} / ${ms(tail.p95LastMs, 2)}*`;
  return `${ms(r.p50LastMs, 2)} / ${ms(r.p95LastMs, 2)}`;
};
const growth = (r) => {
  const last = r.tail ? r.tail.p50LastMs : r.p50LastMs;
  return r.p50FirstMs && last !== null ? `${(last / r.p50FirstMs).toFixed(1)}×${r.tail ? "*" : ""}` : "—";
};

const FAST_COLUMNS = [
  ["renderer", (r) => r.renderer],
  ["fed", fed],
  ["commit total ms", (r) => int(r.commitTotalMs)],
  ["script ms", (r) => int(r.scriptMs)],
  ["layout+style ms", (r) => int(r.layoutMs + r.styleMs)],
  ["CPU ms", (r) => int(r.cpuMs)],
  ["p50 / p95 first 10%", (r) => `${ms(r.p50FirstMs, 2)} / ${ms(r.p95FirstMs, 2)}`],
  ["p50 / p95 last 10%", lastCol],
  ["growth", growth],
  ["max commit", (r) => ms(r.commitMaxMs)],
  ["long tasks", (r) => String(r.longTasks)],
];

const RATE_COLUMNS = [
  ["renderer", (r) => r.renderer],
  ["fed", fed],
  ["commits", (r) => int(r.commits)],
  ["commit total ms", (r) => int(r.commitTotalMs)],
  ["script ms", (r) => int(r.scriptMs)],
  ["CPU ms", (r) => int(r.cpuMs)],
  ["p50 / p95 commit", (r) => `${ms(r.p50Ms, 2)} / ${ms(r.p95Ms, 2)}`],
  ["max commit", (r) => ms(r.commitMaxMs)],
  ["long tasks (render)", (r) => `${r.longTasks} (${r.longTasksAttributed})`],
  ["dropped frames (render)", (r) => `${r.droppedFrames} (${r.droppedAttributed})`],
  ["lag p50 / p95 / max ms", (r) => `${ms(r.lagP50Ms)} / ${ms(r.lagP95Ms)} / ${ms(r.lagMaxMs)}`],
];

const mdLine = (values) => `| ${values.join(" | ")} |`;

function table(columns, rows, markdown) {
  const cells = rows.map((r) => columns.map(([, get]) => get(r)));
  const heads = columns.map(([title]) => title);
  if (markdown) {
    return [mdLine(heads), mdLine(heads.map((_, i) => (i < 2 ? "---" : "---:"))), ...cells.map(mdLine)].join("\n");
  }
  const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values) => values.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join("  ");
  return [line(heads), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** Groups results into sections: one per document and mode, in run order. */
function sections(results) {
  const map = new Map();
  for (const r of results) {
    const key = `${r.doc}|${r.mode}|${r.rate ?? ""}`;
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(r);
  }
  return [...map.values()];
}

function sectionTitle(first, docs) {
  const doc = docs.find((d) => d.name === first.doc);
  const size = doc ? `${doc.bytes.toLocaleString("en-US")} B, ${first.tokens.toLocaleString("en-US")} tokens` : "";
  const mode =
    first.mode === "fast"
      ? "every token committed as fast as possible"
      : `${first.rate.toLocaleString("en-US")} tokens/s, renderer updated at most once per frame`;
  return `${first.doc} (${size}): ${mode}`;
}

/**
 * The results as text tables (console) or Markdown (README).
 * @param {object[]} results one summary per run, with renderer, doc, mode, rate
 * @param {{ name: string, bytes: number }[]} docs
 * @param {boolean} markdown
 * @returns {string}
 * @example
 * console.info(formatTables(results, docs, false));
 */
export function formatTables(results, docs, markdown) {
  const out = [];
  for (const rows of sections(results)) {
    const head = sectionTitle(rows[0], docs);
    out.push(markdown ? `**${head}**\n` : `\n${head}`);
    out.push(table(rows[0].mode === "fast" ? FAST_COLUMNS : RATE_COLUMNS, rows, markdown));
    if (rows.some((r) => r.tail)) {
      out.push(`${markdown ? "\n\\" : ""}* stopped before the last 10%: measured in a tail window (first 90% committed at once, unmeasured, then fed token by token).`);
    }
    if (markdown) out.push("");
  }
  return out.join("\n");
}

/**
 * Total commit time over the whole document: measured when the run finished; otherwise the measured
 * part plus an estimate of the rest, with the cost per token interpolated linearly between the
 * measured part's mean (at its middle) and the tail window's mean (at its middle). An estimate, shown
 * as one; PASS/FAIL uses only measured figures.
 * @param {object} r a fast-mode result
 * @returns {number}
 * @example
 * estimateTotal(result); // 48210
 */
export function estimateTotal(r) {
  if (r.reached >= r.tokens || !r.tail || r.reached === 0 || r.tail.commits === 0) return r.commitTotalMs;
  const m1 = r.commitTotalMs / r.reached;
  const m2 = r.tail.commitTotalMs / r.tail.commits;
  // Token indexes of the middles, so a cost that really is linear is estimated exactly.
  const x1 = (r.reached - 1) / 2;
  const x2 = r.tail.startIndex + (r.tail.commits - 1) / 2;
  const midRest = (r.reached + r.tokens - 1) / 2;
  const perToken = m1 + ((m2 - m1) * (midRest - x1)) / Math.max(1, x2 - x1);
  return r.commitTotalMs + (r.tokens - r.reached) * perToken;
}

/** Commit time of a run over the first `pct` percent of the document (null if it did not get there). */
const commitUpTo = (r, pct) => (pct >= 1 ? r.cumulative[pct - 1] : 0);

/**
 * Issue 3's targets on the 100 KB document, from this run's results.
 * @param {object[]} results
 * @returns {{ name: string, pass: boolean | null, detail: string }[]}
 * @example
 * for (const t of checkTargets(results)) console.info(t.pass ? "PASS" : "FAIL", t.name);
 */
export function checkTargets(results) {
  const find = (renderer, mode, rate) =>
    results.find((r) => r.doc === "100kb" && r.renderer === renderer && r.mode === mode && (rate === undefined || r.rate === rate) && r.startIndex === 0);
  const targets = [];
  const fast = find("rivulet", "fast");
  if (!fast) return [{ name: "rivulet on the 100 KB document", pass: null, detail: "not measured in this run" }];

  const last = fast.tail ? fast.tail.p50LastMs : fast.p50LastMs;
  const ratio = last / fast.p50FirstMs;
  targets.push({
    name: "flat cost: p50 commit, last 10% within 1.5× of first 10%",
    pass: ratio <= 1.5,
    detail: `${ms(last, 3)} ms vs ${ms(fast.p50FirstMs, 3)} ms = ${ratio.toFixed(2)}×`,
  });

  for (const [peer, factor] of [["streamdown", 5], ["react-markdown", 20]]) {
    const other = find(peer, "fast");
    if (!other) {
      targets.push({ name: `total commit time ≥${factor}× below ${peer}`, pass: null, detail: `${peer} not measured` });
      continue;
    }
    // Over the prefix both renderers finished: a peer stopped by its time budget is compared on
    // what it rendered (which favours the peer, whose cost per token grows with the text).
    const pct = Math.floor(Math.min(fast.progress, other.progress));
    const ours = commitUpTo(fast, pct);
    const theirs = commitUpTo(other, pct);
    const times = theirs / ours;
    const estimated = estimateTotal(other) / estimateTotal(fast);
    const whole = pct === 100 ? "" : `; whole document, estimated from the tail window: ≈${estimated.toFixed(1)}×`;
    targets.push({
      name: `total commit time ≥${factor}× below ${peer}`,
      pass: Number.isFinite(times) ? times >= factor : null,
      detail: `${int(ours)} ms vs ${int(theirs)} ms over ${pct === 100 ? "the whole document" : `the first ${pct}% (where one stopped)`} = ${Number.isFinite(times) ? times.toFixed(2) : "?"}×${whole}`,
    });
  }

  const rate = find("rivulet", "rate", 2000);
  // The plain <pre> in the same run shows what the machine itself did (a shared CPU drops frames too).
  const floor = find("pre", "rate", 2000);
  const tasksFloor = floor ? `; pre (the floor) in this run: ${floor.longTasksAttributed} of ${floor.longTasks}` : "";
  const framesFloor = floor ? `; pre (the floor) in this run: ${floor.droppedAttributed} of ${floor.droppedFrames}` : "";
  const lagFloor = floor ? `; pre (the floor) in this run: ${ms(floor.lagP95Ms)} ms` : "";
  if (!rate) {
    targets.push({ name: "2,000 tokens/s", pass: null, detail: "not measured" });
  } else {
    targets.push({
      name: "2,000 tokens/s: no long task attributable to rendering",
      pass: rate.longTasksAttributed === 0,
      detail: `${rate.longTasksAttributed} attributed (${rate.longTasks} in all, longest ${int(rate.longestTaskMs)} ms)${tasksFloor}`,
    });
    targets.push({
      name: "2,000 tokens/s: no dropped frame attributable to rendering",
      pass: rate.droppedAttributed === 0,
      detail: `${rate.droppedAttributed} attributed (${rate.droppedFrames} in all)${framesFloor}`,
    });
    const frames = rate.lagP95Ms / rate.frameIntervalMs;
    targets.push({
      name: "2,000 tokens/s: lag p95 under two frames",
      pass: frames < 2,
      detail: `${ms(rate.lagP95Ms)} ms = ${frames.toFixed(2)} frames of ${ms(rate.frameIntervalMs, 2)} ms${lagFloor}`,
    });
  }
  return targets;
}

/**
 * The README's Performance block: the 100 KB tables, the targets and the machine.
 * @param {{ results: object[], docs: object[], targets: object[], machine: object, date: string }} report
 * @returns {string}
 * @example
 * formatReadme(JSON.parse(readFileSync("bench/results/latest.json", "utf8")));
 */
export function formatReadme(report) {
  const { machine } = report;
  const big = report.results.filter((r) => r.doc === "100kb" && (r.mode === "fast" || r.rate === 2000));
  const targets = report.targets.map((t) => `- ${t.pass === null ? "N/A" : t.pass ? "PASS" : "FAIL"} — ${t.name}: ${t.detail}`);
  return [
    `Measured ${report.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores (shared with other work: load average ${machine.loadAverageAtStart} at start), ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}. Times in ms; "(render)" counts what overlapped rivulet's or a peer's own work.`,
    "",
    formatTables(big, report.docs, true).trim(),
    "",
    "Issue 3's targets on this run (ratios; the bench never fails on them):",
    "",
    ...targets,
    "",
    "Every document and mode is in [bench/results/latest.md](bench/results/latest.md) and the raw figures in `bench/results/latest.json`; the method is in [bench/README.md](bench/README.md).",
  ].join("\n");
}
