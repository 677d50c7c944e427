import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatError } from "../../src/core/chat-error.js";
import { Chat, type ChatProps } from "../../src/react/chat.js";
import { manualTransport, type ManualRequest } from "./manual-transport.js";

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

function setup(props: Partial<ChatProps> = {}) {
  const { transport, requests } = manualTransport();
  const view = render(<Chat transport={transport} smooth={false} {...props} />);
  const textbox = () => screen.getByRole("textbox", { name: props.labels?.composer ?? "Message" });
  const type = (text: string) => fireEvent.change(textbox(), { target: { value: text } });
  const press = (key: string, init: Record<string, unknown> = {}) => fireEvent.keyDown(textbox(), { key, ...init });
  const request = (i: number): ManualRequest => {
    const r = requests[i];
    if (!r) throw new Error(`no request ${i} yet`);
    return r;
  };
  return { ...view, requests, request, textbox, type, press };
}

/** Queries inside the transcript only (the status region repeats a finished answer). */
const inLog = () => within(screen.getByRole("log"));

/** Lets the store's async loop consume what the test pushed, and React commit it. */
async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 20)); // past one notify frame
  });
}

describe("<Chat>", () => {
  it("sends on Enter, clears the composer once accepted, and streams the answer into the log", async () => {
    const onSend = vi.fn<(text: string) => void>();
    const chat = setup({ onSend });
    chat.type("Hello there");
    chat.press("Enter");
    expect(onSend).toHaveBeenCalledExactlyOnceWith("Hello there");
    expect(chat.textbox()).toHaveProperty("value", "");
    const log = screen.getByRole("log", { name: "Conversation" });
    expect(log.getAttribute("aria-live")).toBe("off");
    expect(within(log).getByText("Hello there")).toBeTruthy();
    expect(within(log).getByText("Thinking…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Stop" })).toBeTruthy();

    chat.request(0).push({ type: "text", text: "Hi! " });
    await settle();
    expect(within(log).queryByText("Thinking…")).toBeNull();
    expect(log.querySelector("[aria-busy=true]")?.textContent).toContain("Hi!");
    expect(screen.getByRole("status").textContent).toBe("Reply started");

    chat.request(0).push({ type: "text", text: "How can I help?" });
    chat.request(0).end();
    await settle();
    expect(log.querySelector("[aria-busy=true]")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("Hi! How can I help?");
    expect(screen.getByRole("button", { name: "Send" })).toBeTruthy();
  });

  it("puts the text back in the composer when the request fails before the first token, with Retry in an alert", async () => {
    const onError = vi.fn<(error: ChatError) => void>();
    const chat = setup({ onError });
    chat.type("Will this fail?");
    chat.press("Enter");
    expect(chat.textbox()).toHaveProperty("value", "");
    chat.request(0).fail(new ChatError("http", "The model is overloaded.", { status: 503 }));
    await settle();
    expect(chat.textbox()).toHaveProperty("value", "Will this fail?");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("The model is overloaded.");
    expect(onError).toHaveBeenCalledTimes(1);

    fireEvent.click(within(alert).getByRole("button", { name: "Retry" }));
    expect(chat.textbox()).toHaveProperty("value", "");
    chat.request(1).push({ type: "text", text: "It worked." });
    chat.request(1).end();
    await settle();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(chat.request(1).messages).toEqual([{ role: "user", content: "Will this fail?" }]);
    expect(inLog().getAllByText("Will this fail?")).toHaveLength(1);
    expect(inLog().getByText("It worked.")).toBeTruthy();
  });

  it("keeps the partial text of an answer that failed mid-stream and shows the error under it", async () => {
    const chat = setup();
    chat.type("Tell me a story");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "Once upon a time" });
    chat.request(0).fail(new ChatError("network", "The connection dropped."));
    await settle();
    expect(inLog().getByText("Once upon a time")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toContain("The connection dropped.");
    // Failed after its first token: the question is in the transcript, not back in the composer.
    expect(chat.textbox()).toHaveProperty("value", "");
  });

  it("stops on Escape and on the Stop button, keeping the partial answer marked stopped", async () => {
    const chat = setup();
    chat.type("Count to a hundred");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "1 2 3" });
    await settle();
    chat.press("Escape");
    expect(chat.request(0).signal.aborted).toBe(true);
    expect(inLog().getByText("Stopped")).toBeTruthy();
    expect(inLog().getByText("1 2 3")).toBeTruthy();

    chat.type("Again");
    chat.press("Enter");
    const button = screen.getByRole("button", { name: "Stop" });
    fireEvent.click(button);
    expect(chat.request(1).signal.aborted).toBe(true);
    expect(screen.getByRole("button", { name: "Send" })).toBe(button);
  });

  it("uses labels for every visible string and accessible name", async () => {
    const chat = setup({
      title: "Aide",
      labels: {
        composer: "Votre message",
        placeholder: "Écrivez…",
        send: "Envoyer",
        stop: "Arrêter",
        newConversation: "Nouvelle conversation",
        transcript: "Conversation en cours",
        thinking: "Réflexion…",
        emptyTitle: "Comment puis-je aider ?",
      },
    });
    expect(screen.getByRole("heading", { name: "Aide" })).toBeTruthy();
    expect(inLog().getByText("Comment puis-je aider ?")).toBeTruthy();
    expect(chat.textbox().getAttribute("placeholder")).toBe("Écrivez…");
    expect(screen.getByRole("button", { name: "Envoyer" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Nouvelle conversation" })).toBeTruthy();
    chat.type("Bonjour");
    chat.press("Enter");
    expect(screen.getByRole("log", { name: "Conversation en cours" })).toBeTruthy();
    expect(inLog().getByText("Réflexion…")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Arrêter" })).toBeTruthy();
  });

  it("renders reasoning in a collapsed disclosure and tool calls as cards", async () => {
    const chat = setup();
    chat.type("Weather?");
    chat.press("Enter");
    chat.request(0).push({ type: "reasoning", text: "The user wants the weather." });
    chat.request(0).push({ type: "tool-call", id: "t1", name: "get_weather", argsText: '{"city":' });
    chat.request(0).push({ type: "tool-call", id: "t1", argsText: '"Oslo"}' });
    await settle();
    const details = document.querySelector("details.rv-reasoning") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain("The user wants the weather.");
    const card = screen.getByRole("group", { name: /get_weather/ });
    expect(card.textContent).toContain('"city": "Oslo"');
    chat.request(0).end();
    await settle();
  });

  it("offers regenerate on the last answer and edit-and-resend on the last question", async () => {
    const chat = setup();
    chat.type("First");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "Answer one" });
    chat.request(0).end();
    await settle();

    fireEvent.click(screen.getByRole("button", { name: "Regenerate" }));
    chat.request(1).push({ type: "text", text: "Answer two" });
    chat.request(1).end();
    await settle();
    expect(inLog().queryByText("Answer one")).toBeNull();
    expect(inLog().getByText("Answer two")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Edit" }));
    const editor = screen.getByRole("textbox", { name: "Edit" });
    fireEvent.change(editor, { target: { value: "First, edited" } });
    fireEvent.keyDown(editor, { key: "Enter" });
    expect(chat.request(2).messages).toEqual([{ role: "user", content: "First, edited" }]);
    chat.request(2).push({ type: "text", text: "Answer three" });
    chat.request(2).end();
    await settle();
    expect(inLog().queryByText("First")).toBeNull();
    expect(inLog().getByText("First, edited")).toBeTruthy();
    expect(inLog().getByText("Answer three")).toBeTruthy();
  });

  it("copies a question or an answer, says Copied on that one button only, then Copy again", async () => {
    const written: string[] = [];
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: async (text: string) => void written.push(text) } });
    try {
      const chat = setup();
      chat.type("What is **rivulet**?");
      chat.press("Enter");
      chat.request(0).push({ type: "text", text: "A *streaming* chat." });
      chat.request(0).end();
      await settle();
      const [question, answer] = inLog().getAllByRole("button", { name: "Copy" });
      fireEvent.click(answer!);
      await settle();
      // The source text, markdown and all, and only the clicked button changes.
      expect(written).toEqual(["A *streaming* chat."]);
      expect(inLog().getAllByRole("button", { name: "Copied" })).toEqual([answer]);
      fireEvent.click(question!);
      await settle();
      expect(written).toEqual(["A *streaming* chat.", "What is **rivulet**?"]);
      expect(inLog().getAllByRole("button", { name: "Copied" })).toEqual([question]);
      await act(() => new Promise((resolve) => setTimeout(resolve, 1_600)));
      expect(inLog().queryAllByRole("button", { name: "Copied" })).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("copies through a hidden textarea where the Clipboard API is refused, and keeps the focus", async () => {
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText: () => Promise.reject(new Error("insecure origin")) } });
    const selected: string[] = [];
    // At the command, the selected text is in a textarea placed right after the clicked button.
    const execCommand = vi.fn<(command: string) => boolean>((command) => {
      const area = document.querySelector(".rv-action + textarea[readonly]") as HTMLTextAreaElement | null;
      selected.push(`${command}:${area?.value}`);
      return true;
    });
    Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
    try {
      const chat = setup();
      chat.type("Hello");
      chat.press("Enter");
      chat.request(0).push({ type: "text", text: "Hi there" });
      chat.request(0).end();
      await settle();
      const answer = inLog().getAllByRole("button", { name: "Copy" })[1]!;
      answer.focus();
      fireEvent.click(answer);
      await settle();
      expect(selected).toEqual(["copy:Hi there"]);
      expect(inLog().getByRole("button", { name: "Copied" })).toBe(answer);
      expect(document.activeElement).toBe(answer);
      expect(document.querySelector("textarea[readonly]")).toBeNull();
    } finally {
      vi.unstubAllGlobals();
      Reflect.deleteProperty(document, "execCommand");
    }
  });

  it("shows timings under the answer with showStats and gives them to onFinish", async () => {
    const onFinish = vi.fn<NonNullable<ChatProps["onFinish"]>>();
    const chat = setup({ showStats: true, onFinish });
    chat.type("Go");
    chat.press("Enter");
    for (const text of ["a", "b", "c"]) chat.request(0).push({ type: "text", text });
    await settle();
    chat.request(0).end();
    await settle();
    const timings = onFinish.mock.calls[0]![1].timings;
    expect(timings.tokens).toBe(3);
    expect(timings.firstTokenMs).toBeGreaterThanOrEqual(0);
    expect(document.querySelector(".rv-stats")?.textContent).toMatch(/s to first token/);
  });

  it("persists the conversation and restores it, an answer cut mid-stream coming back as interrupted", async () => {
    const chat = setup({ persist: "test-chat" });
    chat.type("Remember me");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "Half an ans" });
    await settle();
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    chat.unmount();
    expect(JSON.parse(localStorage.getItem("test-chat")!).messages).toHaveLength(2);

    setup({ persist: "test-chat" });
    expect(inLog().getByText("Remember me")).toBeTruthy();
    expect(inLog().getByText("Half an ans")).toBeTruthy();
    expect(inLog().getByText("Interrupted")).toBeTruthy();
  });

  it("degrades to memory with no error when storage is full", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    const chat = setup({ persist: "full" });
    chat.type("Still works?");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "Yes." });
    chat.request(0).end();
    await settle();
    expect(inLog().getByText("Yes.")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("clears the conversation with the new-conversation button", async () => {
    const chat = setup({ persist: "clear-me" });
    chat.type("Hi");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "Hello" });
    chat.request(0).end();
    await settle();
    fireEvent.click(screen.getByRole("button", { name: "New conversation" }));
    expect(inLog().queryByText("Hello")).toBeNull();
    expect(JSON.parse(localStorage.getItem("clear-me") ?? '{"messages":[]}').messages).toEqual([]);
  });

  it("follows prefers-color-scheme live with theme auto", () => {
    const listeners = new Set<() => void>();
    let dark = false;
    vi.stubGlobal("matchMedia", (query: string) => ({
      get matches() {
        return query.includes("dark") ? dark : false;
      },
      addEventListener: (_: string, fn: () => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    }));
    setup({ theme: "auto" });
    const root = document.querySelector(".rv-chat")!;
    expect(root.getAttribute("data-theme")).toBe("light");
    dark = true;
    act(() => listeners.forEach((fn) => fn()));
    expect(root.getAttribute("data-theme")).toBe("dark");
    vi.unstubAllGlobals();
  });

  it("marks every message dir=auto", async () => {
    const chat = setup();
    chat.type("مرحبا");
    chat.press("Enter");
    chat.request(0).push({ type: "text", text: "أهلا" });
    chat.request(0).end();
    await settle();
    expect(inLog().getByText("مرحبا").closest("[dir=auto]")).toBeTruthy();
    expect(inLog().getByText("أهلا").closest("[dir=auto]")).toBeTruthy();
  });
});
