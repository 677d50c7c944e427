#!/usr/bin/env node
// `npm run build`: the library (ESM + .d.ts) into dist/, with the entries package.json exports,
// then dist/rivulet.js (the one-file <script> embed) and the size budgets, printed and enforced.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { build } from "vite";
import { checkBudgets } from "./build-budgets.mjs";
import { embedCss, packageCss } from "./build-styles.mjs";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });

const peerAndDeps = [
  "react",
  "react-dom",
  "marked",
  "eventsource-parser",
  "highlight.js",
  "entities",
  "ws",
];
const isExternal = (id) =>
  id.startsWith("node:") ||
  builtinModules.includes(id) ||
  peerAndDeps.some((dep) => id === dep || id.startsWith(`${dep}/`));

// The embed's stylesheet goes into its JavaScript as a string (adopted by its Shadow DOM), so the
// <script> embed fetches nothing else.
const stylesCss = packageCss();
const define = { RIVULET_EMBED_CSS: JSON.stringify(embedCss(stylesCss)) };
// The React entry must start with "use client". rolldown keeps an entry module's own directive but
// drops any other module's, so the banner adds it only when src/react/index.ts lacks it (else it
// would be there twice). Shared chunks need none: what a client module imports is client code.
const hasUseClient = (file) => /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use client["']/.test(readFileSync(file, "utf8"));
const useClient = (chunk) =>
  chunk.isEntry && chunk.name === "react" && !(chunk.facadeModuleId && hasUseClient(chunk.facadeModuleId)) ? '"use client";' : "";
// That directive is handled above (and means nothing inside the IIFE): its warning is noise.
const quietDirectives = (warning, warn) => {
  if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
};

await build({
  configFile: false,
  logLevel: "warn",
  // public/ holds the demo page's favicon, not part of the package.
  publicDir: false,
  define,
  build: {
    outDir: "dist",
    emptyOutDir: false,
    target: "es2022",
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        index: "src/index.ts",
        react: "src/react/index.ts",
        embed: "src/embed/index.ts",
        server: "server/index.ts",
      },
      formats: ["es"],
    },
    rollupOptions: { external: isExternal, onwarn: quietDirectives, output: { banner: useClient } },
  },
});

execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
writeFileSync("dist/styles.css", stylesCss);
if ((readFileSync("dist/react.js", "utf8").match(/^(["'])use client\1;?\s*/gm) ?? []).length !== 1) {
  throw new Error('rivulet: dist/react.js must begin with exactly one "use client" directive');
}

// dist/rivulet.js: one classic script, everything inside. Not lib mode: that would assign the
// IIFE's (empty) exports to `Rivulet` and clobber the queue stub the page defined.
// Its React is Preact's compat layer, which runs the same components in ~5 KB gzip. Real React does
// not fit: react-dom 19 alone is ~74 KB gzip, and React 18.3.1 (react-dom's production build alone
// is 41 KB gzip) made this file 133.1 KB gzip, against 96.6 KB with preact/compat (measured with a
// throwaway config aliasing react/react-dom to 18.3.1, after the highlighter, character-reference
// and tail-repair cuts of issue 5). (The npm entries keep the app's real React: they are peers.)
const preactAliases = [
  { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: "preact/compat/jsx-runtime" },
  { find: /^react(-dom)?$/, replacement: "preact/compat" },
];
// The modules the npm entries load on demand (the highlighter, the table of named character
// references, the stream decoder, the WebSocket transport) are inlined into the IIFE (rolldown
// inlines dynamic imports in an IIFE; checked below): import() resolves from inside the file and fetches nothing, so Vite's preload helper (it finds chunk URLs through import.meta, which
// an IIFE lacks, and would dispatch "vite:preloadError" on the host's window) has nothing to do.
const PRELOAD_HELPER = "\0vite/preload-helper.js";
const inlinedImportsNeedNoPreload = {
  name: "rivulet-no-preload-helper",
  enforce: "pre",
  load: (id) => (id === PRELOAD_HELPER ? "export const __vitePreload = (load) => load();" : null),
};
await build({
  configFile: false,
  logLevel: "warn",
  publicDir: false,
  resolve: { alias: preactAliases },
  plugins: [inlinedImportsNeedNoPreload],
  define: { ...define, "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist",
    emptyOutDir: false,
    // Every browser with constructable, adoptable stylesheets (which the embed needs: Safari 16.4,
    // Firefox 101, Chrome 73) runs ES2022, and untranspiled class fields are smaller.
    target: "es2022",
    minify: true,
    sourcemap: false,
    modulePreload: false,
    copyPublicDir: false,
    rollupOptions: {
      input: "src/embed/script.ts",
      onwarn: quietDirectives,
      output: { format: "iife", entryFileNames: "rivulet.js" },
    },
  },
});
if (/\bimport\(\s*["'`]/.test(readFileSync("dist/rivulet.js", "utf8"))) {
  throw new Error("rivulet: dist/rivulet.js must be one self-contained file, but it imports a chunk");
}
console.info("rivulet: built dist/ (index, react, embed, server, rivulet.js, styles.css, types)");
if (!(await checkBudgets())) process.exit(1);
