import { describe, expect, it } from "vitest";
import { parseOptionValue, splitOptions, toCamel, toKebab } from "../../src/embed/options.js";

describe("embed options from HTML attributes", () => {
  it("parses booleans, numbers and JSON, and keeps text options as text", () => {
    expect(parseOptionValue("smooth", "false")).toBe(false);
    expect(parseOptionValue("showStats", "")).toBe(true);
    expect(parseOptionValue("showStats", "true")).toBe(true);
    expect(parseOptionValue("idleTimeoutMs", "30000")).toBe(30000);
    expect(parseOptionValue("zIndex", "-1")).toBe(-1);
    expect(parseOptionValue("headers", '{"x-key":"1"}')).toEqual({ "x-key": "1" });
    expect(parseOptionValue("suggestions", '["a","b"]')).toEqual(["a", "b"]);
    expect(parseOptionValue("title", "42")).toBe("42");
    expect(parseOptionValue("title", "true")).toBe("true");
    expect(parseOptionValue("endpoint", "/api/chat")).toBe("/api/chat");
    expect(parseOptionValue("persist", "")).toBe("");
  });

  it("fails loudly, with a hint, on JSON that does not parse", () => {
    expect(() => parseOptionValue("headers", "{x-key: 1}")).toThrow(/headers attribute is not valid JSON.*data-headers=/);
  });

  it("converts kebab-case attribute names to camelCase option names and back", () => {
    expect(toCamel("idle-timeout-ms")).toBe("idleTimeoutMs");
    expect(toKebab("launcherLabel")).toBe("launcher-label");
    expect(toCamel(toKebab("showStats"))).toBe("showStats");
  });

  it("splits the embed's own options from the chat's, dropping undefined", () => {
    expect(splitOptions({ endpoint: "/x", title: "T", zIndex: 5, position: "left", open: true, launcher: undefined })).toEqual({
      own: { zIndex: 5, position: "left", open: true },
      chat: { endpoint: "/x", title: "T" },
    });
  });
});
