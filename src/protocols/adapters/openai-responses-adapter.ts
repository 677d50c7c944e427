/**
 * The `"openai-responses"` protocol: the Responses API streamed as SSE, one typed event per step.
 * `response.completed`, `response.incomplete` and `response.failed` end the stream; `error` fails it.
 * Function calls are announced by `response.output_item.added` (with `call_id` and `name`), and their
 * arguments stream as `response.function_call_arguments.delta` keyed by `item_id`.
 *
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
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
 * Decodes Responses API events.
 *
 * @example
 * const adapter = new OpenAIResponsesAdapter();
 * adapter.push({ event: "response.output_text.delta", data: '{"type":"response.output_text.delta","delta":"Hi"}' }, out);
 */
export class OpenAIResponsesAdapter implements ProtocolAdapter {
  readonly protocol = "openai-responses" as const;
  readonly framing = "sse" as const;
  #ended = false;
  #reason: string | undefined;
  #usage: Usage | undefined;
  #refused = false;
  #calls = false;
  /** item_id → call_id, so argument deltas carry the id the app will answer with. */
  #callIds = new Map<string, string>();

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    const event = parseEventJson(frame.data, this.protocol);
    if (!isObject(event)) return;
    switch (str(event, "type") ?? frame.event) {
      case "response.output_text.delta":
        return pushText(out, "text", str(event, "delta"));
      case "response.refusal.delta":
        this.#refused = true;
        return pushText(out, "text", str(event, "delta"));
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta":
        return pushText(out, "reasoning", str(event, "delta"));
      case "response.output_item.added":
        return this.#itemAdded(obj(event, "item"), out);
      case "response.function_call_arguments.delta": {
        const itemId = str(event, "item_id") ?? "";
        const argsText = str(event, "delta");
        if (argsText) out.push({ type: "tool-call", id: this.#callIds.get(itemId) ?? itemId, argsText });
        return;
      }
      case "response.completed":
        return this.#end(obj(event, "response"), this.#calls ? "tool-calls" : "stop");
      case "response.incomplete": {
        const response = obj(event, "response");
        return this.#end(response, str(obj(response, "incomplete_details"), "reason") ?? "length");
      }
      case "response.failed": {
        const error = obj(obj(event, "response"), "error");
        throw providerError(str(error, "message") ?? "The response failed.", str(error, "code"));
      }
      case "error":
        throw providerError(str(event, "message") ?? "OpenAI reported an error.", str(event, "code"));
      default:
        return;
    }
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#ended) throw droppedConnection(this.protocol, "response.completed");
    const reason = this.#refused ? "refusal" : normalizeFinishReason(this.#reason);
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(this.#usage ? { usage: this.#usage } : {}) });
  };

  #itemAdded(item: Record<string, unknown> | undefined, out: ChatDelta[]): void {
    if (str(item, "type") !== "function_call") return;
    const itemId = str(item, "id") ?? "";
    const id = str(item, "call_id") || itemId;
    this.#callIds.set(itemId, id);
    this.#calls = true;
    const name = str(item, "name");
    out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText: str(item, "arguments") ?? "" });
  }

  #end(response: Record<string, unknown> | undefined, reason: string): void {
    this.#ended = true;
    this.#reason = reason;
    const usage = obj(response, "usage");
    if (usage) {
      this.#usage = {
        inputTokens: num(usage, "input_tokens"),
        outputTokens: num(usage, "output_tokens"),
        totalTokens: num(usage, "total_tokens"),
      };
    }
  }
}

function providerError(message: string, code: string | undefined): ChatError {
  const retryable = code === "server_error" || code === "rate_limit_exceeded";
  return new ChatError("provider", code ? `${message} (${code})` : message, { retryable });
}
