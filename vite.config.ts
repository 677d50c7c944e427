import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { demoServerPlugin } from "./server/vite-plugin.js";

// The react18 test project renders with React 18 (installed as the react-18 and react-dom-18 aliases).
const react18Aliases = [
  { find: /^react(\/jsx-runtime|\/jsx-dev-runtime)?$/, replacement: "react-18$1" },
  { find: /^react-dom(\/client|\/server|\/test-utils)?$/, replacement: "react-dom-18$1" },
];

// One config for the demo (`npm start`) and the tests (`vitest`). The library build lives in
// scripts/build.mjs, because it makes several bundles with different externals.
export default defineConfig({
  plugins: [react(), demoServerPlugin()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    host: process.env.HOST ?? "localhost",
  },
  preview: {
    port: Number(process.env.PORT ?? 5173),
  },
  build: {
    outDir: "dist/demo",
  },
  // Pre-bundle what the demo page imports, found from index.html alone: the scan would otherwise read
  // every .html in the repository (bench and test pages with virtual modules it cannot resolve), give
  // up, and discover dependencies one request at a time, answering "504 Outdated Optimize Dep".
  optimizeDeps: {
    entries: ["index.html"],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/**/*.test.ts"],
          exclude: ["tests/browser/**", "tests/**/*.dom.test.ts", "tests/fixtures/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/**/*.dom.test.{ts,tsx}"],
          exclude: ["tests/react18/**"],
          setupFiles: ["tests/helpers/dom-setup.ts"],
        },
      },
      {
        // The peer range says React 18 works too: the same components, rendered by React 18.3 under jsdom.
        extends: true,
        resolve: { alias: react18Aliases },
        test: {
          name: "react18",
          environment: "jsdom",
          include: ["tests/react18/**/*.test.tsx"],
          setupFiles: ["tests/react18/react18-setup.ts", "tests/helpers/dom-setup.ts"],
          // Through Vite, so its own `react` and `react-dom` imports take the aliases above too.
          server: { deps: { inline: ["@testing-library/react"] } },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          environment: "node",
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: one Chromium at a time keeps timing-sensitive assertions honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
