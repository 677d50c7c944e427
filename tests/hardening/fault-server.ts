/**
 * A real loopback server (node:http on 127.0.0.1) for the network-fault tests, in Node and in
 * Chromium. Each POST to /api/chat takes the next scripted behaviour from a queue (then `good`), so
 * a test scripts "fail this way once, then answer" and presses Retry. It can also serve files (the
 * built widget, a test page) from the same origin, so a page needs no CORS.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startLoopbackServer } from "../helpers/loopback-server.js";

/** What a chat request's JSON body holds (as far as these tests read it). */
export interface ChatRequestBody {
  messages?: { role: string; content: string }[];
}

/** One way of answering a chat request, given its parsed body. */
export type Behaviour = (req: IncomingMessage, res: ServerResponse, body: ChatRequestBody) => void;

const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" };

/** One OpenAI Chat Completions chunk carrying `text`, as an SSE event. */
export function chunk(text: string): string {
  return `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content: text }, finish_reason: null }] })}\n\n`;
}

/** Streams `tokens`, then a stop chunk and `[DONE]`. `delayMs` apart (0: all at once). */
export function good(tokens: readonly string[], delayMs = 0): Behaviour {
  return (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    const end = () => {
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
      res.end("data: [DONE]\n\n");
    };
    if (delayMs === 0) {
      for (const token of tokens) res.write(chunk(token));
      end();
      return;
    }
    let index = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      const token = tokens[index++];
      if (token === undefined) {
        clearInterval(timer);
        end();
      } else res.write(chunk(token));
    }, delayMs);
    res.on("close", () => clearInterval(timer));
  };
}

/**
 * Streams `tokens` at `tps` tokens per second: every 8 ms, every token that is due (so 2,000 tokens/s
 * is about 16 tokens per write), then a stop chunk and `[DONE]`.
 */
export function paced(tokens: readonly string[], tps: number): Behaviour {
  return (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    const started = Date.now();
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      const due = Math.min(tokens.length, Math.floor(((Date.now() - started) / 1000) * tps));
      let batch = "";
      for (; sent < due; sent++) batch += chunk(tokens[sent]!);
      if (batch) res.write(batch);
      if (sent === tokens.length) {
        clearInterval(timer);
        res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
        res.end("data: [DONE]\n\n");
      }
    }, 8);
    res.on("close", () => clearInterval(timer));
  };
}

/**
 * Answers "Answer to <the question>:" and then `count` numbered tokens `delayMs` apart, so widgets
 * streaming at once can each be checked for their own answer.
 */
export function echo(count: number, delayMs: number): Behaviour {
  return (req, res, body) => {
    const question = body.messages?.at(-1)?.content ?? "?";
    const tokens = [`Answer to ${question}:`, ...Array.from({ length: count }, (_, i) => ` ${question}-t${i + 1}`)];
    good(tokens, delayMs)(req, res, body);
  };
}

/** Writes `bytes` (after headers), then cuts the connection without ending the response. */
function writeThenDrop(parts: readonly (string | Uint8Array)[]): Behaviour {
  return (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.flushHeaders();
    for (const part of parts) res.write(part);
    // Let the bytes leave before the reset, so the client sees them and then the drop.
    setTimeout(() => res.socket?.destroy(), 50);
  };
}

/** The faults: each names a phase of the response where it strikes, and the partial answer it leaves. */
export const FAULTS = {
  /** The connection is reset before any response header. */
  "drop before headers": { behaviour: ((req) => req.socket.destroy()) as Behaviour, partial: "" },
  /** Headers arrive, then the connection is reset. */
  "drop after headers": { behaviour: writeThenDrop([]), partial: "" },
  /** One whole event, then half of the next one's JSON. */
  "drop mid event": {
    behaviour: writeThenDrop([chunk("Hello, "), chunk("world").slice(0, 40)]),
    partial: "Hello, ",
  },
  /** One whole event, then the next one cut inside a two-byte UTF-8 character ("ï"). */
  "drop mid UTF-8 character": {
    behaviour: (() => {
      const bytes = new TextEncoder().encode(chunk("naïve"));
      const cut = bytes.indexOf(0xc3) + 1;
      return writeThenDrop([chunk("Café "), bytes.subarray(0, cut)]);
    })(),
    partial: "Café ",
  },
} as const;

