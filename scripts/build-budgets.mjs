// The size budgets of issue 5, measured on what users get and enforced by `npm run build`:
// - dist/rivulet.js, the whole <script> embed (renderer, marked, highlight.js and the CSS inside): 100 KB gzip;
// - `Chat` from rivulet/react with everything it needs except React: 40 KB gzip, measured by bundling
//   `export { Chat } from "rivulet/react"` against the built dist/react.js, minified, React external.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "vite";

const KB = 1024;
export const BUDGETS = { embed: 100 * KB, chat: 40 * KB };

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const isReact = (id) => /^(react|react-dom|scheduler)($|\/)/.test(id);

/** The gzip size of `Chat` and all it pulls in from dist/ and node_modules, React excluded. */
export async function measureChat() {
  const entryId = "\0rivulet-budget-entry";
  const output = await build({
    configFile: false,
    logLevel: "silent",
    publicDir: false,
    resolve: { alias: { "rivulet/react": resolve("dist/react.js") } },
    plugins: [
      {
        name: "rivulet-budget-entry",
        resolveId: (id) => (id === "budget-entry" ? entryId : null),
        load: (id) => (id === entryId ? 'export { Chat } from "rivulet/react";' : null),
      },
    ],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      minify: true,
      // What a Vite 8 app builds by default (Chrome 111, Firefox 114, Safari 16.4): class fields stay
      // as written. (es2020 would turn each #private field into a WeakMap helper: +2 KB here.)
      target: "baseline-widely-available",
      copyPublicDir: false,
      rollupOptions: {
        input: "budget-entry",
        external: isReact,
        preserveEntrySignatures: "exports-only",
        output: { format: "es" },
      },
    },
  });
  const outputs = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const all = new Map(outputs.filter((o) => o.type === "chunk").map((o) => [o.fileName, o]));
  // What loads before Chat can render: the entry and its static imports. A chunk behind a dynamic
  // import() loads later, if ever; it is printed, not counted.
  const initial = new Set();
  const visit = (fileName) => {
    const chunk = all.get(fileName);
    if (!chunk || initial.has(chunk)) return;
    initial.add(chunk);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const chunk of all.values()) if (chunk.isEntry) visit(chunk.fileName);
  const chunks = [...initial];
  const js = chunks.map((o) => o.code).join("\n");
  const lazy = [...all.values()].filter((chunk) => !initial.has(chunk)).map((o) => o.code).join("\n");
  if (!/export\s*\{/.test(js)) throw new Error("rivulet: budget bundle has no Chat export");
  return {
    raw: Buffer.byteLength(js),
    gzip: gzipSize(Buffer.from(js)),
    parts: largestParts(chunks),
    note: lazy ? `; loaded later on demand: ${kb(gzipSize(Buffer.from(lazy)))} gzip` : "",
  };
}

/** Shares of the bundle by package (or dist/ chunk), from each module's rendered length: where to cut. */
function largestParts(chunks) {
  const sizes = new Map();
  for (const chunk of chunks) {
    for (const [id, info] of Object.entries(chunk.modules ?? {})) {
      const name = id.includes("node_modules/") ? id.split("node_modules/").at(-1).split("/")[0] : id.replace(/^.*\/(dist|src)\//, "$1/");
      sizes.set(name, (sizes.get(name) ?? 0) + info.renderedLength);
    }
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0) || 1;
  return [...sizes]
    .toSorted((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, size]) => `${name} ${Math.round((size / total) * 100)}%`)
    .join(", ");
}

/** Whether the built React entry exports `Chat` (it is being written while this check already runs). */
function exportsChat() {
  const code = readFileSync("dist/react.js", "utf8");
  return [...code.matchAll(/export\s*\{([^}]*)\}/g)].some((m) => /(^|[\s,])(\w+ as )?Chat\s*(,|$)/.test(m[1] ?? ""));
}

/** Prints both figures and returns false when one is over its budget. */
export async function checkBudgets() {
  const embed = readFileSync("dist/rivulet.js");
  const figures = [
    { name: "dist/rivulet.js (script embed, all inside)", raw: embed.length, gzip: gzipSize(embed), budget: BUDGETS.embed },
  ];
  if (exportsChat()) {
    figures.push({ name: "Chat from rivulet/react (React excluded)", ...(await measureChat()), budget: BUDGETS.chat });
  } else {
    console.warn("rivulet: rivulet/react does not export Chat yet: its budget is not measured");
  }
  let ok = true;
  for (const { name, raw, gzip, budget, parts, note = "" } of figures) {
    const over = gzip > budget;
    ok &&= !over;
    console.info(`rivulet: ${name}: ${kb(gzip)} gzip (${kb(raw)} minified${note}), budget ${kb(budget)}${over ? "  ✗ OVER BUDGET" : "  ✓"}`);
    if (over && parts) console.info(`rivulet:   largest parts (share of the code before minifying): ${parts}`);
  }
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit((await checkBudgets()) ? 0 : 1);
}
