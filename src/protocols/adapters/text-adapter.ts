/**
 * The `"text"` protocol: the body is the answer, as plain text. There is no end marker, so a clean end
 * of the body is a normal finish.
 */
import type { ChatDelta } from "../../core/types.js";
import { type Frame, type ProtocolAdapter, pushText } from "../protocol-adapter.js";

/**
 * Yields every decoded chunk as text.
 *
 * @example
 * const out: ChatDelta[] = [];
 * new TextAdapter().push({ data: "Hello" }, out); // out: [{ type: "text", text: "Hello" }]
 */
export class TextAdapter implements ProtocolAdapter {
  readonly protocol = "text" as const;
  readonly framing = "text" as const;
  readonly ended = false;

  push = (frame: Frame, out: ChatDelta[]): void => {
    pushText(out, "text", frame.data);
  };

  finish = (out: ChatDelta[]): void => {
    out.push({ type: "finish" });
  };
}
