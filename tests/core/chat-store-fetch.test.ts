import { afterEach, describe, expect, it } from "vitest";
import { ChatStore } from "../../src/core/chat-store.js";
import { ChatError } from "../../src/core/chat-error.js";
import { answerWith, openAiChunk, OPENAI_END, sleep, startLoopback, until } from "./loopback.js";
import { recordSnapshots, summarize } from "./scripted-transport.js";

let servers: Array<{ close(): Promise<void> }> = [];
async function serve(handler: Parameters<typeof startLoopback>[0]) {
  const server = await startLoopback(handler);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

describe("ChatStore over real HTTP (loopback)", () => {
  it("POSTs { messages, stream: true } as JSON to the endpoint and streams the answer in", async () => {
    const server = await serve(answerWith("Hello there, friend."));
    const store = new ChatStore({ endpoint: `${server.url}/api/chat` });
    const history = recordSnapshots(store);
    const answer = await store.send("Hi");

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: "POST", url: "/api/chat" });
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request!.body)).toEqual({ messages: [{ role: "user", content: "Hi" }], stream: true });
    expect(answer).toMatchObject({ role: "assistant", content: "Hello there, friend.", state: "done", finishReason: "stop" });
    expect(history.map((s) => s.status)).toEqual(["submitted", "streaming", "ready"]);
    expect(history.at(-1)!.messages[1]).toBe(answer);
  });

  it("options changed between two sends reach the second request", async () => {
    const server = await serve(answerWith("ok"));
    let token = 0;
    const store = new ChatStore({
      endpoint: `${server.url}/v1/one`,
      headers: { "x-app": "first" },
      body: { model: "small" },
    });
    await store.send("1");
    store.setOptions({
      endpoint: `${server.url}/v1/two`,
      headers: async () => ({ authorization: `Bearer t${++token}`, "Content-Type": "application/json; charset=utf-8" }),
      body: ({ messages }) => ({ input: messages.map((m) => m.content).join("|"), model: "large" }),
      system: "Be brief.",
    });
    await store.send("2");

    const [first, second] = server.requests;
    expect(first!.url).toBe("/v1/one");
    expect(first!.headers["x-app"]).toBe("first");
    expect(JSON.parse(first!.body)).toEqual({ messages: [{ role: "user", content: "1" }], stream: true, model: "small" });
    expect(second!.url).toBe("/v1/two");
    expect(second!.headers["x-app"]).toBeUndefined();
    expect(second!.headers.authorization).toBe("Bearer t1");
    // A user's Content-Type replaces ours rather than doubling it.
    expect(second!.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(second!.body)).toEqual({ input: "Be brief.|1|ok|2", model: "large" });
    expect(summarize(store.getSnapshot()).messages).toEqual(["user done: 1", "assistant done: ok", "user done: 2", "assistant done: ok"]);
  });

  it("uses the fetch, credentials and protocol options", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("data: not json, just text\n\n");
    });
    const seen: RequestInit[] = [];
    const store = new ChatStore({
      endpoint: server.url,
      credentials: "include",
      protocol: "text",
      fetch: (input, init) => {
        seen.push(init!);
        return fetch(input, init);
      },
    });
    const answer = await store.send("x");
    expect(seen[0]).toMatchObject({ method: "POST", credentials: "include" });
    // Read as raw text because the protocol option said so, not detected as SSE.
    expect(answer.content).toBe("data: not json, just text\n\n");
  });

  it("stop() aborts the request: the server sees the connection close, and nothing lands after it", async () => {
    let writes = 0;
    const server = await serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // Keeps sending after the client left, as a busy model server does.
      for (let i = 0; i < 200 && !res.destroyed; i++) {
        res.write(openAiChunk(`t${i} `));
        writes++;
        await sleep(10);
      }
      res.end(OPENAI_END);
    });
    const onFinish = (message: unknown) => finished.push(message);
    const finished: unknown[] = [];
    const store = new ChatStore({ endpoint: server.url, onFinish });
    const history = recordSnapshots(store);
    const sent = store.send("Go on");
    await until(() => (store.getSnapshot().messages[1]?.content.length ?? 0) > 10);
    store.stop();
    const stopped = store.getSnapshot();
    const writesAtStop = writes;

    await server.requests[0]!.closedEarly; // the server observed the abort
    await sleep(80);
    expect(store.getSnapshot()).toBe(stopped);
    expect(history.at(-1)).toBe(stopped);
    expect(writes).toBeLessThan(writesAtStop + 5);
    expect(summarize(stopped).status).toBe("ready");
    const answer = await sent;
    expect(answer.state).toBe("aborted");
    expect(answer.content).toMatch(/^t0 t1 /);
    expect(stopped.messages[1]).toBe(answer);
    expect(finished).toEqual([answer]);
  });

  it("an HTTP error keeps the user message and reports the provider's message", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "The model is overloaded." } }));
    });
    const errors: ChatError[] = [];
    const store = new ChatStore({ endpoint: server.url, onError: (e) => errors.push(e) });
    const answer = await store.send("Hi");
    const snapshot = store.getSnapshot();
    expect(snapshot.status).toBe("error");
    expect(snapshot.error).toBeInstanceOf(ChatError);
    expect(snapshot.error).toMatchObject({ type: "http", status: 500, retryable: true });
    expect(snapshot.error!.message).toContain("The model is overloaded.");
    expect(answer).toMatchObject({ state: "error", content: "", error: snapshot.error!.message });
    expect(snapshot.messages.map((m) => `${m.role} ${m.state}`)).toEqual(["user done", "assistant error"]);
    expect(errors).toEqual([snapshot.error]);
  });

  it("a connection dropped mid-answer keeps the partial text; retry sends the same conversation", async () => {
    let calls = 0;
    const server = await serve((_req, res) => {
      calls++;
      res.writeHead(200, { "content-type": "text/event-stream" });
      if (calls === 1) {
        res.write(openAiChunk("Half an "));
        res.write(openAiChunk("answer"), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      res.end(openAiChunk("Whole answer.") + OPENAI_END);
    });
    const store = new ChatStore({ endpoint: server.url });
    await store.send("Q");
    expect(summarize(store.getSnapshot())).toMatchObject({
      status: "error",
      messages: ["user done: Q", expect.stringMatching(/^assistant error: Half an answer \[/)],
    });
    expect(store.getSnapshot().error!.type).toBe("network");
    await store.retry();
    expect(JSON.parse(server.requests[1]!.body)).toEqual(JSON.parse(server.requests[0]!.body));
    expect(summarize(store.getSnapshot())).toEqual({ status: "ready", messages: ["user done: Q", "assistant done: Whole answer."] });
  });

  it("passes idleTimeoutMs on: a stalled answer fails as a timeout and keeps its text", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(openAiChunk("Thinking about it"));
    });
    const store = new ChatStore({ endpoint: server.url, idleTimeoutMs: 150 });
    const started = Date.now();
    const answer = await store.send("Hm?");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer).toMatchObject({ state: "error", content: "Thinking about it" });
    expect(store.getSnapshot().error).toMatchObject({ type: "timeout", retryable: true });
    await server.requests[0]!.closedEarly;
  });

  it("a server that cannot be reached is a retryable network ChatError", async () => {
    const server = await startLoopback(() => {});
    const url = server.url;
    await server.close();
    const store = new ChatStore({ endpoint: url });
    await store.send("anyone?");
    const { error, status, messages } = store.getSnapshot();
    expect(status).toBe("error");
    expect(error).toMatchObject({ name: "ChatError", type: "network", retryable: true });
    expect(error!.cause).toBeInstanceOf(TypeError);
    expect(messages.map((m) => `${m.role} ${m.state}`)).toEqual(["user done", "assistant error"]);
  });
});
