/**
 * The demo's controls as one value, and how they become a request: the mock model's knobs travel in
 * the endpoint's query string (`/api/chat?protocol=anthropic&tps=120&fault=drop:40`), the rest are
 * `<Chat>` props. Pure functions, so the page, the tests and the snippets agree on one spelling.
 */
import type { Protocol } from "../index.js";

/** The wire protocols the mock model speaks, in the order the demo offers them. */
export const DEMO_PROTOCOLS: readonly { value: Protocol; label: string }[] = [
  { value: "openai-chat", label: "OpenAI Chat Completions" },
  { value: "openai-responses", label: "OpenAI Responses" },
  { value: "anthropic", label: "Anthropic Messages" },
  { value: "gemini", label: "Gemini" },
  { value: "ai-sdk", label: "Vercel AI SDK UI stream" },
  { value: "ollama", label: "Ollama (NDJSON)" },
  { value: "sse", label: "Generic SSE" },
  { value: "text", label: "Plain text" },
];

/** A fault the mock model can inject; `amount` is tokens (drop) or seconds (stall, slow first byte). */
export type DemoFault = "none" | "drop" | "stall" | "500" | "429" | "malformed" | "provider-error" | "slow-first-byte";

/** The faults offered, with what their amount means. */
export const DEMO_FAULTS: readonly { value: DemoFault; label: string; unit?: "tokens" | "s"; amount?: number }[] = [
  { value: "none", label: "None" },
  { value: "drop", label: "Drop the connection", unit: "tokens", amount: 40 },
  { value: "stall", label: "Stall mid-answer", unit: "s", amount: 8 },
  { value: "500", label: "HTTP 500" },
  { value: "429", label: "HTTP 429 + Retry-After" },
  { value: "malformed", label: "Malformed event" },
  { value: "provider-error", label: "Provider error event" },
  { value: "slow-first-byte", label: "Slow first byte", unit: "s", amount: 2 },
];

/** Speeds offered, tokens per second. */
export const DEMO_SPEEDS: readonly number[] = [10, 30, 60, 120, 400, 2000];

/** Everything the controls set. */
export interface DemoSettings {
  protocol: Protocol;
  /** Tokens per second of the mock model. */
  tps: number;
  smooth: boolean;
  transport: "fetch" | "websocket";
  fault: DemoFault;
  /** Tokens for `drop`, seconds for `stall` and `slow-first-byte`. */
  faultAmount: number;
  /** Inject the fault into the next request only, so Retry shows the recovery. */
  faultOnce: boolean;
  /** The store's idle timeout in seconds: a stall longer than this fails the answer. */
  idleTimeoutS: number;
}

/**
 * The demo's starting point: a brisk, realistic speed with no fault.
 *
 * @example
 * const [settings, setSettings] = useState(DEFAULT_SETTINGS);
 */
export const DEFAULT_SETTINGS: DemoSettings = {
  protocol: "openai-chat",
  tps: 60,
  smooth: true,
  transport: "fetch",
  fault: "none",
  faultAmount: 0,
  faultOnce: true,
  idleTimeoutS: 60,
};

/**
 * The `fault` query value of the settings, or undefined for none.
 *
 * @example
 * faultParam({ ...DEFAULT_SETTINGS, fault: "drop", faultAmount: 40 }); // "drop:40"
 */
export function faultParam(settings: Pick<DemoSettings, "fault" | "faultAmount">): string | undefined {
  const { fault, faultAmount } = settings;
  if (fault === "none") return undefined;
  const spec = DEMO_FAULTS.find((f) => f.value === fault);
  return spec?.unit ? `${fault}:${faultAmount}` : fault;
}

/**
 * The endpoint for the settings: the mock model's knobs in the query string. In proxy mode a real
 * provider answers and the knobs mean nothing, so the bare path is used.
 *
 * @example
 * demoEndpoint({ ...DEFAULT_SETTINGS, protocol: "anthropic", tps: 120, fault: "drop", faultAmount: 40 }, "mock");
 * // "/api/chat?protocol=anthropic&tps=120&fault=drop%3A40&retryAfter=1"
 */
export function demoEndpoint(settings: DemoSettings, mode: "mock" | "proxy", path = "/api/chat"): string {
  if (mode === "proxy") return path;
  const query = new URLSearchParams({ protocol: settings.protocol, tps: String(settings.tps) });
  const fault = faultParam(settings);
  if (fault) query.set("fault", fault);
  if (settings.fault === "429") query.set("retryAfter", "1");
  return `${path}?${query}`;
}

/**
 * The settings after a request went out: a fault meant for one request is cleared, so Retry recovers.
 *
 * @example
 * afterSend({ ...DEFAULT_SETTINGS, fault: "500" }).fault; // "none"
 */
export function afterSend(settings: DemoSettings): DemoSettings {
  return settings.faultOnce && settings.fault !== "none" ? { ...settings, fault: "none" } : settings;
}
