import { render } from "@testing-library/react";
import { beforeAll, describe, expect, it } from "vitest";
import { Markdown } from "../../src/react/markdown.js";
import type { MarkdownComponents } from "../../src/react/markdown-context.js";
import { highlighterReady } from "../markdown/helpers.js";

beforeAll(highlighterReady);

function html(text: string, streaming = true, props: Record<string, unknown> = {}): HTMLElement {
  return render(<Markdown text={text} streaming={streaming} {...props} />).container.firstElementChild as HTMLElement;
}

describe("tail repair while streaming", () => {
  it("shows unterminated emphasis, strikethrough and code as what they are becoming", () => {
    expect(html("Some **bold").querySelector("strong")?.textContent).toBe("bold");
    expect(html("Some *em").querySelector("em")?.textContent).toBe("em");
    expect(html("Some _em").querySelector("em")?.textContent).toBe("em");
    expect(html("Some ~~gone").querySelector("del")?.textContent).toBe("gone");
    expect(html("Some `code").querySelector("code")?.textContent).toBe("code");
  });

  it("shows a half link as its text, with no placeholder href", () => {
    for (const text of ["See [the docs](https://exa", "See [the docs", "See [the docs]("]) {
      const root = html(text);
      expect(root.querySelector("a")).toBeNull();
      expect(root.textContent).toBe("See the docs");
      expect(root.innerHTML).not.toContain("streamdown");
    }
    expect(html("See [the docs](https://example.com)").querySelector("a")?.getAttribute("href")).toBe("https://example.com");
  });

  it("shows nothing of a half image until it is complete", () => {
    for (const text of ["Look: ![cha", "Look: ![chart](https://exa"]) {
      const root = html(text);
      expect(root.querySelector("img")).toBeNull();
      expect(root.textContent).toBe("Look: ");
    }
    expect(html("Look: ![chart](https://example.com/c.png)").querySelector("img")?.getAttribute("alt")).toBe("chart");
  });

  it("renders an open fence as a highlighted code block at once", () => {
    const root = html("```python\ndef f(x):\n    return x");
    expect(root.querySelector("pre code.language-python")).not.toBeNull();
    expect(root.querySelector(".hljs-keyword")?.textContent).toBe("def");
    expect(root.querySelector(".rv-code-lang")?.textContent).toBe("python");
    expect(root.querySelector(".rv-code")?.getAttribute("data-open")).toBe("true");
  });

  it("makes a table as soon as its delimiter row starts, and keeps it as the last row fills in", () => {
    expect(html("| a | b |").querySelector("table")).toBeNull();
    for (const text of ["| a | b |\n|-", "| a | b |\n|---|--", "| a | b |\n|---|---|\n| 1", "| a | b |\n|---|---|\n| 1 | 2"]) {
      const root = html(text);
      expect(root.querySelectorAll("thead th")).toHaveLength(2);
    }
  });
});

describe("rendering", () => {
  it("renders GFM: nested and ordered lists with a start, task lists, tables with alignment", () => {
    const root = html("3. three\n4. four\n   - [x] done\n   - [ ] todo\n\n| l | c | r |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n", false);
    expect(root.querySelector("ol")?.getAttribute("start")).toBe("3");
    const boxes = Array.from(root.querySelectorAll<HTMLInputElement>("input[type=checkbox]"));
    expect(boxes.map((box) => [box.checked, box.disabled])).toEqual([
      [true, true],
      [false, true],
    ]);
    expect(Array.from(root.querySelectorAll("th")).map((th) => th.getAttribute("align"))).toEqual(["left", "center", "right"]);
  });

  it("opens links in a new tab without an opener", () => {
    const link = html("[x](https://example.com) and https://example.org", false).querySelectorAll("a");
    expect(link).toHaveLength(2);
    for (const a of Array.from(link)) {
      expect(a.getAttribute("target")).toBe("_blank");
      expect(a.getAttribute("rel")).toBe("noopener noreferrer");
    }
  });

  it("shows raw HTML as text", () => {
    const root = html('<script>alert(1)</script>\n\nInline <img src=x onerror="alert(1)"> text', false);
    expect(root.querySelector("script, img")).toBeNull();
    expect(root.textContent).toContain("<script>alert(1)</script>");
    expect(root.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it("applies the image policy", () => {
    const text = "![a](https://cdn.example.com/a.png) ![b](https://evil.example/b.png)";
    expect(html(text, false, { images: "all" }).querySelectorAll("img")).toHaveLength(2);
    const none = html(text, false, { images: "none" });
    expect(none.querySelectorAll("img")).toHaveLength(0);
    expect(none.textContent).toBe("a b");
    const some = html(text, false, { images: { allowedOrigins: ["https://cdn.example.com"] } });
    expect(Array.from(some.querySelectorAll("img")).map((img) => img.getAttribute("alt"))).toEqual(["a"]);
  });

  it("uses component overrides per element and for code blocks", () => {
    const components: MarkdownComponents = {
      a: (props) => <a {...props} data-custom="link" />,
      codeBlock: ({ code, language }) => <pre data-custom="code" data-language={language}>{code}</pre>,
    };
    const root = html("[x](https://example.com)\n\n```rust\nfn main() {}\n```\n", false, { components });
    expect(root.querySelector("a[data-custom=link]")?.getAttribute("href")).toBe("https://example.com");
    expect(root.querySelector("pre[data-custom=code]")?.textContent).toBe("fn main() {}");
    expect(root.querySelector("pre[data-custom=code]")?.getAttribute("data-language")).toBe("rust");
  });

  it("labels code with its language and highlights the common ones with classes only", () => {
    for (const language of ["js", "ts", "python", "bash", "sh", "json", "html", "xml", "css", "sql", "go", "rust", "java", "c", "cpp", "diff", "yaml", "markdown"]) {
      const root = html(`\`\`\`${language}\nx = "1" // a\n\`\`\`\n`, false);
      expect(root.querySelector(".rv-code-lang")?.textContent).toBe(language);
      expect(root.querySelector("code")?.classList.contains("hljs")).toBe(true);
      expect(root.querySelector("[style]")).toBeNull();
    }
    const plain = html("```\nplain\n```\n", false);
    expect(plain.querySelector(".rv-code-lang")?.textContent).toBe("text");
    expect(plain.querySelector("code")?.textContent).toBe("plain\n");
  });
});

describe("finished blocks", () => {
  it("are not rendered again when a parent passes new but equal components and images objects", () => {
    let renders = 0;
    const Paragraph = (props: React.JSX.IntrinsicElements["p"]) => {
      renders++;
      return <p {...props} />;
    };
    const { rerender } = render(<Markdown text={"One.\n\nTwo.\n\nThr"} streaming components={{ p: Paragraph }} images={{ allowedOrigins: ["https://a.example"] }} />);
    const afterFirst = renders;
    rerender(<Markdown text={"One.\n\nTwo.\n\nThree"} streaming components={{ p: Paragraph }} images={{ allowedOrigins: ["https://a.example"] }} />);
    // Only the live paragraph rendered again.
    expect(renders - afterFirst).toBe(1);
  });
});

describe("code while streaming", () => {
  it("is never changed by tail repair", () => {
    const indented = html("    indented **x");
    expect(indented.querySelector("code")?.textContent).toBe("indented **x\n");
    const fenced = html("```py\nx = a ** b");
    expect(fenced.querySelector("code")?.textContent).toBe("x = a ** b\n");
  });
});
