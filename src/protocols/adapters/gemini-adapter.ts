/**
 * The `"gemini"` protocol: `streamGenerateContent?alt=sse`. Each event is a whole
 * GenerateContentResponse; only candidate 0 is shown. Parts are text (`thought: true` marks reasoning)
 * or a complete `functionCall`. Gemini frames events with CRLF line ends, which the SSE framer handles.
 * There is no end marker: the chunk with `finishReason` is the last, so a body that ends without one
 * was cut off. `promptFeedback.blockReason` means the prompt was refused: a provider error.
 *
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
import { ChatError } from "../../core/chat-error.js";
import type { ChatDelta, Usage } from "../../core/types.js";
import { normalizeFinishReason } from "../finish-reason.js";
import {
  type Frame,
  type ProtocolAdapter,
  droppedConnection,
  isObject,
  num,
  obj,
  parseEventJson,
  pushText,
  str,
} from "../protocol-adapter.js";

const RETRYABLE = new Set(["UNAVAILABLE", "RESOURCE_EXHAUSTED", "INTERNAL", "DEADLINE_EXCEEDED"]);

/**
 * Decodes Gemini stream chunks.
 *
 * @example
 * const adapter = new GeminiAdapter();
 * adapter.push({ data: '{"candidates":[{"content":{"parts":[{"text":"Hi"}]}}]}' }, out);
 */
export class GeminiAdapter implements ProtocolAdapter {
  readonly protocol = "gemini" as const;
  readonly framing = "sse" as const;
  readonly ended = false;
  #reason: string | undefined;
  #usage: Usage | undefined;
  #calls = 0;

  push = (frame: Frame, out: ChatDelta[]): void => {
    const chunk = parseEventJson(frame.data, this.protocol);
    if (Array.isArray(chunk)) {
      // The non-SSE form is one JSON array of chunks; accept an array event the same way.
      for (const item of chunk) this.#chunk(item, out);
    } else this.#chunk(chunk, out);
  };

  finish = (out: ChatDelta[]): void => {
    if (this.#reason === undefined) throw droppedConnection(this.protocol, "finishReason");
    const normalized = normalizeFinishReason(this.#reason);
    const reason = normalized === "stop" && this.#calls > 0 ? "tool-calls" : normalized;
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(this.#usage ? { usage: this.#usage } : {}) });
  };

  #chunk(chunk: unknown, out: ChatDelta[]): void {
    if (!isObject(chunk)) return;
    const error = obj(chunk, "error");
    if (error) {
      const status = str(error, "status");
      const message = str(error, "message") ?? "Gemini reported an error.";
      throw new ChatError("provider", status ? `${message} [${status}]` : message, {
        retryable: status !== undefined && RETRYABLE.has(status),
      });
    }
    const blockReason = str(obj(chunk, "promptFeedback"), "blockReason");
    if (blockReason) {
      throw new ChatError("provider", `Gemini blocked the prompt (${blockReason}).`, { retryable: false });
    }
    const usage = obj(chunk, "usageMetadata");
    if (usage) {
      this.#usage = {
        inputTokens: num(usage, "promptTokenCount"),
        // Thinking tokens are output too (as OpenAI and Anthropic count them); Gemini reports them apart.
        outputTokens: addTokens(num(usage, "candidatesTokenCount"), num(usage, "thoughtsTokenCount")),
        totalTokens: num(usage, "totalTokenCount"),
      };
    }
    const candidates = chunk.candidates;
    const candidate: unknown = Array.isArray(candidates)
      ? candidates.find((c: unknown) => isObject(c) && (c.index ?? 0) === 0)
      : undefined;
    const parts = obj(candidate, "content")?.parts;
    if (Array.isArray(parts)) for (const part of parts) this.#part(part, out);
    const reason = str(candidate, "finishReason");
    if (reason) this.#reason = reason;
  }

  #part(part: unknown, out: ChatDelta[]): void {
    if (!isObject(part)) return;
    const text = str(part, "text");
    if (text !== undefined) return pushText(out, part.thought === true ? "reasoning" : "text", text);
    const call = obj(part, "functionCall");
    if (call) {
      // Gemini sends each call whole; newer models add an `id`, older ones do not.
      const id = str(call, "id") || `call_${this.#calls}`;
      this.#calls += 1;
      const name = str(call, "name");
      out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText: JSON.stringify(call.args ?? {}) });
    }
  }
}

function addTokens(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}
