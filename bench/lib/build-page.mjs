// Builds bench/page with Vite's build API (no config file; production mode, minified), so every
// renderer runs production React exactly as an app would ship it.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const pageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "page");
const VIRTUAL = "virtual:bench-renderers";

/**
 * The source file of a renderer, or undefined when it is absent.
 * @param {string} name
 * @returns {string | undefined}
 * @example
 * rendererSource("pre"); // ".../bench/page/renderers/pre.ts"
 */
export function rendererSource(name) {
  return [".ts", ".tsx"].map((ext) => join(pageDir, "renderers", `${name}${ext}`)).find((p) => existsSync(p));
}

/** A virtual module exporting one lazy loader per renderer, so each run loads only its own code. */
function renderersPlugin(names) {
  return {
    name: "bench-renderers",
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      const entries = names.map((name) => `${JSON.stringify(name)}: () => import(${JSON.stringify(rendererSource(name))})`);
      return `export const loaders = {\n${entries.join(",\n")}\n};\n`;
    },
  };
}

/**
 * Builds the bench page with the given renderers into outDir.
 * @param {string[]} names renderer names (files in bench/page/renderers)
 * @param {string} outDir
 * @param {{ minify?: boolean }} [options] minify: false keeps function names, for --hot profiles
 * @returns {Promise<void>}
 * @example
 * await buildPage(["pre", "marked"], "/tmp/rivulet-bench/dist");
 */
export async function buildPage(names, outDir, { minify = true } = {}) {
  await build({
    configFile: false,
    root: pageDir,
    mode: "production",
    logLevel: "warn",
    plugins: [react(), renderersPlugin(names)],
    build: { outDir, emptyOutDir: true, minify, reportCompressedSize: false, chunkSizeWarningLimit: 4096 },
  });
}
