/**
 * One vocabulary for why an answer ended, whatever the provider called it. The values follow the
 * Vercel AI SDK's `finishReason` (plus `"refusal"`), so an app can branch on them without knowing the wire:
 * `"stop"`, `"length"`, `"tool-calls"`, `"content-filter"`, `"refusal"`, `"error"`, `"abort"`, `"other"`.
 * A reason none of the tables knows passes through lowercased.
 */

const REASONS: Record<string, string> = {
  // OpenAI Chat Completions and compatible servers
  stop: "stop",
  length: "length",
  tool_calls: "tool-calls",
  function_call: "tool-calls",
  content_filter: "content-filter",
  // Anthropic Messages
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  tool_use: "tool-calls",
  refusal: "refusal",
  // OpenAI Responses (`incomplete_details.reason`)
  max_output_tokens: "length",
  // Gemini (uppercase on the wire; looked up lowercased)
  safety: "content-filter",
  recitation: "content-filter",
  blocklist: "content-filter",
  prohibited_content: "content-filter",
  spii: "content-filter",
  image_safety: "content-filter",
  malformed_function_call: "error",
  finish_reason_unspecified: "other",
  // Already normalised (the AI SDK's own values)
  "tool-calls": "tool-calls",
  "content-filter": "content-filter",
  error: "error",
  other: "other",
  abort: "abort",
};

/**
 * Maps a provider's finish reason to rivulet's vocabulary.
 *
 * @example
 * normalizeFinishReason("end_turn"); // "stop"
 * normalizeFinishReason("MAX_TOKENS"); // "length"
 */
export function normalizeFinishReason(reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  const key = reason.toLowerCase();
  return REASONS[key] ?? key;
}
