// axe-core on <Chat> in real Chromium, light and dark, idle and mid-stream; and the keyboard path.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { setupChatPages } from "./chat-server.js";

const chat = setupChatPages();

const ANSWER = [
  "Here is **bold** text, a [link](https://example.com) and `inline code`.\n\n",
  "- a list item\n- another one\n\n",
  "```js\nconst answer = 42;\n```\n\n",
  "> a quote to finish.\n",
];

async function openChat(theme: "light" | "dark"): Promise<Page> {
  return (await chat.open({ theme, stats: "1", suggestions: "1" })).page;
}

async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).include(".rv-chat").analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("<Chat> accessibility in Chromium", () => {
  for (const theme of ["light", "dark"] as const) {
    it(`has no axe violation in the ${theme} theme, idle and mid-stream`, async () => {
      const page = await openChat(theme);
      expect(await violations(page)).toEqual([]); // empty, with suggestions

      chat.api.reply = { chunks: ANSWER, delayMs: 10 };
      await page.getByRole("button", { name: "Explain streaming" }).click();
      await page.waitForFunction(() => document.querySelector(".rv-msg--assistant")?.getAttribute("data-state") === "done");
      chat.api.failNext = 1;
      await page.getByRole("textbox", { name: "Message" }).fill("And this?");
      await page.keyboard.press("Enter");
      await page.getByRole("alert").waitFor();
      expect(await violations(page)).toEqual([]); // idle, with an answer, stats and an error

      chat.api.reply = { chunks: Array.from({ length: 300 }, (_, i) => `word${i} `), delayMs: 20 };
      await page.getByRole("alert").getByRole("button", { name: "Retry" }).click();
      await page.waitForFunction(() => (document.querySelector(".rv-msg--assistant[aria-busy=true] .rv-answer")?.textContent?.length ?? 0) > 30);
      expect(await violations(page)).toEqual([]); // mid-stream
      await page.keyboard.press("Escape");
    });
  }

  it("works by keyboard alone, with a visible focus ring on every control reached", async () => {
    const page = await openChat("light");
    chat.api.reply = { chunks: ["Short ", "answer."], delayMs: 10 };
    await page.keyboard.press("Tab"); // into the widget: new conversation (no conversation yet)
    const reached: { tag: string; name: string; outline: string; shadow: string }[] = [];
    for (let i = 0; i < 8; i++) {
      await page.waitForTimeout(200); // past the focus transitions
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          const ring = el.closest(".rv-composer") ? getComputedStyle(el.closest(".rv-composer")!) : style;
          return { tag: el.tagName, name: el.getAttribute("aria-label") || el.textContent || "", outline: style.outlineStyle, shadow: ring.boxShadow };
        }),
      );
      await page.keyboard.press("Tab");
    }
    const controls = reached.filter((c) => c.tag !== "BODY");
    expect(controls.map((c) => c.name)).toEqual(["New conversation", "Conversation", "Explain streaming", "Write a haiku", "Show some code", "Message", "Send"]);
    for (const control of controls) {
      expect(control.outline !== "none" || control.shadow.includes("0px 0px 0px 3px"), `${control.name} shows no focus ring`).toBe(true);
    }
    // Type and send with the keyboard only.
    await page.getByRole("textbox", { name: "Message" }).focus();
    await page.keyboard.type("Hello by keyboard");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector(".rv-msg--assistant")?.getAttribute("data-state") === "done");
    await expect(page.locator(".rv-msg--assistant").textContent()).resolves.toContain("Short answer.");
    // The status region read the finished answer once.
    await expect(page.getByRole("status").textContent()).resolves.toBe("Short answer.");
  });
});
