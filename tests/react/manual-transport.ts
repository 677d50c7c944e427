// A ChatTransport that a test feeds by hand, delta by delta, for the component tests of useChat and <Chat>.
import type { ChatDelta, ChatTransport } from "../../src/core/types.js";

export interface ManualRequest {
  endpoint?: string;
  messages: { role: string; content: string }[];
  signal: AbortSignal;
  push(delta: ChatDelta): void;
  /** Ends the answer normally. */
  end(): void;
  /** Makes the transport throw `error` after the deltas pushed so far. */
  fail(error: Error): void;
}

/** A transport the test feeds by hand: each request gets a queue of deltas, then an end or a failure. */
export function manualTransport() {
  const requests: ManualRequest[] = [];
  const transport: ChatTransport = (request, signal) => {
    const queue: (ChatDelta | Error | null)[] = [];
    let wake: (() => void) | undefined;
    const push = (item: ChatDelta | Error | null) => {
      queue.push(item);
      wake?.();
    };
    requests.push({
      endpoint: request.options.endpoint,
      messages: request.messages,
      signal,
      push,
      end: () => push(null),
      fail: (error) => push(error),
    });
    return (async function* () {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const item = queue.shift();
        if (item === null || item === undefined) return;
        if (item instanceof Error) throw item;
        yield item;
      }
    })();
  };
  return { transport, requests };
}
