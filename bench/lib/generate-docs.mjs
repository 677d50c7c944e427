#!/usr/bin/env node
// Writes the bench's three documents (bench/docs/2kb.md, 20kb.md, 100kb.md): realistic LLM answers
// (headings, prose with inline markup, nested and task lists, aligned tables, 30-line code blocks,
// blockquotes, rules) from a seeded generator, so they are the same on every machine. The files are
// committed; run `node bench/lib/generate-docs.mjs` only to change them on purpose.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRandom } from "./random.mjs";

/** The documents the bench streams: name, target size in bytes and seed. */
export const DOCS = [
  { name: "2kb", bytes: 2 * 1024, seed: 2 },
  { name: "20kb", bytes: 20 * 1024, seed: 20 },
  { name: "100kb", bytes: 100 * 1024, seed: 100 },
];

/** Every document ends with this paragraph, so the bench can check a renderer showed all of it. */
export const END_MARK = "That is the whole answer; ask if anything is unclear.";

const NOUNS = ["stream", "parser", "token", "buffer", "request", "response", "cache", "renderer", "block", "queue", "worker", "socket", "schema", "index", "reducer", "session", "model", "prompt", "chunk", "layout"];
const VERBS = ["splits", "renders", "validates", "retries", "flushes", "memoizes", "decodes", "streams", "batches", "parses", "caches", "throttles", "measures", "replays", "serializes"];
const ADJS = ["incremental", "stale", "partial", "idempotent", "lazy", "bounded", "concurrent", "stable", "expensive", "cheap", "deterministic", "nested", "finished", "pending"];
const ADVS = ["quickly", "once", "safely", "eventually", "in order", "per frame", "lazily", "again", "in place", "without copying"];
const LANGS = ["ts", "python", "bash", "json", "go"];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

