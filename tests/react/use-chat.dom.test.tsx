import { act, renderHook } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { useChat, type UseChatOptions } from "../../src/react/use-chat.js";
import { manualTransport } from "./manual-transport.js";

describe("useChat", () => {
  it("streams an answer into messages and status, with stable functions", async () => {
    const { transport, requests } = manualTransport();
    const { result } = renderHook(() => useChat({ transport }));
    const { send } = result.current;
    expect(result.current.status).toBe("ready");
    let done!: Promise<unknown>;
    act(() => {
      done = send("Hello");
    });
    expect(result.current.status).toBe("submitted");
    expect(result.current.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    await act(async () => {
      requests[0]!.push({ type: "text", text: "Hi " });
      requests[0]!.push({ type: "text", text: "there" });
      requests[0]!.end();
      await done;
    });
    expect(result.current.status).toBe("ready");
    expect(result.current.messages.at(-1)).toMatchObject({ role: "assistant", content: "Hi there", state: "done" });
    expect(result.current.send).toBe(send);
  });

  it("reads the options of the latest render at send time, never the first render's", async () => {
    const { transport, requests } = manualTransport();
    const firstFinish = vi.fn<NonNullable<UseChatOptions["onFinish"]>>();
    const laterFinish = vi.fn<NonNullable<UseChatOptions["onFinish"]>>();
    const { result, rerender } = renderHook((props: { endpoint: string; onFinish: typeof firstFinish }) => useChat({ transport, ...props }), {
      initialProps: { endpoint: "/first", onFinish: firstFinish },
    });
    rerender({ endpoint: "/second", onFinish: laterFinish });
    let done!: Promise<unknown>;
    act(() => {
      done = result.current.send("Which endpoint?");
    });
    await act(async () => {
      requests[0]!.push({ type: "text", text: "one" });
      requests[0]!.push({ type: "text", text: " two" });
      requests[0]!.end();
      await done;
    });
    expect(requests[0]!.endpoint).toBe("/second");
    expect(firstFinish).not.toHaveBeenCalled();
    expect(laterFinish).toHaveBeenCalledTimes(1);
    const timings = laterFinish.mock.calls[0]![1].timings;
    expect(timings.tokens).toBe(2);
    expect(typeof timings.firstTokenMs).toBe("number");
    expect(timings.tokensPerSecond === undefined || timings.tokensPerSecond > 0).toBe(true);
  });

  it("keeps one store per hook instance and stops the answer in flight on unmount", () => {
    const { transport, requests } = manualTransport();
    const a = renderHook(() => useChat({ transport }));
    const b = renderHook(() => useChat({ transport }));
    expect(a.result.current.store).not.toBe(b.result.current.store);
    const store = a.result.current.store;
    a.rerender();
    expect(a.result.current.store).toBe(store);
    act(() => {
      void a.result.current.send("Hi");
    });
    expect(requests[0]!.signal.aborted).toBe(false);
    a.unmount();
    expect(requests[0]!.signal.aborted).toBe(true);
  });

  it("starts from initialMessages and replaces them with setMessages", () => {
    const { result } = renderHook(() =>
      useChat({ initialMessages: [{ id: "1", role: "user", content: "Earlier", state: "done" }] }),
    );
    expect(result.current.messages.map((m) => m.content)).toEqual(["Earlier"]);
    act(() => result.current.setMessages([]));
    expect(result.current.messages).toEqual([]);
  });
});
