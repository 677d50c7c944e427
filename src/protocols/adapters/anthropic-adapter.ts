/**
 * The `"anthropic"` protocol: the Messages API streamed as SSE. Content blocks are indexed; a `tool_use`
 * block's id and name arrive in `content_block_start` and its input as `input_json_delta` pieces, so the
 * id is remembered per block index. `message_stop` is the end marker.
 *
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
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

/** Error types that say "try again later" rather than "this request is wrong". */
const RETRYABLE = new Set(["overloaded_error", "api_error", "rate_limit_error", "timeout_error"]);

/**
 * Decodes Anthropic Messages events.
 *
 * @example
 * const adapter = new AnthropicAdapter();
 * adapter.push({ event: "content_block_delta", data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}' }, out);
 */
export class AnthropicAdapter implements ProtocolAdapter {
  readonly protocol = "anthropic" as const;
  readonly framing = "sse" as const;
  #ended = false;
  #reason: string | undefined;
  #usage: Usage = {};
  #toolIds = new Map<number, string>();

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    const event = parseEventJson(frame.data, this.protocol);
    if (!isObject(event)) return;
    // The `event:` name and the data's `type` agree; the data is what the SDKs trust.
    const type = str(event, "type") ?? frame.event;
    switch (type) {
      case "message_start": {
        const usage = obj(obj(event, "message"), "usage");
        this.#usage.inputTokens = num(usage, "input_tokens");
        this.#usage.outputTokens = num(usage, "output_tokens");
        return;
      }
      case "content_block_start":
        return this.#blockStart(event, out);
      case "content_block_delta":
        return this.#blockDelta(event, out);
      case "message_delta": {
        this.#reason = str(obj(event, "delta"), "stop_reason") ?? this.#reason;
        // message_delta's usage is cumulative: it replaces, never adds.
        this.#usage.outputTokens = num(obj(event, "usage"), "output_tokens") ?? this.#usage.outputTokens;
        return;
      }
      case "message_stop":
        this.#ended = true;
        return;
      case "error": {
        const error = obj(event, "error");
        const kind = str(error, "type") ?? "error";
        const message = str(error, "message") ?? "Anthropic reported an error.";
        throw new ChatError("provider", `${message} (${kind})`, { retryable: RETRYABLE.has(kind) });
      }
      default:
        // ping, content_block_stop, and event types added after this was written.
        return;
    }
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#ended) throw droppedConnection(this.protocol, "message_stop");
    const reason = normalizeFinishReason(this.#reason);
    const { inputTokens, outputTokens } = this.#usage;
    const usage =
      inputTokens === undefined && outputTokens === undefined
        ? undefined
        : {
            inputTokens,
            outputTokens,
            totalTokens: inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined,
          };
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(usage ? { usage } : {}) });
  };

  #blockStart(event: Record<string, unknown>, out: ChatDelta[]): void {
    const block = obj(event, "content_block");
    const index = num(event, "index") ?? 0;
    const type = str(block, "type");
    if (type === "text") pushText(out, "text", str(block, "text"));
    else if (type === "thinking") pushText(out, "reasoning", str(block, "thinking"));
    else if (type === "tool_use" || type === "server_tool_use") {
      const id = str(block, "id") || `toolu_${index}`;
      this.#toolIds.set(index, id);
      const name = str(block, "name");
      out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText: "" });
    }
  }

  #blockDelta(event: Record<string, unknown>, out: ChatDelta[]): void {
    const delta = obj(event, "delta");
    switch (str(delta, "type")) {
      case "text_delta":
        return pushText(out, "text", str(delta, "text"));
      case "thinking_delta":
        return pushText(out, "reasoning", str(delta, "thinking"));
      case "input_json_delta": {
        const index = num(event, "index") ?? 0;
        const argsText = str(delta, "partial_json");
        if (argsText) out.push({ type: "tool-call", id: this.#toolIds.get(index) ?? `toolu_${index}`, argsText });
        return;
      }
      default:
        // signature_delta and citations_delta carry nothing to show.
        return;
    }
  }
}
