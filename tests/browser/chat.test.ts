// <Chat> in real Chromium against a loopback endpoint the test controls: progressive rendering, stop,
// Escape, IME, scrolling, retry, persistence, and a selection inside a Shadow DOM.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { numberedChunks, setupChatPages } from "./chat-server.js";

const chat = setupChatPages();

async function send(page: Page, text: string) {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
}

const lastAnswer = (page: Page) => page.locator(".rv-msg--assistant").last();

/** Waits until the last answer has at least `n` characters of text. */
async function waitForText(page: Page, n: number) {
  await page.waitForFunction(
    (min) => (document.querySelectorAll(".rv-msg--assistant .rv-answer").item(document.querySelectorAll(".rv-msg--assistant .rv-answer").length - 1)?.textContent?.length ?? 0) >= min,
    n,
    { timeout: 10_000 },
  );
}

describe("<Chat> in Chromium", () => {
  it("renders the reply progressively, over many frames", async () => {
    const { page, errors } = await chat.open();
    chat.api.reply = { chunks: numberedChunks(60), delayMs: 25 };
    // Sample the answer's length at every animation frame until it is done.
    const samples = page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const lengths: number[] = [];
          const frame = () => {
            const answer = document.querySelector(".rv-msg--assistant");
            lengths.push(answer?.querySelector(".rv-answer")?.textContent?.length ?? 0);
            if (answer && answer.getAttribute("data-state") === "done") resolve(lengths);
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        }),
    );
    await send(page, "Count for me");
    const lengths = await samples;
    const distinct = new Set(lengths.filter((n) => n > 0));
    expect(distinct.size).toBeGreaterThanOrEqual(20);
    expect(lengths.at(-1)).toBeGreaterThan(200);
    // No frame adds more than a fifth of the answer: it grows, it does not land at the end.
    const steps = lengths.map((n, i) => n - (lengths[i - 1] ?? 0));
    expect(Math.max(...steps)).toBeLessThan(lengths.at(-1)! / 5);
    await expect(lastAnswer(page).textContent()).resolves.toContain("w60");
    expect(errors).toEqual([]);
  });

  it("grows the composer with its text, line by line, up to its maximum, then scrolls it; shrinks when sent", async () => {
    const { page, errors } = await chat.open();
    const box = page.getByRole("textbox", { name: "Message" });
    const size = () => box.evaluate((el) => ({ height: el.getBoundingClientRect().height, scrolls: el.scrollHeight > el.clientHeight + 1 }));
    const one = await size();
    await box.fill("a\nb\nc");
    const three = await size();
    // 22 px per line (the composer's line height), and nothing hidden.
    expect(three.height - one.height).toBeCloseTo(44, 0);
    expect(three.scrolls).toBe(false);
    // A long line wraps, and the wrapped lines count too.
    await box.fill("word ".repeat(200));
    const wrapped = await size();
    expect(wrapped.height).toBeGreaterThan(three.height);
    await box.fill(Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n"));
    const tall = await size();
    expect(tall.height).toBe(200);
    expect(tall.scrolls).toBe(true);
    chat.api.reply = { chunks: ["Fine."], delayMs: 0 };
    await box.press("Enter");
    await expect.poll(async () => (await size()).height).toBe(one.height);
    expect(errors).toEqual([]);
  });

  it("stops within one frame of the click, and the server sees the connection close", async () => {
    const { page, errors } = await chat.open();
    chat.api.reply = { chunks: numberedChunks(400), delayMs: 20 };
    await send(page, "Go on forever");
    await waitForText(page, 20);
    const button = page.getByRole("button", { name: "Stop" });
    const handle = await button.elementHandle();
    const observed = page.evaluate(
      (el) =>
        new Promise<{ label: string | null; state: string | null; length: number; ms: number }>((resolve) => {
          el!.addEventListener(
            "click",
            () => {
              const clickedAt = performance.now();
              requestAnimationFrame(() => {
                const answer = document.querySelector(".rv-msg--assistant:last-of-type");
                resolve({
                  label: el!.getAttribute("aria-label"),
                  state: answer?.getAttribute("data-state") ?? null,
                  length: answer?.querySelector(".rv-answer")?.textContent?.length ?? 0,
                  ms: performance.now() - clickedAt,
                });
              });
            },
            { capture: true, once: true },
          );
        }),
      handle,
    );
    const serverSaw = chat.api.requests.at(-1)!.aborted;
    await button.click();
    const atNextFrame = await observed;
    expect(atNextFrame.label).toBe("Send");
    expect(atNextFrame.state).toBe("aborted");
    expect(await serverSaw).toBeLessThan(400);
    await page.waitForTimeout(300);
    const later = await lastAnswer(page).locator(".rv-answer").textContent();
    expect(later?.length).toBe(atNextFrame.length);
    await lastAnswer(page).getByText("Stopped").waitFor();
    // The same button, still focused, is Send again.
    expect(await page.evaluate((el) => document.activeElement === el, handle)).toBe(true);
    expect(errors).toEqual([]);
  });

  it("stops on Escape", async () => {
    const { page } = await chat.open();
    chat.api.reply = { chunks: numberedChunks(400), delayMs: 20 };
    await send(page, "Talk");
    await waitForText(page, 10);
    const serverSaw = chat.api.requests.at(-1)!.aborted;
    await page.keyboard.press("Escape");
    await serverSaw;
    await expect(lastAnswer(page).getAttribute("data-state")).resolves.toBe("aborted");
    await expect(page.getByRole("button", { name: "Send" }).count()).resolves.toBe(1);
  });

  it("does not send on Enter while an IME composes, and sends once it committed", async () => {
    const { page } = await chat.open();
    const box = page.getByRole("textbox", { name: "Message" });
    await box.click();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "にほんご", selectionStart: 4, selectionEnd: 4 });
    await page.keyboard.press("Enter");
    await page.waitForTimeout(200);
    expect(chat.api.requests).toHaveLength(0);
    await expect(page.locator(".rv-msg--user").count()).resolves.toBe(0);
    await cdp.send("Input.insertText", { text: "にほんご" });
    await page.keyboard.press("Enter");
    await expect(page.locator(".rv-msg--user").first().textContent()).resolves.toContain("にほんご");
    await page.waitForFunction(() => document.querySelector(".rv-msg--assistant")?.getAttribute("data-state") === "done");
    expect(chat.api.requests).toHaveLength(1);
  });

  it("follows the stream, releases when the reader scrolls up, and re-pins with the button", async () => {
    const { page } = await chat.open();
    chat.api.reply = { chunks: Array.from({ length: 160 }, (_, i) => `Line ${i + 1} of a long answer.\n\n`), delayMs: 25 };
    await send(page, "Write a lot");
    const scroller = page.getByRole("log");
    const metrics = () =>
      scroller.evaluate((el) => ({ top: el.scrollTop, height: el.scrollHeight, distance: el.scrollHeight - el.scrollTop - el.clientHeight }));
    await page.waitForFunction(() => {
      const el = document.querySelector(".rv-scroller")!;
      return el.scrollHeight > el.clientHeight * 2;
    });
    expect((await metrics()).distance).toBeLessThan(40);

    await scroller.hover();
    await page.mouse.wheel(0, -400);
    await expect(page.getByRole("button", { name: "Jump to latest" }).waitFor({ timeout: 2000 })).resolves.toBeUndefined();
    const released = await metrics();
    await page.waitForTimeout(400);
    const stillReleased = await metrics();
    expect(stillReleased.height).toBeGreaterThan(released.height);
    expect(Math.abs(stillReleased.top - released.top)).toBeLessThan(2);

    await page.getByRole("button", { name: "Jump to latest" }).click();
    await page.waitForTimeout(300);
    expect((await metrics()).distance).toBeLessThan(40);
    await expect(page.getByRole("button", { name: "Jump to latest" }).count()).resolves.toBe(0);

    // Keyboard scrolling releases too.
    await scroller.focus();
    await page.keyboard.press("PageUp");
    await page.getByRole("button", { name: "Jump to latest" }).waitFor({ timeout: 2000 });
    await page.keyboard.press("Escape");
  });

  it("retries after a 500 and keeps the conversation", async () => {
    const { page, errors } = await chat.open();
    chat.api.failNext = 1;
    await send(page, "Hello?");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    await expect(page.getByRole("textbox", { name: "Message" }).inputValue()).resolves.toBe("Hello?");
    await alert.getByRole("button", { name: "Retry" }).click();
    await page.waitForFunction(() => document.querySelector(".rv-msg--assistant")?.getAttribute("data-state") === "done");
    expect(chat.api.requests).toHaveLength(2);
    expect(chat.api.requests[1]!.messages).toEqual([{ role: "user", content: "Hello?" }]);
    await expect(page.locator(".rv-msg--user").count()).resolves.toBe(1);
    await expect(page.getByRole("alert").count()).resolves.toBe(0);
    await expect(page.getByRole("textbox", { name: "Message" }).inputValue()).resolves.toBe("");
    // The widget is usable afterwards.
    await send(page, "And again");
    await page.waitForFunction(() => document.querySelectorAll(".rv-msg--assistant[data-state=done]").length === 2);
    const third = chat.api.requests[2]!.messages;
    expect(third.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(third[1]!.content.trim()).toBe(numberedChunks(20).join("").trim());
    expect(third[2]!.content).toBe("And again");
    // The 500 is reported by the browser itself as a failed resource; nothing else went wrong.
    expect(errors.filter((e) => !e.includes("500"))).toEqual([]);
  });

  it("keeps the conversation across a reload, an answer cut by the reload marked interrupted", async () => {
    const key = `chat-${Date.now()}`;
    const { page } = await chat.open({ persist: key });
    await send(page, "Remember this");
    await page.waitForFunction(() => document.querySelector(".rv-msg--assistant")?.getAttribute("data-state") === "done");
    await page.reload();
    await page.locator(".rv-msg--user").first().waitFor();
    await expect(page.locator(".rv-msg--user").first().textContent()).resolves.toContain("Remember this");
    await expect(lastAnswer(page).textContent()).resolves.toContain("w20");

    chat.api.reply = { chunks: numberedChunks(400), delayMs: 20 };
    await send(page, "Now a long one");
    await waitForText(page, 40);
    await page.waitForTimeout(400); // past the streaming save interval
    const before = (await lastAnswer(page).locator(".rv-answer").textContent()) ?? "";
    await page.reload();
    await page.getByText("Interrupted").waitFor();
    const restored = (await lastAnswer(page).locator(".rv-answer").textContent()) ?? "";
    expect(restored.length).toBeGreaterThan(20);
    expect(before.startsWith(restored.trim().slice(0, 20))).toBe(true);
    await expect(page.locator(".rv-msg--user").count()).resolves.toBe(2);
  });

  it("never scrolls a selection inside a streaming answer away, inside a Shadow DOM too", async () => {
    const { page } = await chat.open({ shadow: "1" });
    chat.api.reply = { chunks: Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1} streams in.\n\n`), delayMs: 20 };
    await send(page, "Stream paragraphs");
    await page.waitForFunction(() => {
      const el = document.querySelector("#root")!.shadowRoot!.querySelector(".rv-scroller")!;
      return el.scrollHeight > el.clientHeight * 1.5;
    });
    // Select text in the first paragraph of the answer, as a reader dragging the mouse would.
    const selected = await page.evaluate(() => {
      const root = document.querySelector("#root")!.shadowRoot!;
      const walker = document.createTreeWalker(root.querySelector(".rv-msg--assistant .rv-answer")!, NodeFilter.SHOW_TEXT);
      const node = walker.nextNode()!;
      document.getSelection()!.setBaseAndExtent(node, 0, node, 9);
      return document.getSelection()!.getComposedRanges({ shadowRoots: [root] })[0]!.endOffset;
    });
    expect(selected).toBe(9);
    const top = await page.evaluate(() => document.querySelector("#root")!.shadowRoot!.querySelector(".rv-scroller")!.scrollTop);
    await page.waitForTimeout(500);
    const after = await page.evaluate(() => {
      const root = document.querySelector("#root")!.shadowRoot!;
      const el = root.querySelector(".rv-scroller")!;
      const [range] = document.getSelection()!.getComposedRanges({ shadowRoots: [root] });
      return { top: el.scrollTop, height: el.scrollHeight, text: range ? range.startContainer.textContent!.slice(range.startOffset, range.endOffset) : "" };
    });
    expect(after.top).toBe(top);
    expect(after.text).toBe("Paragraph");
    // Once the selection is gone, following resumes.
    await page.evaluate(() => document.getSelection()!.removeAllRanges());
    await page.waitForTimeout(300);
    const distance = await page.evaluate(() => {
      const el = document.querySelector("#root")!.shadowRoot!.querySelector(".rv-scroller")!;
      return el.scrollHeight - el.scrollTop - el.clientHeight;
    });
    expect(distance).toBeLessThan(40);
    await page.keyboard.press("Escape");
  });
});
