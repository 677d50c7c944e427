/**
 * The `"ai-sdk"` protocol: the Vercel AI SDK's UI message stream (v5+), SSE with one typed JSON part per
 * event, sent with the `x-vercel-ai-ui-message-stream: v1` header and ended by `data: [DONE]`.
 * Older pre-release shapes are read too: `{ type: "reasoning", text }` and `textDelta` fields.
 * `tool-output-available` and `data-*` parts carry nothing a {@link ChatDelta} can hold: they are skipped.
 *
 * @see https://ai-sdk.dev/docs/ai-sdk-ui/stream-protocol#ui-message-stream-protocol
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
 * Decodes AI SDK UI message stream parts.
 *
 * @example
 * const adapter = new AiSdkAdapter();
 * adapter.push({ data: '{"type":"text-delta","id":"t1","delta":"Hi"}' }, out);
 */
export class AiSdkAdapter implements ProtocolAdapter {
  readonly protocol = "ai-sdk" as const;
  readonly framing = "sse" as const;
  #ended = false;
  #finished = false;
  #reason: string | undefined;
  #usage: Usage | undefined;
  /** Tool calls whose input streamed in pieces: `tool-input-available` must not repeat it. */
  #streamedInput = new Set<string>();

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    if (frame.data.trim() === "[DONE]") {
      this.#ended = true;
      return;
    }
    const part = parseEventJson(frame.data, this.protocol);
    if (!isObject(part)) return;
    switch (str(part, "type")) {
      case "text-delta":
        return pushText(out, "text", str(part, "delta") ?? str(part, "textDelta"));
      case "reasoning-delta":
        return pushText(out, "reasoning", str(part, "delta") ?? str(part, "textDelta"));
      case "reasoning":
        return pushText(out, "reasoning", str(part, "text") ?? str(part, "delta") ?? str(part, "textDelta"));
      case "tool-input-start": {
        const name = str(part, "toolName");
        out.push({ type: "tool-call", id: str(part, "toolCallId") ?? "", ...(name ? { name } : {}), argsText: "" });
        return;
      }
      case "tool-input-delta": {
        const id = str(part, "toolCallId") ?? "";
        const argsText = str(part, "inputTextDelta");
        if (!argsText) return;
        this.#streamedInput.add(id);
        out.push({ type: "tool-call", id, argsText });
        return;
      }
      case "tool-input-available":
        return this.#inputAvailable(part, out);
      case "finish":
        return this.#finish(part);
      case "abort":
        this.#finished = true;
        this.#reason = "abort";
        return;
      case "error":
        throw new ChatError("provider", str(part, "errorText") ?? "The server reported an error.");
      default:
        // start, start-step, finish-step, text-start/-end, reasoning-start/-end, tool-output-available,
        // source-*, file, data-*, message-metadata: nothing to add to the text.
        return;
    }
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#ended && !this.#finished) throw droppedConnection(this.protocol, "data: [DONE]");
    const reason = normalizeFinishReason(this.#reason);
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(this.#usage ? { usage: this.#usage } : {}) });
  };

  #inputAvailable(part: Record<string, unknown>, out: ChatDelta[]): void {
    const id = str(part, "toolCallId") ?? "";
    if (this.#streamedInput.has(id)) return;
    const name = str(part, "toolName");
    out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText: JSON.stringify(part.input ?? {}) });
  }

  #finish(part: Record<string, unknown>): void {
    this.#finished = true;
    this.#reason = str(part, "finishReason") ?? this.#reason;
    // The SDK's convention for token counts is `messageMetadata.usage` shaped like its own LanguageModelUsage.
    const usage = obj(obj(part, "messageMetadata"), "usage");
    if (usage) {
      this.#usage = {
        inputTokens: num(usage, "inputTokens"),
        outputTokens: num(usage, "outputTokens"),
        totalTokens: num(usage, "totalTokens"),
      };
    }
  }
}
