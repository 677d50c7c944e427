// A long, realistic LLM answer for the streaming tests: prose, nested lists, a table, code,
// a blockquote, reference links. `repeat` sections make it as long as a test needs.
const SECTION = (n: number): string => `## Section ${n}: streaming *markdown*

Rivulet renders **long answers** as they stream, with \`inline code\`, ~~strikes~~, a [link](https://example.com/${n})
and a [reference][ref${n}] whose definition comes later. Autolinks like https://example.org/${n} work too.

1. First step with **bold text** and more words to make the line long enough to wrap
2. Second step
   - nested bullet with *emphasis*
   - [x] a done task
   - [ ] an open task
3. Third step

| Feature | Status | Notes |
|:--------|:------:|------:|
| tables  | done   | ${n} |
| code    | done   | highlighted |

\`\`\`ts
export function section${n}(input: string): number {
  const words = input.split(/\\s+/);
  let total = 0;
  for (const word of words) {
    total += word.length; // count characters
  }
  return total * ${n};
}
\`\`\`

> A blockquote with a line
> and a lazy continuation
that ends here.

[ref${n}]: https://example.com/ref/${n} "Reference ${n}"

---

`;

/** About `sections` × 1 KB of mixed markdown. */
export function longDocument(sections: number): string {
  let text = "# A long answer\n\nIntro paragraph.\n\n";
  for (let n = 1; n <= sections; n++) text += SECTION(n);
  return `${text}The end.\n`;
}