function makeGenerator(seed) {
  const rnd = createRandom(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));

  const inline = () => {
    const roll = rnd();
    const noun = pick(NOUNS);
    if (roll < 0.12) return `**${noun}**`;
    if (roll < 0.2) return `*${pick(ADJS)}*`;
    if (roll < 0.3) return `\`${noun}.${pick(VERBS)}()\``;
    if (roll < 0.35) return `[the ${noun} docs](https://example.com/docs/${noun}#${pick(VERBS)})`;
    if (roll < 0.38) return `~~${pick(ADJS)}~~`;
    return noun;
  };
  const sentence = () => {
    const words = [`The ${pick(ADJS)} ${inline()}`, pick(VERBS), `each ${inline()}`, pick(ADVS)];
    if (rnd() < 0.5) words.push(`so the ${inline()} stays ${pick(ADJS)}`);
    if (rnd() < 0.3) words.push(`before the ${pick(NOUNS)} ${pick(VERBS)} it`);
    return `${words.join(" ")}.`;
  };
  const paragraph = () => Array.from({ length: int(2, 5) }, sentence).join(" ");
  const heading = () => `${rnd() < 0.4 ? "##" : "###"} ${cap(pick(ADJS))} ${pick(NOUNS)}s and the ${pick(NOUNS)}`;

  const list = () => {
    const lines = [];
    const ordered = rnd() < 0.4;
    const tasks = !ordered && rnd() < 0.25;
    const items = int(3, 6);
    for (let i = 1; i <= items; i += 1) {
      const marker = ordered ? `${i}.` : tasks ? `- [${rnd() < 0.5 ? "x" : " "}]` : "-";
      lines.push(`${marker} ${cap(sentence())}`);
      if (rnd() < 0.4) {
        const indent = ordered ? "   " : "  ";
        for (let j = 0; j < int(1, 3); j += 1) {
          lines.push(`${indent}- ${cap(pick(VERBS))} the ${inline()} ${pick(ADVS)}`);
          if (rnd() < 0.3) lines.push(`${indent}  - ${cap(pick(ADJS))}: \`${pick(NOUNS)}\``);
        }
      }
    }
    return lines.join("\n");
  };

  const table = () => {
    const cols = int(3, 5);
    const head = Array.from({ length: cols }, (_, i) => (i === 0 ? "Option" : cap(pick(NOUNS))));
    const align = Array.from({ length: cols }, (_, i) => (i === 0 ? ":---" : pick(["---", ":---:", "---:"])));
    const rows = Array.from({ length: int(4, 8) }, () =>
      Array.from({ length: cols }, (_, i) => (i === 0 ? `\`${pick(NOUNS)}\`` : rnd() < 0.4 ? String(int(1, 9999)) : `${pick(ADJS)} ${pick(NOUNS)}`)),
    );
    return [head, align, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  };

  const codeLine = (lang, depth) => {
    const pad = "  ".repeat(depth);
    const a = pick(NOUNS);
    const b = pick(NOUNS);
    const n = int(1, 500);
    switch (lang) {
      case "python": return `${pad}${a}_${b} = ${pick(["await ", ""])}${a}.${pick(VERBS)}(${b}, limit=${n})  # ${pick(ADJS)}`;
      case "bash": return `${pad}${pick(["curl -sN", "npm run", "grep -rn", "echo"])} "${a}-${b}" ${pick(["| jq .", "--retry 3", "> out.log", "&& echo ok"])}`;
      case "json": return `${pad}"${a}_${b}": ${pick([String(n), "true", `"${pick(ADJS)}"`, "null"])},`;
      case "go": return `${pad}${a}${cap(b)}, err := ${a}.${cap(pick(VERBS))}(ctx, ${n})`;
      default: return `${pad}const ${a}${cap(b)} = ${pick(["await ", ""])}${a}.${pick(VERBS)}(${b}, { limit: ${n} }); // ${pick(ADJS)}`;
    }
  };
  const code = () => {
    const lang = pick(LANGS);
    const lines = [];
    let depth = 0;
    for (let i = 0; i < 30; i += 1) {
      if (lang !== "bash" && lang !== "json" && depth < 3 && rnd() < 0.15) {
        lines.push(`${"  ".repeat(depth)}${lang === "python" ? `for ${pick(NOUNS)} in ${pick(NOUNS)}s:` : `if (${pick(NOUNS)}.${pick(ADJS)}) {`}`);
        depth += 1;
      } else if (depth > 0 && rnd() < 0.12) {
        depth -= 1;
        lines.push(lang === "python" ? `${"  ".repeat(depth)}pass` : `${"  ".repeat(depth)}}`);
      } else {
        lines.push(codeLine(lang, depth));
      }
    }
    if (lang !== "python") {
      for (; depth > 0; depth -= 1) lines[lines.length - depth] = `${"  ".repeat(depth - 1)}}`;
    }
    return `\`\`\`${lang}\n${lines.join("\n")}\n\`\`\``;
  };
  const quote = () => {
    const parts = [`> **Note:** ${sentence()}`];
    if (rnd() < 0.5) parts.push(">", `> ${paragraph()}`);
    if (rnd() < 0.3) parts.push(">", `> - ${sentence()}`, `> - ${sentence()}`);
    return parts.join("\n");
  };

  /** One section of an answer: a heading and a mix of blocks, like a long model reply. */
  const section = () => {
    const blocks = [heading(), paragraph()];
    const kinds = [list, code, table, quote, paragraph, list, paragraph];
    for (let i = 0; i < int(3, 6); i += 1) blocks.push(pick(kinds)());
    if (rnd() < 0.2) blocks.push("---");
    return blocks;
  };
  return { section, paragraph, list, code };
}

/**
 * Builds one document of about `bytes` UTF-8 bytes, deterministically from `seed`.
 * @param {number} bytes
 * @param {number} seed
 * @returns {string}
 * @example
 * generateDoc(2048, 2).startsWith("Here"); // true
 */
export function generateDoc(bytes, seed) {
  const gen = makeGenerator(seed);
  const blocks = [`Here is a walkthrough of how the pieces fit together. ${gen.paragraph()}`];
  const size = () => Buffer.byteLength(blocks.join("\n\n"));
  if (bytes <= 4096) {
    // A short answer still has the usual shapes: a list and one 30-line code block.
    blocks.push(gen.list(), gen.code());
  }
  while (size() < bytes - 200) {
    for (const block of gen.section()) {
      if (size() + Buffer.byteLength(block) > bytes + 1024) break;
      blocks.push(block);
    }
    if (size() > bytes - 1200 && size() < bytes - 200) blocks.push(gen.paragraph());
    if (blocks.length > 5000) break;
  }
  blocks.push(END_MARK);
  return `${blocks.join("\n\n")}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "docs");
  for (const doc of DOCS) {
    const text = generateDoc(doc.bytes, doc.seed);
    writeFileSync(join(dir, `${doc.name}.md`), text);
    console.info(`bench/docs/${doc.name}.md: ${Buffer.byteLength(text)} bytes`);
  }
}
