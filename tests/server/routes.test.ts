// Every route and every refusal: paths, methods, the info route, malformed requests, the body size
// limit, and the CORS allowlist (off by default).
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChatHandler, FAULTS, MOCK_PROMPTS, PROTOCOLS } from "../../server/index.js";
import { postChat, startChatServer, type ChatServer } from "./chat-server.js";

let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer({ maxBodyBytes: 4096 });
});
afterAll(() => server.close());

async function errorOf(response: Response): Promise<{ status: number; message: string }> {
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const body = (await response.json()) as { error: { message: string } };
  expect(typeof body.error.message).toBe("string");
  return { status: response.status, message: body.error.message };
}

function post(body: string, path = "/api/chat", headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

describe("routes", () => {
  it("answers 404 off its path when mounted alone, and calls next() when mounted as middleware", async () => {
    expect(await errorOf(await fetch(`${server.url}/elsewhere`))).toMatchObject({ status: 404, message: expect.stringContaining("POST /api/chat") });
    const handler = createChatHandler({ env: {} });
    let nexted = 0;
    handler({ url: "/index.html", method: "GET", headers: {} } as never, {} as never, () => nexted++);
    handler({ url: "/api/chatty", method: "POST", headers: {} } as never, {} as never, () => nexted++);
    expect(nexted).toBe(2);
  });

  it("serves on a custom path", async () => {
    const custom = await startChatServer({ path: "/v1/chat/completions" });
    try {
      const response = await fetch(`${custom.url}/v1/chat/completions?tps=100000`, {
        method: "POST",
        body: JSON.stringify({ messages: [{ role: "user", content: "hi" }] }),
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("data: [DONE]");
      expect((await fetch(`${custom.url}/api/chat`, { method: "POST" })).status).toBe(404);
    } finally {
      await custom.close();
    }
  });

  it("refuses other methods with 405 and an Allow header", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const response = await fetch(`${server.url}/api/chat`, { method });
      expect(response.headers.get("allow")).toBe("POST");
      expect(await errorOf(response)).toMatchObject({ status: 405, message: expect.stringContaining("Use POST") });
    }
    const head = await fetch(`${server.url}/api/chat`, { method: "HEAD" });
    expect(head.status).toBe(405);
  });

  it("describes itself at GET /api/chat/info: the mock's protocols, faults and prompts, never a key", async () => {
    const response = await fetch(`${server.url}/api/chat/info`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: "mock",
      protocols: [...PROTOCOLS],
      faults: [...FAULTS],
      prompts: MOCK_PROMPTS.map((p) => ({ ...p })),
    });
    expect((await fetch(`${server.url}/api/chat/info`, { method: "POST" })).status).toBe(405);
  });
});

