// A loopback chat endpoint the <Chat> browser tests control: what the next answers say, how fast,
// whether a request fails, and when the browser closed a connection (a stop). OpenAI-style SSE, with
// CORS, because the test page comes from the Vite dev server on another port. And setupChatPages,
// the browser, dev server and endpoint that every spec file of tests/browser/pages/chat.html shares.
import type { Browser, Page } from "playwright-core";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { collectPageErrors, launchChromium } from "../helpers/browser.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";

export interface ChatTestServer {
  /** The chat endpoint URL. */
  endpoint: string;
  /** The chunks of the next answers and the pause after each. */
  reply: { chunks: string[]; delayMs: number };
  /** How many of the next requests fail with HTTP 500 before any byte of answer. */
  failNext: number;
  /** Every POST so far: its body, and a promise of the moment the browser closed it before its end. */
  requests: ChatTestRequest[];
  close(): Promise<void>;
}

export interface ChatTestRequest {
  messages: { role: string; content: string }[];
  /** Resolves with the number of chunks sent when the browser closed the connection early (a stop). */
  aborted: Promise<number>;
}

/** `count` chunks "w1 ", "w2 ", … so a test can tell how far an answer got. */
export function numberedChunks(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `w${i + 1} `);
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "content-type",
  "access-control-allow-methods": "POST, OPTIONS",
};

export async function startChatServer(): Promise<ChatTestServer> {
  const sockets = new Set<Socket>();

  const state: ChatTestServer = {
    endpoint: "",
    reply: { chunks: numberedChunks(20), delayMs: 20 },
    failNext: 0,
    requests: [],
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse) {
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    let onAbort!: (chunks: number) => void;
    const aborted = new Promise<number>((resolve) => (onAbort = resolve));
    state.requests.push({ ...(JSON.parse(raw) as { messages: ChatTestRequest["messages"] }), aborted });
    if (state.failNext > 0) {
      state.failNext -= 1;
      res.writeHead(500, { ...CORS, "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "The model is overloaded." } }));
      return;
    }
    const { chunks, delayMs } = state.reply;
    res.writeHead(200, { ...CORS, "content-type": "text/event-stream", "cache-control": "no-cache" });
    let sent = 0;
    let ended = false;
    res.on("close", () => {
      if (!ended) onAbort(sent);
    });
    for (const text of chunks) {
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`);
      sent += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (res.destroyed) return;
    ended = true;
    res.end(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`);
  }

  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS).end();
      return;
    }
    answer(req, res).catch((error: unknown) => res.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`;
  return state;
}

/**
 * Waits for the test page's composer. A cold Vite dev server discovers some dependencies only when
 * the page asks for them, re-optimizes, and answers the page's older requests with "504 Outdated
 * Optimize Dep"; with HMR off nothing reloads the page, so we do, a few times, until it converges.
 */
export async function waitForChat(page: Page, attempts = 4): Promise<void> {
  const composer = page.getByRole("textbox", { name: "Message" });
  for (let attempt = 1; ; attempt++) {
    try {
      await composer.waitFor({ timeout: 15_000 });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await page.reload();
    }
  }
}

/** What {@link setupChatPages} gives a spec file. */
export interface ChatPages {
  /** The endpoint the pages talk to, back to its defaults (20 chunks, 20 ms apart) before each test. */
  readonly api: ChatTestServer;
  /**
   * Opens tests/browser/pages/chat.html (800x700) with `params` in its query (besides `endpoint`),
   * once its composer is there, in a context of its own: AxeBuilder needs one, and it isolates
   * storage between tests. Closed after the test.
   */
  open(params?: Record<string, string>): Promise<{ page: Page; errors: string[] }>;
}

/**
 * Registers the hooks of a spec file of <Chat> browser tests: Chromium, the Vite dev server and the
 * chat endpoint start once (the dev server warmed on the test page, which it compiles on first
 * request), the endpoint is reset before each test, each test's pages close after it, and
 * everything stops after the file. Call it at the top level of the file.
 *
 * @example
 * const chat = setupChatPages();
 * it("answers", async () => {
 *   const { page } = await chat.open({ theme: "dark" });
 *   chat.api.reply = { chunks: ["Hi"], delayMs: 10 };
 * });
 */
export function setupChatPages(): ChatPages {
  let browser: Browser | undefined;
  let demo: DemoServer | undefined;
  let api: ChatTestServer | undefined;
  const pages: Page[] = [];
  const started = () => {
    if (!browser || !demo || !api) throw new Error("setupChatPages: used outside a test (its beforeAll has not run)");
    return { browser, demo, api };
  };

  beforeAll(async () => {
    [browser, demo, api] = await Promise.all([launchChromium(), startDemoServer(), startChatServer()]);
    const warm = await browser.newPage();
    await warm.goto(`${demo.url}/tests/browser/pages/chat.html?endpoint=${encodeURIComponent(api.endpoint)}`);
    await waitForChat(warm, 6);
    await warm.close();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await api?.close();
  });
  beforeEach(() => {
    const { api: server } = started();
    server.reply = { chunks: numberedChunks(20), delayMs: 20 };
    server.failNext = 0;
    server.requests.length = 0;
  });
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });

  return {
    get api() {
      return started().api;
    },
    async open(params = {}) {
      const { browser: chromium, demo: server, api: endpoint } = started();
      const page = await (await chromium.newContext({ viewport: { width: 800, height: 700 } })).newPage();
      pages.push(page);
      const errors = collectPageErrors(page);
      await page.goto(`${server.url}/tests/browser/pages/chat.html?${new URLSearchParams({ endpoint: endpoint.endpoint, ...params })}`);
      await waitForChat(page);
      return { page, errors };
    },
  };
}
