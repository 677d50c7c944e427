/**
 * The mock model's long answer: about 100 KB of varied markdown (headings, paragraphs, lists, code,
 * tables, quotes), built from fixed pieces so it is the same every time. It exists to prove that
 * per-token cost does not grow with the length of the message.
 */

const TOPICS = [
  "byte decoding",
  "event framing",
  "protocol adapters",
  "the chat store",
  "frame scheduling",
  "block splitting",
  "tail repair",
  "scroll anchoring",
  "stop and abort",
  "retries and backoff",
  "URL policy",
  "Shadow DOM isolation",
];

const SENTENCES = [
  "Every stage does one job and hands a smaller problem to the next.",
  "A chunk boundary can fall anywhere: inside a UTF-8 character, inside `\\r\\n`, or in the middle of a JSON string.",
  "The store appends each delta at once, but tells its subscribers at most once per animation frame.",
  "Finished blocks are memoised by their source text, so React never visits them again.",
  "Only the last block is live, and its cost depends on its own size rather than the length of the answer.",
  "A half-written `**bold` renders as bold from its first letter, so nothing jumps when the closing marker arrives.",
  "When the user presses *Stop*, the fetch is aborted and the server sees the connection close.",
  "A dropped connection keeps the partial answer and offers a retry that resends the same conversation.",
  "Links pass a URL policy: `http:`, `https:`, `mailto:` and relative addresses, nothing else.",
  "Raw HTML in model output is shown as text, because model output must never run code.",
  "The widget keeps the reader's place: it follows the stream only while the reader is at the bottom.",
  "Measured figures beat intuition: time to first token, tokens per second, and frames dropped.",
];

const LANGUAGES = [
  ["ts", "export function frame(bytes: Uint8Array): string[] {\n  return decoder.decode(bytes, { stream: true }).split(\"\\n\\n\");\n}"],
  ["python", "def frame(chunks):\n    buffer = \"\"\n    for chunk in chunks:\n        buffer += chunk\n        *events, buffer = buffer.split(\"\\n\\n\")\n        yield from events"],
  ["go", "func frame(r io.Reader) *bufio.Scanner {\n\ts := bufio.NewScanner(r)\n\ts.Split(bufio.ScanLines)\n\treturn s\n}"],
  ["json", "{\n  \"choices\": [{ \"index\": 0, \"delta\": { \"content\": \"Hello\" } }]\n}"],
] as const;

/** The target size of the long answer, in characters. */
export const LONG_ANSWER_SIZE = 100_000;

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

function paragraph(seed: number, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(pick(SENTENCES, seed * 7 + i * 5));
  return parts.join(" ");
}

function section(index: number): string {
  const topic = pick(TOPICS, index);
  const lines = [`## ${index + 1}. ${topic[0]?.toUpperCase()}${topic.slice(1)}`, "", paragraph(index, 4), ""];
  switch (index % 4) {
    case 0:
      lines.push(`- **Why:** ${pick(SENTENCES, index + 1)}`, `- **How:** ${pick(SENTENCES, index + 2)}`);
      lines.push(`  - in detail: ${pick(SENTENCES, index + 3)}`, `- **Check:** ${pick(SENTENCES, index + 4)}`, "");
      break;
    case 1: {
      const [language, code] = pick(LANGUAGES, index);
      lines.push(`\`\`\`${language}`, code, "```", "");
      break;
    }
    case 2:
      lines.push("| Step | Cost | Note |", "|:-----|-----:|:-----|");
      for (let row = 0; row < 4; row++) {
        lines.push(`| ${pick(TOPICS, index + row)} | ${(index * 13 + row * 7) % 97} µs | ${pick(SENTENCES, index + row).slice(0, 48)}… |`);
      }
      lines.push("");
      break;
    default:
      lines.push(`> ${pick(SENTENCES, index + 5)}`, ">", `> — note ${index + 1}`, "");
  }
  lines.push(paragraph(index + 3, 3), "");
  return lines.join("\n");
}

/**
 * The long answer: numbered sections until the text reaches {@link LONG_ANSWER_SIZE} characters.
 *
 * @example
 * longAnswer().length >= 100_000; // true
 */
export function longAnswer(): string {
  let text = "# A long answer\n\nThis answer is about 100 KB of markdown, streamed token by token.\n\n";
  for (let index = 0; text.length < LONG_ANSWER_SIZE; index++) text += section(index);
  return `${text}---\n\n*End of the long answer.*\n`;
}
