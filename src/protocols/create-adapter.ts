/**
 * The one place that maps a protocol name to its adapter.
 */
import type { Protocol } from "../core/types.js";
import { AiSdkAdapter } from "./adapters/ai-sdk-adapter.js";
import { AnthropicAdapter } from "./adapters/anthropic-adapter.js";
import { GeminiAdapter } from "./adapters/gemini-adapter.js";
import { GenericSseAdapter } from "./adapters/generic-sse-adapter.js";
import { OllamaAdapter } from "./adapters/ollama-adapter.js";
import { OpenAIChatAdapter } from "./adapters/openai-chat-adapter.js";
import { OpenAIResponsesAdapter } from "./adapters/openai-responses-adapter.js";
import { TextAdapter } from "./adapters/text-adapter.js";
import type { ProtocolAdapter } from "./protocol-adapter.js";

/**
 * A fresh adapter for one stream of `protocol`.
 *
 * @example
 * const adapter = createAdapter("anthropic");
 */
export function createAdapter(protocol: Protocol): ProtocolAdapter {
  switch (protocol) {
    case "openai-chat":
      return new OpenAIChatAdapter();
    case "openai-responses":
      return new OpenAIResponsesAdapter();
    case "anthropic":
      return new AnthropicAdapter();
    case "gemini":
      return new GeminiAdapter();
    case "ai-sdk":
      return new AiSdkAdapter();
    case "ollama":
      return new OllamaAdapter();
    case "sse":
      return new GenericSseAdapter();
    case "text":
      return new TextAdapter();
    default:
      throw new TypeError(
        `Unknown protocol "${String(protocol)}". Use one of: openai-chat, openai-responses, anthropic, gemini, ai-sdk, ollama, sse, text, auto.`,
      );
  }
}
