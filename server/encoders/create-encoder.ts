/**
 * The eight wire protocols the mock model speaks, and the factory that picks an encoder for one.
 */
import type { Protocol } from "../../src/core/types.js";
import { AiSdkEncoder } from "./ai-sdk.js";
import { AnthropicEncoder } from "./anthropic.js";
import { GeminiEncoder } from "./gemini.js";
import { OllamaEncoder } from "./ollama.js";
import { OpenAIChatEncoder } from "./openai-chat.js";
import { OpenAIResponsesEncoder } from "./openai-responses.js";
import { SseEncoder } from "./sse.js";
import type { EncoderContext, StreamEncoder } from "./stream-encoder.js";
import { PlainTextEncoder } from "./text.js";

/**
 * Every protocol the mock model can answer in, in the order the demo lists them.
 *
 * @example
 * PROTOCOLS.includes("anthropic"); // true
 */
export const PROTOCOLS: readonly Protocol[] = [
  "openai-chat",
  "openai-responses",
  "anthropic",
  "gemini",
  "ai-sdk",
  "ollama",
  "sse",
  "text",
];

/** The id prefix each protocol's provider puts on a response id. */
const ID_PREFIX: Record<Protocol, string> = {
  "openai-chat": "chatcmpl-",
  "openai-responses": "resp_",
  anthropic: "msg_",
  gemini: "",
  "ai-sdk": "msg-",
  ollama: "",
  sse: "",
  text: "",
};

/**
 * The id prefix a protocol's responses use (`chatcmpl-`, `msg_`, …).
 *
 * @example
 * idPrefix("anthropic"); // "msg_"
 */
export function idPrefix(protocol: Protocol): string {
  return ID_PREFIX[protocol];
}

/**
 * A fresh encoder for one answer in `protocol`.
 *
 * @example
 * const encoder = createEncoder("gemini", { id, model, createdMs: Date.now(), inputTokens: 12, random });
 */
export function createEncoder(protocol: Protocol, context: EncoderContext): StreamEncoder {
  switch (protocol) {
    case "openai-chat":
      return new OpenAIChatEncoder(context);
    case "openai-responses":
      return new OpenAIResponsesEncoder(context);
    case "anthropic":
      return new AnthropicEncoder(context);
    case "gemini":
      return new GeminiEncoder(context);
    case "ai-sdk":
      return new AiSdkEncoder(context);
    case "ollama":
      return new OllamaEncoder(context);
    case "sse":
      return new SseEncoder();
    case "text":
      return new PlainTextEncoder();
  }
}
