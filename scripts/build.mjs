#!/usr/bin/env node
// `npm run build`: the library (ESM + .d.ts) into dist/, with the entries package.json exports.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { build } from "vite";

rmSync("dist", { recursive: true, force: true });
mkdirSync("dist", { recursive: true });

const peerAndDeps = [
  "react",
  "react-dom",
  "marked",
  "eventsource-parser",
  "highlight.js",
  "remend",
  "use-stick-to-bottom",
  "ws",
];
const isExternal = (id) =>
  id.startsWith("node:") ||
  builtinModules.includes(id) ||
  peerAndDeps.some((dep) => id === dep || id.startsWith(`${dep}/`));

await build({
  configFile: false,
  logLevel: "warn",
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
    rollupOptions: { external: isExternal },
  },
});

execFileSync("node_modules/.bin/tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });
copyFileSync("src/styles/rivulet.css", "dist/styles.css");
console.info("rivulet: built dist/ (index, react, embed, server, styles.css, types)");