/** One event, then silence with the connection open: only the client's idle timeout ends it. */
export function stall(text: string): Behaviour {
  return (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(chunk(text));
  };
}

/** One event, then an SSE comment every `everyMs` forever: bytes keep coming, the answer never ends. */
export function neverEnds(text: string, everyMs = 50): Behaviour {
  return (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(chunk(text));
    const timer = setInterval(() => res.write(": keep-alive\n\n"), everyMs);
    res.on("close", () => clearInterval(timer));
  };
}

/** 429 Too Many Requests with a Retry-After, and an OpenAI-style error body. */
export function rateLimited(retryAfterSeconds: number): Behaviour {
  return (_req, res) => {
    res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfterSeconds) });
    res.end(JSON.stringify({ error: { message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded" } }));
  };
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Behaviours for the next chat requests, in order; after them every request gets `fallback`. */
  script(...behaviours: Behaviour[]): void;
  /** Chat requests seen so far (their parsed JSON bodies). */
  readonly requests: ChatRequestBody[];
  /** The most chat responses that were open at the same time. */
  readonly maxConcurrent: number;
  /** Chat responses whose connection the client closed before the end. */
  readonly clientClosed: number;
  close(): Promise<void>;
}

/** Files the server answers GETs with: a path (`/page.html`) to its body and content type. */
export type ServedFiles = Record<string, { body: string | Uint8Array; type: string }>;

/**
 * What a page that runs the widget needs: the built script embed at /rivulet.js, `html` at
 * /page.html, an empty /favicon.ico (so the page logs no 404), and `more`.
 *
 * @example
 * const server = await startFaultServer(good(["Hi"]), embedPage("<script src=/rivulet.js></script>"));
 */
export function embedPage(html: string, more: ServedFiles = {}): ServedFiles {
  return {
    "/rivulet.js": { body: readFileSync("dist/rivulet.js"), type: "text/javascript" },
    "/page.html": { body: html, type: "text/html; charset=utf-8" },
    "/favicon.ico": { body: "", type: "image/x-icon" },
    ...more,
  };
}

/**
 * Starts the server. `files` maps a path (`/page.html`) to its body and content type.
 *
 * @example
 * const server = await startFaultServer(good(["Recovered"]));
 * server.script(FAULTS["drop mid event"].behaviour);
 */
export async function startFaultServer(fallback: Behaviour, files: ServedFiles = {}): Promise<FaultServer> {
  const queue: Behaviour[] = [];
  const requests: FaultServer["requests"] = [];
  let clientClosed = 0;
  let open = 0;
  let maxConcurrent = 0;
  const server = await startLoopbackServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const file = files[path];
    if (req.method === "GET" && file) {
      res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" });
      res.end(file.body);
      return;
    }
    if (req.method !== "POST" || !path.startsWith("/api/chat")) {
      res.writeHead(404).end();
      return;
    }
    const body: Buffer[] = [];
    req.on("data", (part: Buffer) => body.push(part));
    req.on("end", () => {
      let parsed: ChatRequestBody = {};
      try {
        parsed = JSON.parse(Buffer.concat(body).toString("utf8")) as ChatRequestBody;
      } catch {
        // Not JSON: the behaviour gets an empty body.
      }
      requests.push(parsed);
      open++;
      maxConcurrent = Math.max(maxConcurrent, open);
      res.on("close", () => {
        open--;
        if (!res.writableFinished) clientClosed++;
      });
      (queue.shift() ?? fallback)(req, res, parsed);
    });
  });
  return {
    url: server.url,
    script: (...behaviours) => queue.push(...behaviours),
    requests,
    get clientClosed() {
      return clientClosed;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    close: server.close,
  };
}
