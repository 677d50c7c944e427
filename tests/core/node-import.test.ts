import { describe, expect, it, vi } from "vitest";

// If anything in the core pulled React in, importing it would throw here.
vi.mock("react", () => {
  throw new Error("the core must not import react");
});
vi.mock("react-dom", () => {
  throw new Error("the core must not import react-dom");
});

describe("the core in Node", () => {
  it("imports with no DOM and no React, and runs a conversation", async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
    expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
    const core = await import("../../src/index.js");
    const store = core.createChatStore({
      transport: async function* (request) {
        yield { type: "text", text: `echo: ${request.messages.at(-1)?.content}` };
        yield { type: "finish", reason: "stop" };
      },
    });
    const answer = await store.send("ping");
    expect(answer).toMatchObject({ content: "echo: ping", state: "done", finishReason: "stop" });
    expect(store.getSnapshot().status).toBe("ready");
    expect(core.ChatStore).toBeTypeOf("function");
    expect(core.decodeStream).toBeTypeOf("function");
  });
});
