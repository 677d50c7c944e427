/**
 * How the mock model chooses its answer: by keywords in the user's last message.
 */
import { PROTOCOLS } from "./encoders/create-encoder.js";
import { FAULTS } from "./faults.js";
import {
  CODE_ANSWER,
  DEFAULT_ANSWER,
  ERROR_ANSWER,
  ERROR_MESSAGE,
  LIST_ANSWER,
  TABLE_ANSWER,
  THINK_ANSWER,
  THINK_REASONING,
} from "./mock-content.js";
import { longAnswer } from "./mock-long-answer.js";

/**
 * The kinds of answer the mock model gives.
 *
 * @example
 * chooseMockReply("a table").kind satisfies MockReplyKind; // "table"
 */
export type MockReplyKind = "help" | "error" | "long" | "think" | "code" | "table" | "list" | "default";

/**
 * One mock answer, before it is tokenized and encoded.
 *
 * @example
 * const reply: MockReply = chooseMockReply("think it through"); // { kind: "think", reasoning, text }
 */
export interface MockReply {
  kind: MockReplyKind;
  /** Streamed first, as reasoning where the protocol has a place for it. */
  reasoning?: string;
  text: string;
  /** When set, the answer ends with the protocol's error event carrying this message. */
  error?: string;
}

/**
 * A suggested prompt, for a demo's prompt buttons.
 *
 * @example
 * for (const { prompt, description } of MOCK_PROMPTS) addButton(prompt, description);
 */
export interface MockPrompt {
  /** The keyword that selects the answer. */
  keyword: Exclude<MockReplyKind, "default">;
  /** A prompt that contains the keyword. */
  prompt: string;
  /** What the answer shows. */
  description: string;
}

/**
 * The mock model's prompts, one per keyword, in the order a demo should offer them.
 *
 * @example
 * MOCK_PROMPTS.map((p) => p.prompt); // ["Show me some code", …]
 */
export const MOCK_PROMPTS: readonly MockPrompt[] = [
  { keyword: "code", prompt: "Show me some code", description: "Fenced code in TypeScript, Python, Rust and shell" },
  { keyword: "table", prompt: "Compare the protocols in a table", description: "GFM tables with alignment and inline code" },
  { keyword: "list", prompt: "Give me a nested list", description: "Nested ordered, unordered and task lists" },
  { keyword: "think", prompt: "Think it through: how fast should streaming be?", description: "A reasoning trace, then the answer" },
  { keyword: "long", prompt: "Write a long answer", description: "About 100 KB of markdown" },
  { keyword: "error", prompt: "Show me an error", description: "A partial answer, then the protocol's error event" },
  { keyword: "help", prompt: "help", description: "What the mock model can do" },
];

/** Keywords in priority order: the first that matches a whole word wins. */
const KEYWORDS: ReadonlyArray<[Exclude<MockReplyKind, "default">, RegExp]> = [
  ["help", /\bhelp\b/i],
  ["error", /\berrors?\b/i],
  ["long", /\blong\b/i],
  ["think", /\b(think|thinking|reason|reasoning)\b/i],
  ["code", /\bcode\b/i],
  ["table", /\btables?\b/i],
  ["list", /\blists?\b/i],
];

let cachedLongAnswer: string | undefined;

/**
 * The answer to `prompt`; the same prompt always gets the same answer.
 *
 * @example
 * chooseMockReply("Show me a table").kind; // "table"
 */
export function chooseMockReply(prompt: string): MockReply {
  const kind = KEYWORDS.find(([, pattern]) => pattern.test(prompt))?.[0] ?? "default";
  switch (kind) {
    case "help":
      return { kind, text: helpText() };
    case "error":
      return { kind, text: ERROR_ANSWER, error: ERROR_MESSAGE };
    case "long":
      cachedLongAnswer ??= longAnswer();
      return { kind, text: cachedLongAnswer };
    case "think":
      return { kind, reasoning: THINK_REASONING, text: THINK_ANSWER };
    case "code":
      return { kind, text: CODE_ANSWER };
    case "table":
      return { kind, text: TABLE_ANSWER };
    case "list":
      return { kind, text: LIST_ANSWER };
    default:
      return { kind, text: DEFAULT_ANSWER };
  }
}

function helpText(): string {
  const prompts = MOCK_PROMPTS.map(({ keyword, prompt, description }) => `- **${keyword}** — ${description} (try “${prompt}”)`);
  return [
    "I'm rivulet's **mock model**. A keyword anywhere in your message picks the answer:",
    "",
    ...prompts,
    "- anything else — a short plain answer",
    "",
    "Query parameters on `/api/chat` (or fields of the same name in the JSON body):",
    "",
    `- \`protocol\` — one of ${PROTOCOLS.map((p) => `\`${p}\``).join(", ")} (default \`openai-chat\`)`,
    "- `tps` — tokens per second (default 60), with bursts and jitter",
    "- `seed` — makes the jitter reproducible",
    `- \`fault\` — ${FAULTS.map((f) => `\`${f}\``).join(", ")}`,
    "- `retryAfter` — seconds in the `Retry-After` header of the 429 fault",
    "",
  ].join("\n");
}
