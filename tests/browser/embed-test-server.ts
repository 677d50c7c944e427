// A loopback server for the embed's real-browser tests: the BUILT dist/rivulet.js, the pages under
// tests/browser/pages, an optional strict CSP header, and an /api/chat that streams an OpenAI-style
// SSE answer at a pace the test sets, and notes when the browser closed the connection (a stop).
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

export interface EmbedTestServer {
  url: string;
  /** Words of the next answers, and the pause between two of them. */
  reply: { words: string[]; delayMs: number };
  /** Requests to /api/chat so far, with their parsed bodies. */
  requests: unknown[];
  /** Answers the browser cut off before their end (the stop button), counted when the socket closed. */
  aborted: number;
  /** Answers streamed to their end. */
  completed: number;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

/** A reply of `count` numbered words ending in "END", e.g. "w1 w2 … END". */
export function numberedWords(count: number): string[] {
  return [...Array.from({ length: count }, (_, i) => `w${i + 1} `), "END"];
}

/** Starts the server on 127.0.0.1 and a free port. `extraFiles` maps URL paths to absolute file paths. */
export async function startEmbedServer(extraFiles: Record<string, string> = {}): Promise<EmbedTestServer> {
  const root = process.cwd();
  const state: EmbedTestServer = {
    url: "",
    reply: { words: numberedWords(12), delayMs: 15 },
    requests: [],
    aborted: 0,
    completed: 0,
    close: async () => undefined,
  };

  const files: Record<string, string> = { "/rivulet.js": join(root, "dist/rivulet.js"), ...extraFiles };

  function serveFile(path: string, res: ServerResponse, csp: boolean): void {
    let file = files[path];
    if (!file && path.startsWith("/pages/")) {
      file = join(root, "tests/browser/pages", normalize(path.slice("/pages/".length)).replace(/^(\.\.[/\\])+/, ""));
    }
    try {
      const body = readFileSync(file ?? "");
      const headers: Record<string, string> = { "content-type": TYPES[extname(file ?? "")] ?? "application/octet-stream", "cache-control": "no-store" };
      if (csp) headers["content-security-policy"] = STRICT_CSP;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  }

  async function chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = "";
    for await (const chunk of req) raw += String(chunk);
    state.requests.push(JSON.parse(raw || "{}"));
    const { words, delayMs } = state.reply;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    let closed = false;
    res.on("close", () => {
      if (!res.writableFinished) {
        closed = true;
        state.aborted += 1;
      }
    });
    for (const word of words) {
      if (closed) return;
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: word } }] })}\n\n`);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    if (closed) return;
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
    res.end("data: [DONE]\n\n");
    state.completed += 1;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/api/chat" && req.method === "POST") {
      chat(req, res).catch(() => res.destroy());
      return;
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    serveFile(url.pathname, res, url.searchParams.has("csp"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
