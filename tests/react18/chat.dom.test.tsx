import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { version } from "react";
import { describe, expect, it } from "vitest";
import { Chat } from "../../src/react/index.js";
import { controlledFetch } from "./sse-stream.js";

/** The assistant message element in the transcript (the status region repeats a finished answer). */
const answerElement = () => {
  const found = screen.getByRole("log").querySelector<HTMLElement>(".rv-msg--assistant");
  if (!found) throw new Error("no assistant message yet");
  return found;
};

describe("<Chat> on React 18", () => {
  it("runs on React 18", () => {
    expect(version).toMatch(/^18\./);
  });

  it("sends from the composer and streams the answer in, token by token, until it finishes", async () => {
    const user = userEvent.setup();
    const server = controlledFetch();
    render(<Chat fetch={server.fetch} smooth={false} />);
    await user.type(screen.getByRole("textbox", { name: "Message" }), "Hello there{Enter}");
    expect(within(screen.getByRole("log")).getByText("Hello there")).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Message" })).toHaveProperty("value", "");

    const answer = await server.answer(0);
    expect(server.bodies[0]?.messages).toEqual([{ role: "user", content: "Hello there" }]);
    await act(async () => answer.push("Hi"));
    await waitFor(() => expect(answerElement().textContent).toContain("Hi"));
    expect(answerElement().getAttribute("data-state")).toBe("streaming");
    expect(answerElement().getAttribute("aria-busy")).toBe("true");
    expect(answerElement().textContent).not.toContain("Hi! How");

    await act(async () => answer.push("! How can **I** help?"));
    await waitFor(() => expect(answerElement().querySelector("strong")?.textContent).toBe("I"));
    expect(answerElement().getAttribute("data-state")).toBe("streaming");
    expect(screen.getByRole("button", { name: "Stop" })).toBeTruthy();

    await act(async () => answer.finish());
    await waitFor(() => expect(answerElement().getAttribute("data-state")).toBe("done"));
    expect(answerElement().getAttribute("aria-busy")).toBeNull();
    expect(answerElement().textContent).toContain("Hi! How can I help?");
    expect(screen.getByRole("button", { name: "Send" })).toBeTruthy();
    expect(answer.aborted).toBe(false);
  });

  it("stops mid-stream: the partial answer stays, marked stopped, and nothing after it is shown", async () => {
    const user = userEvent.setup();
    const server = controlledFetch();
    render(<Chat fetch={server.fetch} smooth={false} />);
    await user.type(screen.getByRole("textbox", { name: "Message" }), "Count{Enter}");
    const answer = await server.answer(0);
    await act(async () => answer.push("One, two, "));
    await waitFor(() => expect(answerElement().textContent).toContain("One, two,"));

    await user.click(screen.getByRole("button", { name: "Stop" }));
    await waitFor(() => expect(answerElement().getAttribute("data-state")).toBe("aborted"));
    expect(answer.aborted).toBe(true);
    expect(within(answerElement()).getByText("Stopped")).toBeTruthy();
    await act(async () => answer.push("three"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answerElement().textContent).toContain("One, two,");
    expect(answerElement().textContent).not.toContain("three");
    expect(screen.getByRole("button", { name: "Send" })).toBeTruthy();
  });
});
