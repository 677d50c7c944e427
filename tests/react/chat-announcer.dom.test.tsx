// The polite status region of <Chat>: a finished answer is announced as plain text, and a long one
// only by its beginning and how much is left, never all 100 KB of it.
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { defaultChatLabels } from "../../src/react/chat-labels.js";
import { Chat, type ChatProps } from "../../src/react/chat.js";
import { ANNOUNCE_MAX, announceAnswer } from "../../src/react/use-announcer.js";
import { manualTransport } from "./manual-transport.js";

/** Sends "Question", streams `answer` in one delta, ends it (or stops it), and lets React commit. */
async function answerWith(answer: string, props: Partial<ChatProps> = {}, { stop = false } = {}) {
  const { transport, requests } = manualTransport();
  render(<Chat transport={transport} smooth={false} {...props} />);
  const textbox = screen.getByRole("textbox", { name: "Message" });
  fireEvent.change(textbox, { target: { value: "Question" } });
  fireEvent.keyDown(textbox, { key: "Enter" });
  requests[0]?.push({ type: "text", text: answer });
  await settle();
  expect(screen.getByRole("status").textContent).toBe(props.labels?.replyStarted ?? "Reply started");
  if (stop) fireEvent.keyDown(textbox, { key: "Escape" });
  else requests[0]?.end();
  await settle();
  return screen.getByRole("status").textContent ?? "";
}

async function settle() {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setTimeout(resolve, 20)); // past one notify frame
  });
}

/** `count` sentences "Sentence 1 says something.", "Sentence 2 …", joined by spaces. */
const sentences = (count: number) => Array.from({ length: count }, (_, i) => `Sentence ${i + 1} says something.`).join(" ");

describe("announceAnswer", () => {
  it("gives a short answer whole, without the markdown a screen reader would spell out", () => {
    const markdown = [
      "## Install it",
      "",
      "Run **`npm install rivulet`**, then read [the guide](https://example.com/guide?a=1).",
      "",
      "```sh",
      "npm start",
      "```",
      "",
      "> A __quoted__ tip.",
    ].join("\n");
    expect(announceAnswer(markdown, defaultChatLabels)).toBe(
      "Install it Run npm install rivulet, then read the guide. npm start A quoted tip.",
    );
    expect(announceAnswer("  Plain answer.  ", defaultChatLabels)).toBe("Plain answer.");
  });

  it("cuts a long answer after its last whole sentence within the limit, then says how much is left", () => {
    const text = sentences(200); // about 6 KB
    const spoken = announceAnswer(text, defaultChatLabels);
    const head = spoken.slice(0, spoken.indexOf(" …"));
    expect(head.length).toBeLessThanOrEqual(ANNOUNCE_MAX);
    expect(head.length).toBeGreaterThan(ANNOUNCE_MAX / 2);
    expect(head.endsWith("something.")).toBe(true);
    expect(text.startsWith(head)).toBe(true);
    const rest = text.slice(head.length).trim();
    expect(spoken).toBe(`${head} … (answer continues: ${rest.split(" ").length} more words)`);
  });

  it("cuts at a word when no sentence ends in reach, and hands the label words and characters", () => {
    const text = Array.from({ length: 1000 }, (_, i) => `w${i}`).join(" ");
    const counts: [number, number][] = [];
    const spoken = announceAnswer(text, { answerContinues: (words, characters) => (counts.push([words, characters]), "[more]") });
    const head = spoken.slice(0, -" [more]".length);
    expect(head.length).toBeLessThanOrEqual(ANNOUNCE_MAX);
    expect(head.length).toBeGreaterThan(ANNOUNCE_MAX - 6);
    expect(text.startsWith(`${head} `)).toBe(true); // whole words only
    const rest = text.slice(head.length + 1);
    expect(counts).toEqual([[rest.split(" ").length, rest.length]]);
  });

  it("hard-cuts text with no space at all (a language written without spaces)", () => {
    const text = "字".repeat(ANNOUNCE_MAX + 700);
    expect(announceAnswer(text, { answerContinues: (_, characters) => `(${characters} more)` })).toBe(`${"字".repeat(ANNOUNCE_MAX)} (700 more)`);
  });

  it("stays linear on a pathological run of brackets", () => {
    const started = performance.now();
    announceAnswer("[".repeat(100_000), defaultChatLabels);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("<Chat> status region", () => {
  it("announces a short finished answer whole, as plain text", async () => {
    expect(await answerWith("Hi! Here is **bold** and `code`.")).toBe("Hi! Here is bold and code.");
  });

  it("announces only the beginning of a 100 KB answer, while the transcript keeps all of it", async () => {
    const answer = sentences(3500);
    expect(answer.length).toBeGreaterThan(100_000);
    const spoken = await answerWith(answer);
    expect(spoken.length).toBeLessThan(ANNOUNCE_MAX + 60);
    expect(spoken).toMatch(/^Sentence 1 says something\. .*something\. … \(answer continues: \d+ more words\)$/);
    expect(within(screen.getByRole("log")).getByText(/Sentence 3500 says something\./)).toBeTruthy();
  });

  it("takes the label from `labels`, and still says a long answer was stopped", async () => {
    const spoken = await answerWith(
      sentences(100),
      { labels: { replyStarted: "Réponse commencée", stopped: "Arrêtée", answerContinues: (words) => `… (encore ${words} mots)` } },
      { stop: true },
    );
    expect(spoken).toMatch(/^Sentence 1 says something\. .* … \(encore \d+ mots\) — Arrêtée$/);
  });
});
