/**
 * The `"ollama"` protocol: Ollama's native `/api/chat` and `/api/generate`, one JSON object per line
 * (NDJSON). `/api/chat` carries `message.content` and `message.thinking`; `/api/generate` carries
 * `response` and `thinking`. The line with `done: true` is the last, with `done_reason` and token counts.
 * An `{"error": "..."}` line fails the stream.
 *
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md
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
 * Decodes Ollama NDJSON lines.
 *
 * @example
 * const adapter = new OllamaAdapter();
 * adapter.push({ data: '{"message":{"role":"assistant","content":"Hi"},"done":false}' }, out);
 */
export class OllamaAdapter implements ProtocolAdapter {
  readonly protocol = "ollama" as const;
  readonly framing = "lines" as const;
  #ended = false;
  #lines = 0;
  #calls = 0;
  #reason: string | undefined;
  #usage: Usage | undefined;

  get ended(): boolean {
    return this.#ended;
  }

  push = (frame: Frame, out: ChatDelta[]): void => {
    const line = parseEventJson(frame.data, this.protocol);
    this.#lines += 1;
    if (!isObject(line)) throw notAStream();
    if (line.error !== undefined) {
      const message = typeof line.error === "string" ? line.error : str(line.error, "message");
      throw new ChatError("provider", message ?? "Ollama reported an error.");
    }
    const message = obj(line, "message");
    if (this.#lines === 1 && !message && !("response" in line) && !("done" in line)) throw notAStream();
    pushText(out, "reasoning", str(message, "thinking") ?? str(line, "thinking"));
    pushText(out, "text", str(message, "content") ?? str(line, "response"));
    const calls = message?.tool_calls;
    if (Array.isArray(calls)) for (const call of calls) this.#toolCall(call, out);
    if (line.done === true) {
      this.#ended = true;
      this.#reason = str(line, "done_reason") ?? "stop";
      const input = num(line, "prompt_eval_count");
      const output = num(line, "eval_count");
      if (input !== undefined || output !== undefined) {
        this.#usage = {
          inputTokens: input,
          outputTokens: output,
          totalTokens: input !== undefined && output !== undefined ? input + output : undefined,
        };
      }
    }
  };

  finish = (out: ChatDelta[]): void => {
    if (!this.#ended) throw droppedConnection(this.protocol, '"done": true');
    const normalized = normalizeFinishReason(this.#reason);
    const reason = normalized === "stop" && this.#calls > 0 ? "tool-calls" : normalized;
    out.push({ type: "finish", ...(reason ? { reason } : {}), ...(this.#usage ? { usage: this.#usage } : {}) });
  };

  #toolCall(call: unknown, out: ChatDelta[]): void {
    const fn = obj(call, "function");
    if (!fn) return;
    // Ollama sends each call whole, with `arguments` as an object; newer versions add an `id`.
    const id = str(call, "id") || `call_${this.#calls}`;
    this.#calls += 1;
    const name = str(fn, "name");
    const args = fn.arguments;
    const argsText = typeof args === "string" ? args : JSON.stringify(args ?? {});
    out.push({ type: "tool-call", id, ...(name ? { name } : {}), argsText });
  }
}

function notAStream(): ChatError {
  return new ChatError(
    "protocol",
    "The server sent a JSON document, not a stream of the answer. Did the request ask for `stream: true`?",
  );
}
