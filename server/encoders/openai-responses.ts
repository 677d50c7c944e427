/**
 * OpenAI Responses streaming: named SSE events whose `data` repeats the event name in `type` and
 * carries a `sequence_number`. `response.created`, `response.in_progress`; a reasoning item
 * (`response.reasoning_summary_text.delta`) and a message item (`response.output_text.delta`), each
 * opened by `…added` and closed by `…done` events that repeat the whole text; `response.completed`
 * with usage. No `[DONE]`; a failure is an `error` event.
 *
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
import { randomId } from "../random.js";
import { sseEvent, type EncoderContext, type FinishInfo, type StreamEncoder } from "./stream-encoder.js";

interface Item {
  kind: "reasoning" | "message";
  id: string;
  text: string;
}

/**
 * Encodes an answer as an OpenAI Responses stream.
 *
 * @example
 * const encoder = new OpenAIResponsesEncoder(context);
 * encoder.start(); // "event: response.created\ndata: {…}\n\nevent: response.in_progress\n…"
 */
export class OpenAIResponsesEncoder implements StreamEncoder {
  readonly contentType = "text/event-stream; charset=utf-8";
  readonly headers = {};
  readonly supportsReasoning = true;
  #context: EncoderContext;
  #sequence = 0;
  #items: Item[] = [];
  #open: Item | null = null;

  constructor(context: EncoderContext) {
    this.#context = context;
  }

  start(): string {
    const response = this.#response("in_progress", null);
    return this.#event("response.created", { response }) + this.#event("response.in_progress", { response });
  }

  reasoning(delta: string): string {
    const opened = this.#enter("reasoning");
    return opened + this.#event("response.reasoning_summary_text.delta", { ...this.#where(), summary_index: 0, delta });
  }

  text(delta: string): string {
    const opened = this.#enter("message");
    return opened + this.#event("response.output_text.delta", { ...this.#where(), content_index: 0, delta, logprobs: [] });
  }

  finish({ outputTokens, reasoningTokens }: FinishInfo): string {
    const closed = this.#close();
    const { inputTokens } = this.#context;
    const usage = {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: inputTokens + outputTokens,
    };
    return closed + this.#event("response.completed", { response: this.#response("completed", usage) });
  }

  error(message: string): string {
    return this.#event("error", { code: "server_error", message, param: null });
  }

  malformed(): string {
    return `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":${this.#sequence},"delta":"unterminated\n\n`;
  }

  #response(status: string, usage: Record<string, unknown> | null) {
    const { id, model, createdMs } = this.#context;
    return {
      id,
      object: "response",
      created_at: Math.floor(createdMs / 1000),
      status,
      error: null,
      incomplete_details: null,
      model,
      output: status === "completed" ? this.#items.map((item) => this.#itemBody(item, true)) : [],
      usage,
    };
  }

  #itemBody(item: Item, done: boolean) {
    if (item.kind === "reasoning") {
      return { id: item.id, type: "reasoning", summary: done ? [{ type: "summary_text", text: item.text }] : [] };
    }
    return {
      id: item.id,
      type: "message",
      status: done ? "completed" : "in_progress",
      role: "assistant",
      content: done ? [this.#textPart(item.text)] : [],
    };
  }

  #textPart(text: string) {
    return { type: "output_text", annotations: [], logprobs: [], text };
  }

  #where() {
    const open = this.#open;
    if (!open) throw new Error("no output item is open");
    return { item_id: open.id, output_index: this.#items.length - 1 };
  }

  #enter(kind: Item["kind"]): string {
    if (this.#open?.kind === kind) return "";
    const closed = this.#close();
    const item: Item = { kind, id: randomId(this.#context.random, kind === "reasoning" ? "rs_" : "msg_", 48), text: "" };
    this.#items.push(item);
    this.#open = item;
    const where = this.#where();
    const added = this.#event("response.output_item.added", { output_index: where.output_index, item: this.#itemBody(item, false) });
    const part =
      kind === "reasoning"
        ? this.#event("response.reasoning_summary_part.added", { ...where, summary_index: 0, part: { type: "summary_text", text: "" } })
        : this.#event("response.content_part.added", { ...where, content_index: 0, part: this.#textPart("") });
    return closed + added + part;
  }

  #close(): string {
    const item = this.#open;
    if (!item) return "";
    const where = this.#where();
    this.#open = null;
    const { text } = item;
    const parts =
      item.kind === "reasoning"
        ? this.#event("response.reasoning_summary_text.done", { ...where, summary_index: 0, text }) +
          this.#event("response.reasoning_summary_part.done", { ...where, summary_index: 0, part: { type: "summary_text", text } })
        : this.#event("response.output_text.done", { ...where, content_index: 0, text, logprobs: [] }) +
          this.#event("response.content_part.done", { ...where, content_index: 0, part: this.#textPart(text) });
    return parts + this.#event("response.output_item.done", { output_index: where.output_index, item: this.#itemBody(item, true) });
  }

  #event(type: string, fields: Record<string, unknown>): string {
    // The `…done` events repeat the whole text, so every delta is also kept here.
    if (typeof fields.delta === "string" && this.#open) this.#open.text += fields.delta;
    return sseEvent({ type, sequence_number: this.#sequence++, ...fields }, type);
  }
}
