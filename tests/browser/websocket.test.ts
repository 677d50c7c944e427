// Real Chromium: the browser's own WebSocket talks to the demo server's /api/chat upgrade (the Vite
// dev server of `npm start`), and a reply streams into a ChatStore, the same as over HTTP.
import type { AddressInfo } from "node:net";
import type { Browser, Page, WebSocket as PageSocket } from "playwright-core";
import { createServer } from "vite";
import { afterAll, beforeAll, expect, test } from "vitest";
import { WebSocket as NodeWebSocket } from "ws";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";

let browser: Browser;
let demo: DemoServer;
let page: Page;
let errors: string[];
const sockets: PageSocket[] = [];
type Core = typeof import("../../src/index.js");

beforeAll(async () => {
  [browser, demo] = await Promise.all([launchChromium(), startDemoServer()]);
  page = await browser.newPage();
  errors = collectPageErrors(page);
  page.on("websocket", (socket) => sockets.push(socket));
  await page.goto(demo.url);
  // Vite serves the sources as modules: the same code an app bundles. (A dynamic import inside
  // page.evaluate would be rewritten by Vitest's own transform, hence a module script.)
  await page.addScriptTag({ type: "module", content: 'import * as core from "/src/index.ts"; globalThis.rivuletCore = core;' });
  await page.waitForFunction(() => "rivuletCore" in globalThis);
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface PageResult {
  states: string[];
  lengths: number[];
  content: string;
  state: string;
  again: string;
  http: string;
}

test("a reply streams into a ChatStore over the browser's WebSocket, as it does over HTTP", async () => {
  const result = await page.evaluate(async (): Promise<PageResult> => {
    const { ChatStore } = (globalThis as unknown as { rivuletCore: Core }).rivuletCore;
    const prompt = "Give me a nested list";
    // A relative endpoint with transport "websocket" resolves against the page: ws://host/api/chat.
    const store = new ChatStore({ endpoint: "/api/chat?tps=400&seed=3", transport: "websocket" });
    const states: string[] = [];
    const lengths: number[] = [];
    store.subscribe(() => {
      const snapshot = store.getSnapshot();
      if (states.at(-1) !== snapshot.status) states.push(snapshot.status);
      lengths.push(snapshot.messages.at(-1)?.content.length ?? 0);
    });
    const answer = await store.send(prompt);
    const again = await store.send("help");
    const http = await new ChatStore({ endpoint: "/api/chat?tps=100000&seed=3" }).send(prompt);
    return { states, lengths, content: answer.content, state: answer.state, again: again.state, http: http.content };
  });
  expect(result.state).toBe("done");
  expect(result.states).toEqual(["submitted", "streaming", "ready", "submitted", "streaming", "ready"]);
  // It streamed: the answer grew over many notifications, not in one piece.
  const growth = new Set(result.lengths.filter((n) => n > 0 && n < result.content.length));
  expect(growth.size).toBeGreaterThan(5);
  expect(result.content).toBe(result.http);
  expect(result.again).toBe("done");
  // One socket, to the chat path, carried both answers.
  const chat = sockets.filter((s) => new URL(s.url()).pathname === "/api/chat");
  expect(chat).toHaveLength(1);
  expect(chat[0]!.url()).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/chat\?tps=400&seed=3$/);
  expect(errors).toEqual([]);
});

test("stop() mid-reply keeps the partial answer and lands nothing after it", async () => {
  const result = await page.evaluate(async () => {
    const { ChatStore } = (globalThis as unknown as { rivuletCore: Core }).rivuletCore;
    const store = new ChatStore({ endpoint: `ws://${location.host}/api/chat?tps=200` });
    const pending = store.send("Write a long answer");
    while ((store.getSnapshot().messages.at(-1)?.content.length ?? 0) < 40) await new Promise((r) => setTimeout(r, 5));
    store.stop();
    const atStop = store.getSnapshot().messages.at(-1)!;
    await new Promise((r) => setTimeout(r, 300));
    const later = store.getSnapshot().messages.at(-1)!;
    return { state: (await pending).state, same: later === atStop, length: atStop.content.length };
  });
  expect(result).toMatchObject({ state: "aborted", same: true });
  expect(result.length).toBeGreaterThanOrEqual(40);
  expect(errors).toEqual([]);
});

test("under `npm start` (HMR on), Vite's HMR socket and the chat socket both work", async () => {
  const server = await createServer({ configFile: "vite.config.ts", logLevel: "error", server: { port: 0, host: "127.0.0.1", strictPort: false } });
  await server.listen();
  try {
    const { port } = server.httpServer!.address() as AddressInfo;
    const open = (path: string, protocol?: string) =>
      new Promise<string>((resolve) => {
        const ws = new NodeWebSocket(`ws://127.0.0.1:${port}${path}`, protocol);
        ws.on("open", () => resolve(`open ${ws.protocol}`.trim()));
        ws.on("message", () => ws.close());
        ws.on("error", (error) => resolve(`error ${error.message}`));
      });
    expect(await open("/", "vite-hmr")).toBe("open vite-hmr");
    expect(await open("/api/chat")).toBe("open");
  } finally {
    await server.close();
  }
});
