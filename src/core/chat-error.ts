/** What kind of failure a {@link ChatError} is. */
export type ChatErrorType = "http" | "network" | "protocol" | "provider" | "timeout";

/** Options for constructing a {@link ChatError}. */
export interface ChatErrorOptions {
  status?: number;
  retryable?: boolean;
  /** Milliseconds the server asked us to wait (from `Retry-After`), where it said. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type rivulet throws and reports. `type` says what failed, `retryable` whether the
 * same request may succeed if sent again.
 *
 * @example
 * try {
 *   for await (const d of decodeStream(res)) render(d);
 * } catch (e) {
 *   if (e instanceof ChatError && e.retryable) showRetry(e.message);
 * }
 */
export class ChatError extends Error {
  readonly type: ChatErrorType;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;

  constructor(type: ChatErrorType, message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ChatError";
    this.type = type;
    this.status = options.status;
    this.retryable = options.retryable ?? defaultRetryable(type, options.status);
    this.retryAfterMs = options.retryAfterMs;
  }
}

function defaultRetryable(type: ChatErrorType, status?: number): boolean {
  switch (type) {
    case "network":
    case "timeout":
      return true;
    case "http":
      // 408 timeout, 409 conflict, 425 too early, 429 rate limit, and every server error.
      return status === undefined || status >= 500 || [408, 409, 425, 429].includes(status);
    default:
      return false;
  }
}

/** True for a {@link ChatError}, also one from another copy of rivulet on the page. */
export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError || (value instanceof Error && value.name === "ChatError" && "retryable" in value);
}
