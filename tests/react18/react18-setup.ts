/**
 * Setup of the react18 project: CommonJS code in node_modules asks Node, not Vite, for `react`, so
 * react-dom-18's own `require("react")` would load React 19 (and crash on its missing internals).
 * This maps `react` and `react-dom` (and their subpaths) to the React 18 copies for every `require` in
 * this test worker. Vite's `resolve.alias` (vite.config.ts) does the same for code Vite transforms.
 *
 * It also fails any test during which React logged to console.error: React 18 reports what it
 * dislikes (an update outside act, an unknown DOM prop, useLayoutEffect on the server) only there.
 */
import Module from "node:module";
import { afterEach, beforeEach, vi } from "vitest";

type Resolve = (request: string, ...rest: unknown[]) => string;
// Node's internal resolver for require(); named through a constant because it is not public API.
const RESOLVE = "_resolveFilename";
const loader = Module as unknown as Record<typeof RESOLVE, Resolve & { react18?: true }>;

function toReact18(request: string): string {
  if (request === "react" || request.startsWith("react/")) return `react-18${request.slice("react".length)}`;
  if (request === "react-dom" || request.startsWith("react-dom/")) return `react-dom-18${request.slice("react-dom".length)}`;
  return request;
}

// Setup files run once per test file; wrap the resolver only once per process.
if (!loader[RESOLVE].react18) {
  const original = loader[RESOLVE];
  const redirected: Resolve & { react18?: true } = function (this: unknown, request, ...rest) {
    return original.call(this, toReact18(request), ...rest);
  };
  redirected.react18 = true;
  loader[RESOLVE] = redirected;
}

let errors: { mock: { calls: unknown[][] }; mockRestore(): void };
beforeEach(() => {
  errors = vi.spyOn(console, "error");
});
// Registered before dom-setup's cleanup, so it runs after it (afterEach hooks run in reverse): an
// error logged while unmounting counts too.
afterEach(() => {
  const logged = errors.mock.calls.map((call) => call.map(String).join(" "));
  errors.mockRestore();
  if (logged.length > 0) throw new Error(`React logged ${logged.length} error(s):\n${logged.join("\n")}`);
});
