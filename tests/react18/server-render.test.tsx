// @vitest-environment node
import { version } from "react";
import { renderToString, version as serverVersion } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Chat, Markdown } from "../../src/react/index.js";

// "react" and "react-dom/server" are React 18's here (vite.config.ts aliases them in this project).
describe("server rendering on React 18", () => {
  // React 18 reports server-rendering problems (useLayoutEffect on the server, bad props) with
  // console.error; tests/react18/react18-setup.ts fails any test that logged one.
  it("uses React 18 with no DOM", () => {
    expect(version).toMatch(/^18\./);
    expect(serverVersion).toMatch(/^18\./);
    expect(typeof document).toBe("undefined");
  });

  it("renders <Chat> to a string", () => {
    const html = renderToString(<Chat endpoint="/api/chat" title="Ask" suggestions={["How do I start?"]} />);
    expect(html).toContain("Ask");
    expect(html).toContain("How do I start?");
    expect(html).toContain("<textarea");
  });

  it("renders <Markdown> to a string, streaming or not", () => {
    const text = "# Hi\n\n- a\n- **b**\n\n```js\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const done = renderToString(<Markdown text={text} />);
    expect(done).toContain("<h1");
    expect(done).toContain("<strong>b</strong>");
    expect(done).toContain("<table");
    expect(done).toContain("let");
    expect(renderToString(<Markdown text={"Some **bold"} streaming />)).toContain("<strong>bold</strong>");
  });
});
