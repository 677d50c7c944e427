import { describe, expect, it } from "vitest";
import { isAllowedImage, isSafeUrl } from "../../src/markdown/url-policy.js";

describe("isSafeUrl", () => {
  it.each([
    "https://example.com",
    "http://example.com/a?b#c",
    "HTTPS://EXAMPLE.COM",
    "mailto:me@example.com",
    "/relative/path",
    "relative.html",
    "#anchor",
    "?query=1",
    "//example.com/protocol-relative",
    "/path:with:colons",
    "",
  ])("allows %j", (url) => expect(isSafeUrl(url)).toBe(true));

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u0001javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\t:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "DATA:image/svg+xml;base64,AAAA",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com",
    "custom-app:open",
    "1javascript:alert(1)",
    "\\\\evil.example\\share",
    "/\\evil.example",
  ])("refuses %j", (url) => expect(isSafeUrl(url)).toBe(false));
});

describe("isAllowedImage", () => {
  const allowed = { allowedOrigins: ["https://cdn.example.com"] };
  it("follows the policy", () => {
    expect(isAllowedImage("https://any.example/a.png", "all")).toBe(true);
    expect(isAllowedImage("https://any.example/a.png", "none")).toBe(false);
    expect(isAllowedImage("https://cdn.example.com/a.png", allowed)).toBe(true);
    expect(isAllowedImage("https://cdn.example.com.evil.example/a.png", allowed)).toBe(false);
    expect(isAllowedImage("http://cdn.example.com/a.png", allowed)).toBe(false);
    expect(isAllowedImage("/local.png", allowed, "https://cdn.example.com/page")).toBe(true);
    expect(isAllowedImage("/local.png", allowed, "https://other.example/page")).toBe(false);
    expect(isAllowedImage("javascript:alert(1)", "all")).toBe(false);
    expect(isAllowedImage("data:image/png;base64,AAAA", "all")).toBe(false);
  });
});
