/**
 * Forwards a conversation to a real provider and streams its bytes back as they arrive: no
 * buffering, the provider's content type passed through, the API key kept on the server, and the
 * upstream request aborted the moment the client goes away.
 */
import type { ServerResponse } from "node:http";
import type { WireMessage } from "../src/core/types.js";
import { STREAM_HEADERS } from "./encoders/stream-encoder.js";
import { sendJsonError } from "./http-error.js";
import type { StreamResult } from "./mock-stream.js";
import { buildUpstreamRequest, type ProviderConfig } from "./providers.js";

/** The most of an upstream error body read to find its message. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * Streams `provider`'s answer to `messages` into `res`.
 *
 * @example
 * await proxyChat(res, resolveProvider("openai", {}, process.env)!, [{ role: "user", content: "Hi" }]);
 */
export async function proxyChat(
  res: ServerResponse,
  provider: ProviderConfig,
  messages: readonly WireMessage[],
  fetchImpl: typeof fetch = fetch,
): Promise<StreamResult> {
  const upstream = new AbortController();
  const onClose = () => upstream.abort();
  res.on("close", onClose);
  let chunks = 0;
  const ended = (outcome: StreamResult["outcome"]): StreamResult => ({ status: res.statusCode, outcome, tokens: chunks });
  const secrets = [provider.apiKey];
  try {
    const request = buildUpstreamRequest(provider, messages);
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: "POST",
        // identity: a compressed stream would be buffered by the decompressor.
        headers: { ...request.headers, "accept-encoding": "identity" },
        body: request.body,
        signal: upstream.signal,
      });
    } catch (error) {
      if (upstream.signal.aborted) return ended("aborted");
      const reason = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      sendJsonError(res, 502, redact(`Could not reach ${provider.name} at ${new URL(request.url).origin}: ${reason}`, secrets));
      return ended("error");
    }

    if (!response.ok) {
      const detail = redact(await readErrorMessage(response), secrets);
      const headers: Record<string, string> = {};
      const retryAfter = response.headers.get("retry-after");
      if (retryAfter) headers["retry-after"] = retryAfter;
      // The client did nothing wrong when the server's own key is refused or the provider fails.
      const status = response.status === 401 || response.status === 403 || response.status >= 500 ? 502 : response.status;
      const hint = response.status === 401 || response.status === 403 ? " Check the API key configured on the server." : "";
      sendJsonError(res, status, `${provider.name} answered ${response.status}: ${detail}${hint}`, headers, "upstream_error");
      return ended("error");
    }

    res.writeHead(200, {
      "content-type": response.headers.get("content-type") ?? "text/event-stream",
      ...STREAM_HEADERS,
      "x-rivulet-protocol": provider.protocol,
    });
    res.flushHeaders();
    if (response.body) {
      for await (const chunk of response.body) {
        chunks += 1;
        // Respect the client's pace: wait for the socket to drain before reading more upstream.
        if (!res.write(chunk)) await drained(res, upstream.signal);
      }
    }
    res.end();
    return ended("done");
  } catch (error) {
    if (upstream.signal.aborted) return ended("aborted");
    // The provider broke off mid-stream: cut the client's connection too, so it sees a failure.
    if (res.headersSent) {
      res.destroy();
      return ended("dropped");
    }
    sendJsonError(res, 502, redact(`${provider.name} failed: ${error instanceof Error ? error.message : String(error)}`, secrets));
    return ended("error");
  } finally {
    res.off("close", onClose);
  }
}

/** The `error.message` (or `message`, or text) of an error response, at most 500 characters. */
async function readErrorMessage(response: Response): Promise<string> {
  let text = "";
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) {
      text += decoder.decode(chunk, { stream: true });
      // Leaving the loop cancels the rest of the body.
      if (text.length >= MAX_ERROR_BODY) break;
    }
  } catch {
    // A body that fails to arrive still leaves the status to report.
  }
  let message = text.trim() || response.statusText;
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const found = typeof json.error === "string" ? json.error : (json.error?.message ?? json.message);
    if (typeof found === "string") message = found;
  } catch {
    // Not JSON: keep the text.
  }
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

/**
 * `text` with every secret removed, and any masked key (`sk-abc***xyz`, which providers echo in
 * their 401 messages) removed too: no part of a key leaves the server.
 *
 * @example
 * redact("Incorrect API key provided: sk-ab***yz.", ["sk-abcdefyz"]); // "Incorrect API key provided: [redacted]"
 */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  return result.replace(/\S*\*{3,}\S*/g, "[redacted]");
}

function drained(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.on("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}
