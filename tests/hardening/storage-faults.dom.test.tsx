// Storage faults through the widget in jsdom, with jsdom's real localStorage (5,000,000 code units
// of quota, a real QuotaExceededError): a corrupt or unreadable saved conversation, and a storage
// that fills up mid-conversation, leave <Chat persist> drawn and chatting, with a console warning.
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatDelta, ChatTransport } from "../../src/core/types.js";
import { Chat } from "../../src/react/chat.js";

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

/** Answers every request with `text`, at once. */
function echo(text: string): ChatTransport {
  return async function* (): AsyncGenerator<ChatDelta> {
    yield { type: "text", text };
    yield { type: "finish" };
  };
}

async function send(text: string): Promise<void> {
  fireEvent.change(screen.getByRole("textbox", { name: "Message" }), { target: { value: text } });
  fireEvent.keyDown(screen.getByRole("textbox", { name: "Message" }), { key: "Enter" });
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 30));
  });
}

describe("storage faults in <Chat persist> (jsdom localStorage)", () => {
  it("a saved conversation with a message the store would refuse mounts with the good messages and a warning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    localStorage.setItem(
      "hardening",
      JSON.stringify({
        v: 1,
        messages: [
          { id: "u1", role: "user", content: "Kept question", state: "done" },
          { id: "x", role: "assistant", content: "bad state", state: "exploded" },
          { id: "a1", role: "assistant", content: "Kept answer", state: "done" },
        ],
      }),
    );
    render(<Chat persist="hardening" transport={echo("fine")} smooth={false} />);
    const log = within(screen.getByRole("log"));
    expect(log.getByText("Kept question")).toBeTruthy();
    expect(log.getByText("Kept answer")).toBeTruthy();
    expect(log.queryByText("bad state")).toBeNull();
    expect(warn).toHaveBeenCalled();
    await send("Still works?");
    expect(log.getByText("fine")).toBeTruthy();
  });

  it("corrupt JSON mounts an empty conversation with a warning, and the next save repairs the key", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    localStorage.setItem("hardening", '{"v":1,"messages":[{"id":"u1","ro');
    render(<Chat persist="hardening" transport={echo("repaired")} smooth={false} />);
    expect(warn).toHaveBeenCalled();
    await send("Hello");
    expect(within(screen.getByRole("log")).getByText("repaired")).toBeTruthy();
    const saved = JSON.parse(localStorage.getItem("hardening") ?? "null") as { messages: { content: string }[] };
    expect(saved.messages.map((m) => m.content)).toEqual(["Hello", "repaired"]);
  });

  it("a localStorage filled to its quota by the host page: the answer still streams, kept in memory, with a warning", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    // The host page has used nearly all of the origin's quota.
    localStorage.setItem("host-data", "x".repeat(4_999_000));
    render(<Chat persist="hardening" transport={echo("a".repeat(5_000))} smooth={false} />);
    await send("Fill it up");
    expect(within(screen.getByRole("log")).getByText("a".repeat(5_000))).toBeTruthy();
    // What did fit (the empty conversation saved on mount) stays; the answer did not fit.
    expect(localStorage.getItem("hardening") ?? "").not.toContain("aaaa");
    expect(warn.mock.calls.some(([message]) => /QuotaExceeded/.test(String(message)))).toBe(true);
    await send("And again");
    expect(within(screen.getByRole("log")).getByText("And again")).toBeTruthy();
  });
});
