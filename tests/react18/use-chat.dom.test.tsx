import { act, render, screen, waitFor } from "@testing-library/react";
import { version } from "react";
import { describe, expect, it } from "vitest";
import { useChat, type UseChatResult } from "../../src/react/index.js";
import { controlledFetch } from "./sse-stream.js";

describe("useChat on React 18", () => {
  it("returns bound methods that work when called detached, and re-renders as the answer streams", async () => {
    expect(version).toMatch(/^18\./);
    const server = controlledFetch();
    let result!: UseChatResult;
    function Probe() {
      result = useChat({ fetch: server.fetch });
      const { messages, status } = result;
      return (
        <div data-status={status} data-testid="probe">
          {messages.map((m) => (
            <p key={m.id} data-role={m.role} data-state={m.state}>
              {m.content}
            </p>
          ))}
        </div>
      );
    }
    render(<Probe />);
    const probe = screen.getByTestId("probe");
    expect(probe.getAttribute("data-status")).toBe("ready");
    const first = result;

    const { send, stop, setMessages } = result;
    let finished!: ReturnType<typeof send>;
    act(() => {
      finished = send("Hi");
    });
    expect(probe.getAttribute("data-status")).toBe("submitted");
    const answer = await server.answer(0);
    await act(async () => answer.push("Hel"));
    await waitFor(() => expect(probe.querySelector("[data-role=assistant]")?.textContent).toBe("Hel"));
    expect(probe.getAttribute("data-status")).toBe("streaming");
    await act(async () => {
      answer.push("lo");
      answer.finish();
      await finished;
    });
    expect((await finished).content).toBe("Hello");
    expect(probe.getAttribute("data-status")).toBe("ready");
    expect(probe.querySelector("[data-role=assistant]")?.getAttribute("data-state")).toBe("done");
    // Methods are the same functions across renders.
    expect(result.send).toBe(first.send);
    expect(result.stop).toBe(first.stop);

    let second!: ReturnType<typeof send>;
    act(() => {
      second = send("Again");
    });
    const next = await server.answer(1);
    expect(server.bodies[1]?.messages.map((m) => m.content)).toEqual(["Hi", "Hello", "Again"]);
    await act(async () => next.push("Part"));
    await waitFor(() => expect(probe.getAttribute("data-status")).toBe("streaming"));
    await act(async () => {
      stop();
      await second;
    });
    expect(next.aborted).toBe(true);
    expect((await second).state).toBe("aborted");
    expect([...probe.querySelectorAll("[data-role=assistant]")].map((p) => p.getAttribute("data-state"))).toEqual(["done", "aborted"]);

    act(() => setMessages([]));
    expect(probe.querySelectorAll("p")).toHaveLength(0);
  });
});
