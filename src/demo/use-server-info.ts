import { useEffect, useState } from "react";

/** A suggested prompt as `GET /api/chat/info` lists it. */
export interface DemoPrompt {
  keyword: string;
  prompt: string;
  description: string;
}

/** What `GET /api/chat/info` says about the server: the mock model, or a proxy to a provider. */
export type ServerInfo =
  | { mode: "loading" }
  | { mode: "mock"; prompts: readonly DemoPrompt[] }
  | { mode: "proxy"; provider: string; model?: string; protocol?: string }
  | { mode: "unknown"; reason: string };

/** Prompts for a real model, where the mock model's keywords mean nothing. */
export const PROXY_PROMPTS: readonly DemoPrompt[] = [
  { keyword: "code", prompt: "Write a debounce function in TypeScript, with a short explanation.", description: "Code" },
  { keyword: "table", prompt: "Compare SSE, WebSocket and long polling in a markdown table.", description: "A table" },
  { keyword: "long", prompt: "Explain how TCP congestion control works, in depth, with headings.", description: "A long answer" },
  { keyword: "list", prompt: "Give me a nested checklist for launching a website.", description: "Lists" },
];

/**
 * Asks the chat server what it is, once: the demo hides the mock-only controls in proxy mode and
 * offers the mock model's own prompts otherwise.
 *
 * @example
 * const info = useServerInfo("/api/chat/info");
 * if (info.mode === "proxy") console.log(`answered by ${info.provider}`);
 */
export function useServerInfo(url = "/api/chat/info"): ServerInfo {
  const [info, setInfo] = useState<ServerInfo>({ mode: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, { signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        setInfo(parseInfo(await response.json()));
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setInfo({ mode: "unknown", reason: String(error) });
      });
    return () => controller.abort();
  }, [url]);
  return info;
}

function parseInfo(json: unknown): ServerInfo {
  const body = (json ?? {}) as Record<string, unknown>;
  if (body.mode === "proxy" && typeof body.provider === "string") {
    return {
      mode: "proxy",
      provider: body.provider,
      model: typeof body.model === "string" ? body.model : undefined,
      protocol: typeof body.protocol === "string" ? body.protocol : undefined,
    };
  }
  if (body.mode === "mock") {
    const prompts = Array.isArray(body.prompts) ? (body.prompts as DemoPrompt[]).filter((p) => typeof p?.prompt === "string") : [];
    return { mode: "mock", prompts };
  }
  return { mode: "unknown", reason: "unexpected answer from /api/chat/info" };
}