describe("malformed requests get a clear 400", () => {
  it.each([
    ["not JSON", "{messages:", /not valid JSON/],
    ["an empty body", "", /empty/],
    ["a JSON array", "[]", /must be a JSON object/],
    ["no messages", "{}", /`messages` must be an array/],
    ["`message` instead of `messages`", '{"message":"hi"}', /Did you mean `messages`\?/],
    ["empty messages", '{"messages":[]}', /must not be empty/],
    ["a message that is not an object", '{"messages":["hi"]}', /messages\[0\] must be an object/],
    ["an unknown role", '{"messages":[{"role":"robot","content":"hi"}]}', /messages\[0\]\.role must be one of user, assistant, system/],
    ["content that is not text", '{"messages":[{"role":"user","content":42}]}', /messages\[0\]\.content must be a string/],
    ["a body field of the wrong type", '{"messages":[{"role":"user","content":"hi"}],"tps":{}}', /`tps` must be a string or a number/],
  ])("%s", async (_, body, message) => {
    expect(await errorOf(await post(body))).toMatchObject({ status: 400, message: expect.stringMatching(message) });
  });

  it("an unknown protocol, listing the valid ones", async () => {
    const error = await errorOf(await postChat(server.url, "hi", { protocol: "grpc" }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('Unknown protocol "grpc"');
    for (const protocol of PROTOCOLS) expect(error.message).toContain(protocol);
  });

  it("an unknown or ill-formed fault, listing the valid ones", async () => {
    for (const fault of ["explode", "drop", "drop:x", "drop:-1", "stall:", "stall:9999", "500:2", "slow-first-byte"]) {
      const error = await errorOf(await postChat(server.url, "hi", { fault }));
      expect(error.status).toBe(400);
      expect(error.message).toContain(`Unknown fault "${fault}"`);
      for (const valid of FAULTS) expect(error.message).toContain(valid);
    }
  });

  it("bad tps, seed or retryAfter", async () => {
    for (const [query, message] of [
      [{ tps: 0 }, /`tps` must be/],
      [{ tps: "fast" }, /`tps` must be/],
      [{ tps: 2_000_000 }, /`tps` must be/],
      [{ seed: 1.5 }, /`seed` must be a whole number/],
      [{ retryAfter: -1 }, /`retryAfter` must be/],
    ] as const) {
      expect(await errorOf(await postChat(server.url, "hi", query))).toMatchObject({ status: 400, message: expect.stringMatching(message) });
    }
  });
});

describe("body size limit", () => {
  const big = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(5000) }] });

  it("refuses a body whose Content-Length is over the limit with 413, before reading it", async () => {
    const response = await post(big);
    expect(await errorOf(response)).toMatchObject({ status: 413, message: expect.stringContaining("4096 bytes") });
  });

  it("refuses a chunked body that grows past the limit with 413", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      // No Content-Length: node sends the body chunked, so the handler must count as it reads.
      req.write(big.slice(0, 3000));
      setTimeout(() => req.end(big.slice(3000)), 20);
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual({ error: { message: "Request body is larger than the limit of 4096 bytes." } });
  });

  it("accepts a body just under the limit, and the default limit is 1 MB", async () => {
    const fits = JSON.stringify({ messages: [{ role: "user", content: "x".repeat(4000) }] });
    expect((await post(fits, "/api/chat?protocol=text&tps=100000")).status).toBe(200);
    const defaults = await startChatServer();
    try {
      const underMb = JSON.stringify({ messages: [{ role: "user", content: "y".repeat(1_000_000) }] });
      const overMb = JSON.stringify({ messages: [{ role: "user", content: "y".repeat(1_050_000) }] });
      const send = (body: string) => fetch(`${defaults.url}/api/chat?protocol=text&tps=100000`, { method: "POST", body });
      const ok = await send(underMb);
      expect(ok.status).toBe(200);
      await ok.text();
      expect((await send(overMb)).status).toBe(413);
    } finally {
      await defaults.close();
    }
  });
});

describe("CORS", () => {
  it("is off by default: no CORS headers, and a cross-origin POST is refused with 403", async () => {
    const response = await postChat(server.url, "hi", { tps: 100_000 }, { headers: { origin: "https://evil.example" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await errorOf(response)).toMatchObject({ status: 403, message: expect.stringContaining("cors: { origins") });
    const preflight = await fetch(`${server.url}/api/chat`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets same-origin requests through (Origin matching Host)", async () => {
    const response = await postChat(server.url, "hi", { tps: 100_000 }, { headers: { origin: server.url } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    await response.text();
  });

  it("with an allowlist, answers listed origins' preflights and streams to them with CORS headers", async () => {
    const allowed = "https://app.example";
    const cors = await startChatServer({ cors: { origins: [allowed] } });
    try {
      const preflight = await fetch(`${cors.url}/api/chat`, {
        method: "OPTIONS",
        headers: { origin: allowed, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe(allowed);
      expect(preflight.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
      expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type, authorization");
      expect(preflight.headers.get("vary")).toBe("Origin");

      const response = await postChat(cors.url, "hi", { tps: 100_000, protocol: "ai-sdk" }, { headers: { origin: allowed } });
      expect(response.status).toBe(200);
      expect(response.headers.get("access-control-allow-origin")).toBe(allowed);
      expect(response.headers.get("access-control-expose-headers")).toContain("x-vercel-ai-ui-message-stream");
      expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
      await response.text();

      const limited = await postChat(cors.url, "hi", { fault: "429" }, { headers: { origin: allowed } });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("access-control-allow-origin")).toBe(allowed);

      const other = await postChat(cors.url, "hi", {}, { headers: { origin: "https://other.example" } });
      expect(other.status).toBe(403);
      expect(other.headers.get("access-control-allow-origin")).toBeNull();
      const otherPreflight = await fetch(`${cors.url}/api/chat`, {
        method: "OPTIONS",
        headers: { origin: "https://other.example", "access-control-request-method": "POST" },
      });
      expect(otherPreflight.status).toBe(403);
    } finally {
      await cors.close();
    }
  });

  it('allows any origin with "*"', async () => {
    const open = await startChatServer({ cors: { origins: ["*"] } });
    try {
      const response = await postChat(open.url, "hi", { tps: 100_000 }, { headers: { origin: "https://anyone.example" } });
      expect(response.headers.get("access-control-allow-origin")).toBe("https://anyone.example");
      await response.text();
    } finally {
      await open.close();
    }
  });
});
