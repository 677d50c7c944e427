import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { repairTail } from "../../src/markdown/repair-tail.js";

describe("repairTail", () => {
  it.each([
    ["Some **bold", "Some **bold**"],
    ["Some *em", "Some *em*"],
    ["Some _em", "Some _em_"],
    ["Some ~~del", "Some ~~del~~"],
    ["Some `code", "Some `code`"],
    ["See [the docs](https://ex", "See the docs"],
    ["See [the do", "See the do"],
    ["![chart](https://ex", ""],
    ["before ![ch", "before "],
    ["| a | b |\n| --", "| a | b |\n| --|---|"],
    ["| a | b |\n|--|", "| a | b |\n|--|---|"],
    ["| a | b |\n|--|--|", "| a | b |\n|--|--|"],
    ["finished **text**", "finished **text**"],
    ["<div>raw html", "<div>raw html"],
  ])("%j → %j", (input, output) => expect(repairTail(input)).toBe(output));

  it("never leaves a placeholder URL", () => {
    for (const input of ["[a](", "[a](h", "![a](", "[a][", "x [y](z"]) expect(repairTail(input)).not.toContain("streamdown:");
  });

  it("leaves code in an open fence alone", () => {
    expect(repairTail("```\n| a | b |\n|--")).toBe("```\n| a | b |\n|--");
  });

  it("escapes the openers of a wall it does not close, which marked shows as literal text anyway", () => {
    const repaired = repairTail("**a ".repeat(20));
    expect(repaired.startsWith("\\*\\*a \\*\\*a ")).toBe(true);
    // The innermost eight are closed; the twelve outer ones show as the "**" they are.
    const html = marked.parse(repaired, { async: false });
    expect(html.match(/<strong>/g)).toHaveLength(8);
    expect(html.startsWith(`<p>${"**a ".repeat(12)}<strong>`)).toBe(true);
  });
});
