import type { ToolCall } from "../core/types.js";
import { toolIcon } from "./icons.js";

/** Props of {@link ToolCallCard}. */
export interface ToolCallCardProps {
  call: ToolCall;
  labels: { toolCall: string; toolArguments: string; toolResult: string };
}

/**
 * A compact card for one tool call: its name, its arguments (pretty-printed once they parse as
 * JSON, raw while they are still streaming) and its result when the app filled one in. Everything is
 * rendered as text, never as HTML.
 *
 * @example
 * <ToolCallCard call={{ id: "1", name: "weather", argsText: '{"city":"Oslo"}' }} labels={labels} />
 */
export function ToolCallCard({ call, labels }: ToolCallCardProps) {
  const hasResult = call.result !== undefined;
  return (
    <div className="rv-tool" role="group" aria-label={`${labels.toolCall}: ${call.name ?? ""}`.trim()}>
      <div className="rv-tool-head">
        {toolIcon()}
        <span className="rv-tool-name">{call.name ?? labels.toolCall}</span>
      </div>
      {call.argsText !== "" && (
        <div className="rv-tool-section">
          <div className="rv-tool-label">{labels.toolArguments}</div>
          <pre className="rv-tool-code" dir="ltr">
            {prettyJson(call.argsText)}
          </pre>
        </div>
      )}
      {hasResult && (
        <div className="rv-tool-section">
          <div className="rv-tool-label">{labels.toolResult}</div>
          <pre className="rv-tool-code" dir="ltr">
            {typeof call.result === "string" ? call.result : stringify(call.result)}
          </pre>
        </div>
      )}
    </div>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
