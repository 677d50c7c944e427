/**
 * The `"openai-chat"` protocol: Chat Completions streamed as SSE, as OpenAI and every OpenAI-compatible
 * server (Ollama's /v1, llama.cpp, vLLM, LM Studio, OpenRouter) send it.
 *
 * - Only choice 0 is shown when a request asked for `n > 1`.
 * - `delta.refusal` is yielded as text (the user should read it) and the finish reason becomes `"refusal"`.
 * - `delta.reasoning_content` (DeepSeek, vLLM, llama.cpp) and `delta.reasoning` (OpenRouter, Ollama) are reasoning.
 * - `tool_calls` deltas are keyed by `index`; the id comes only with the first piece, so it is remembered
 *   per index (or made up as `call_<index>` when a server sends none) and every piece carries it.
 * - The finish delta waits for the end, because the usage chunk (`stream_options.include_usage`) comes
 *   after the chunk with `finish_reason`.
 * - The end marker is `data: [DONE]`; a body that ends after a `finish_reason` without it is accepted too,
 *   since some compatible servers omit it.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
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

/**
 * Decodes Chat Completions chunks.
 *
 * @example
 * const adapter = new OpenAIChatAdapter();
 * const out: ChatDelta[] = [];
 * adapter.push({ data: '{"choices":[{"index":0,"delta":{"content":"Hi"}}]}' }, out);
 * adapter.push({ data: "[DONE]" }, out);
 * adapter.finish(out); // out: [{ type: "text", text: "Hi" }, { type: "finish" }]
 */
export class OpenAIChatAdapter implements ProtocolAdapter {
  readonly protocol = "openai-chat" as const;
  readonly framing = "sse" as const;
  #ended = false;
  #reason: string | undefined;
  #refused = false;
  #usage: Usage | undefined;
  #toolIds = new Map<number, string>();

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    const data = frame.data.trim();
    if (data === "[DONE]") {
      this.#ended = true;
      return;
    }
    if (!data) return;
    const chunk = parseEventJson(data, this.protocol);
    if (!isObject(chunk)) return;
    const error = chunk.error;
    if (error !== undefined && error !== null) throw providerError(error);
    const usage = obj(chunk, "usage");
    if (usage) {
      this.#usage = {
        inputTokens: num(usage, "prompt_tokens"),
        outputTokens: num(usage, "completion_tokens"),
        totalTokens: num(usage, "total_tokens"),
      };
    }
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    for (const choice of choices) {
      // A server that omits `index` has only one choice.
      if (!isObject(choice) || (choice.index ?? 0) !== 0) continue;
      this.#choice(choice, out);
    }
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#ended && this.#reason === undefined) throw droppedConnection(this.protocol, "data: [DONE]");
    const reason = this.#refused ? "refusal" : normalizeFinishReason(this.#reason);
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(this.#usage ? { usage: this.#usage } : {}) });
  };

  #choice(choice: Record<string, unknown>, out: ChatDelta[]): void {
    const delta = obj(choice, "delta");
    if (delta) {
      pushText(out, "reasoning", str(delta, "reasoning_content") ?? str(delta, "reasoning"));
      pushText(out, "text", str(delta, "content"));
      const refusal = str(delta, "refusal");
      if (refusal) {
        this.#refused = true;
        pushText(out, "text", refusal);
      }
      const toolCalls = delta.tool_calls;
      if (Array.isArray(toolCalls)) for (const call of toolCalls) this.#toolCall(call, out);
    }
    const reason = str(choice, "finish_reason");
    if (reason) this.#reason = reason;
  }

  #toolCall(call: unknown, out: ChatDelta[]): void {
    if (!isObject(call)) return;
    const index = num(call, "index") ?? 0;
    let id = this.#toolIds.get(index);
    if (id === undefined) {
      id = str(call, "id") || `call_${index}`;
      this.#toolIds.set(index, id);
    }
    const fn = obj(call, "function");
    const name = str(fn, "name");
    out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText: str(fn, "arguments") ?? "" });
  }
}

/** `{ error: { message, type, code } }` (OpenAI) or `{ error: "text" }` (some compatible servers). */
function providerError(error: unknown): ChatError {
  const message = typeof error === "string" ? error : (str(error, "message") ?? "The provider reported an error.");
  const kind = str(error, "type") ?? str(error, "code");
  const retryable = kind === "server_error" || kind === "rate_limit_exceeded" || kind === "overloaded";
  return new ChatError("provider", message, { retryable });
}
