import { describe, expect, it } from "vitest";
import { ChatError, isChatError } from "../../src/core/chat-error.js";

describe("ChatError", () => {
  it("carries type, status and a retryable verdict that follows the status", () => {
    const cases: Array<[ChatError, boolean]> = [
      [new ChatError("http", "Server error", { status: 500 }), true],
      [new ChatError("http", "Too many requests", { status: 429 }), true],
      [new ChatError("http", "Bad request", { status: 400 }), false],
      [new ChatError("http", "Unauthorized", { status: 401 }), false],
      [new ChatError("network", "Connection dropped"), true],
      [new ChatError("timeout", "No data for 60 s"), true],
      [new ChatError("protocol", "Malformed JSON"), false],
      [new ChatError("provider", "Overloaded", { retryable: true }), true],
      [new ChatError("provider", "Content blocked"), false],
    ];
    for (const [error, retryable] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe("ChatError");
      expect({ message: error.message, retryable: error.retryable }).toEqual({ message: error.message, retryable });
    }
    expect(new ChatError("http", "x", { status: 503 }).status).toBe(503);
  });

  it("keeps its cause and Retry-After", () => {
    const cause = new TypeError("fetch failed");
    const error = new ChatError("http", "Slow down", { status: 429, retryAfterMs: 2000, cause });
    expect(error.cause).toBe(cause);
    expect(error.retryAfterMs).toBe(2000);
  });

  it("is recognised across copies of the library by name and shape", () => {
    const foreign = Object.assign(new Error("x"), { name: "ChatError", retryable: false });
    expect(isChatError(foreign)).toBe(true);
    expect(isChatError(new Error("x"))).toBe(false);
    expect(isChatError("ChatError")).toBe(false);
  });
});
