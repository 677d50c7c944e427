/**
 * The core must import and run in Node with no React anywhere: `react` is mocked to throw on import.
 */
import { expect, test, vi } from "vitest";

vi.mock("react", () => {
  throw new Error("core must not import react");
});
vi.mock("react-dom", () => {
  throw new Error("core must not import react-dom");
});

test("rivulet's core imports without React and decodes a stream", async () => {
  const core = await import("../../src/index.js");
  expect(typeof core.decodeStream).toBe("function");
  const response = new Response('data: {"choices":[{"index":0,"delta":{"content":"no react"}}]}\n\ndata: [DONE]\n\n', {
    headers: { "content-type": "text/event-stream" },
  });
  const deltas = [];
  for await (const delta of core.decodeStream(response)) deltas.push(delta);
  expect(deltas).toEqual([{ type: "text", text: "no react" }, { type: "finish" }]);
});

test("the mock really blocks React (this test would pass vacuously otherwise)", async () => {
  await expect(import("react")).rejects.toThrow(/error when mocking|core must not import react/);
});
