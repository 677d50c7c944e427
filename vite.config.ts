import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { demoServerPlugin } from "./server/vite-plugin.js";

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
          setupFiles: ["tests/helpers/dom-setup.ts"],
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
