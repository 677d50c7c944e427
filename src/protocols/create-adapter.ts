/**
 * The one place that maps a protocol name to its adapter.
 */
import type { Protocol } from "../core/types.js";
import { GenericSseAdapter } from "./adapters/generic-sse-adapter.js";
import { OpenAIChatAdapter } from "./adapters/openai-chat-adapter.js";
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
    case "sse":
      return new GenericSseAdapter();
    case "text":
      return new TextAdapter();
    default:
      // Filled in protocol by protocol; until then the generic decoder keeps the stream readable.
      return new GenericSseAdapter();
  }
}
