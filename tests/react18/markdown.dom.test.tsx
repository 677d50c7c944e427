import { render } from "@testing-library/react";
import { version } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { Markdown } from "../../src/react/index.js";
import { highlighterReady, randomPrefixes } from "../markdown/helpers.js";

beforeAll(highlighterReady);

const DOCUMENT = [
  "# Plan",
  "",
  "Steps, **in order**:",
  "",
  "1. Install the package",
  "2. Wrap the app",
  "   - with `<Chat>`",
  "   - or `useChat`",
  "",
  "```ts",
  "const answer = await send(\"hi\");",
  "console.log(answer.content);",
  "```",
  "",
  "| option | default |",
  "| --- | :-: |",
  "| smooth | true |",
  "| persist | *none* |",
  "",
  "Done.",
].join("\n");

describe("<Markdown> on React 18", () => {
  it("runs on React 18", () => {
    expect(version).toMatch(/^18\./);
  });

  it("streams a document with a list, a code block and a table, and ends equal to the one-shot render", () => {
    for (const seed of [1, 2, 3]) {
      const view = render(<Markdown text="" streaming />);
      for (const prefix of randomPrefixes(DOCUMENT, seed, 12)) view.rerender(<Markdown text={prefix} streaming />);
      const midway = view.container.innerHTML;
      view.rerender(<Markdown text={DOCUMENT} />);
      const streamed = view.container.innerHTML;
      view.unmount();

      const oneShot = render(<Markdown text={DOCUMENT} />);
      expect(streamed).toBe(oneShot.container.innerHTML);
      expect(midway).not.toBe("");
      const root = oneShot.container;
      expect(root.querySelector("h1")?.textContent).toBe("Plan");
      expect([...root.querySelectorAll("ol > li")].length).toBe(2);
      expect([...root.querySelectorAll("ol ul > li code")].map((c) => c.textContent)).toEqual(["<Chat>", "useChat"]);
      expect(root.querySelector("pre code.language-ts")?.textContent).toContain('const answer = await send("hi");');
      expect(root.querySelector(".hljs-keyword")?.textContent).toBe("const");
      expect([...root.querySelectorAll("table th")].map((th) => th.textContent)).toEqual(["option", "default"]);
      expect(root.querySelector("table tbody tr:last-child em")?.textContent).toBe("none");
      oneShot.unmount();
    }
  });

  it("shows an open fence as a code block while it streams", () => {
    const { container } = render(<Markdown text={"Look:\n\n```ts\nconst x = 1"} streaming />);
    expect(container.querySelector("pre code.language-ts")?.textContent).toContain("const x = 1");
    expect(container.querySelector(".rv-code")?.getAttribute("data-open")).toBe("true");
  });
});
