#!/usr/bin/env node
// `npm run serve`: the production server. The built demo page (dist/demo, from `vite build`) and the
// chat handler (dist/server.js, from scripts/build.mjs) on one node:http server, on $PORT (default
// 5173) and $HOST (default localhost; HOST=0.0.0.0 to listen on every interface). With a provider
// key in the environment /api/chat proxies to it; without one it is the mock model.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../dist/demo", import.meta.url)));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? "localhost";

let createChatHandler;
let attachChatSocket;
try {
  ({ createChatHandler, attachChatSocket } = await import("../dist/server.js"));
  await stat(join(root, "index.html"));
} catch {
  console.error("rivulet serve: dist/server.js or dist/demo/index.html is missing. Run `npm run serve` (it builds first).");
  process.exit(1);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const chat = createChatHandler({
  log: (entry) =>
    console.info(
      `${entry.method} ${entry.path} ${entry.status} ${entry.outcome}${entry.source ? ` ${entry.source}/${entry.protocol}` : ""} ${entry.tokens} tokens ${entry.durationMs} ms`,
    ),
});

/** Serves a file of the built demo; `/` is index.html, and hashed assets are cached for good. */
async function serveStatic(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = resolve(root, `.${pathname.endsWith("/") ? `${pathname}index.html` : pathname}`);
  // Never outside dist/demo, whatever `..` or encoded separators the path holds.
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
    return;
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": info.size,
    "cache-control": pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(file).pipe(res);
}

const server = createServer((req, res) => {
  chat(req, res, () => {
    serveStatic(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
});

// The same chat over a WebSocket upgrade of /api/chat (the mock model), as under `npm start`.
const sockets = attachChatSocket(server);

server.listen(port, host, () => {
  console.info(`rivulet: demo and /api/chat on http://${host}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    sockets.close();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
