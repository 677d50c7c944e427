// `npm start` is Vite's dev server with vite.config.ts: the demo plugin must mount the chat handler
// there, ahead of Vite's own middleware, and leave every other path to Vite.
import { afterAll, beforeAll, expect, it } from "vitest";
import { chooseMockReply } from "../../server/index.js";
import { startDemoServer, type DemoServer } from "../helpers/demo-server.js";

let demo: DemoServer;
beforeAll(async () => {
  // The plugin reads provider keys from the environment; this test is about the mock.
  for (const name of ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "OLLAMA_HOST"]) delete process.env[name];
  demo = await startDemoServer();
}, 60_000);
afterAll(() => demo?.close());

it("serves the mock model at /api/chat in the dev server", async () => {
  const response = await fetch(`${demo.url}/api/chat?protocol=text&tps=100000`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ messages: [{ role: "user", content: "Show me some code" }] }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  expect(await response.text()).toBe(chooseMockReply("code").text);
  expect((await (await fetch(`${demo.url}/api/chat/info`)).json()).mode).toBe("mock");
});

it("leaves the page to Vite", async () => {
  const page = await fetch(`${demo.url}/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<div id="root">');
});
