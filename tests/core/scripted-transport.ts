import type { ChatStore } from "../../src/core/chat-store.js";
import type { ChatDelta, ChatSnapshot, ChatTransport, ChatTransportRequest } from "../../src/core/types.js";

type Item = { delta: ChatDelta } | { end: true } | { error: unknown };

/**
 * One scripted answer: the test pushes deltas, ends it or fails it, and the store reads them as a
 * transport would. Like fetch, a pending read rejects with an AbortError when the signal aborts,
 * unless `ignoreAbort` models a transport that keeps delivering.
 */
export class ScriptedAnswer {
  readonly #queue: Item[] = [];
  #wake: (() => void) | undefined;
  aborted = false;

  constructor(
    readonly request: ChatTransportRequest,
    readonly signal: AbortSignal,
    ignoreAbort: boolean,
  ) {
    signal.addEventListener("abort", () => {
      this.aborted = true;
      if (!ignoreAbort) this.#put({ error: new DOMException("The operation was aborted.", "AbortError") });
    });
  }

  push(...deltas: ChatDelta[]): this {
    for (const delta of deltas) this.#put({ delta });
    return this;
  }

  text(...texts: string[]): this {
    return this.push(...texts.map((text): ChatDelta => ({ type: "text", text })));
  }

  end(): void {
    this.#put({ end: true });
  }

  fail(error: unknown): void {
    this.#put({ error });
  }

  #put(item: Item): void {
    this.#queue.push(item);
    this.#wake?.();
  }

  async *iterate(): AsyncGenerator<ChatDelta> {
    for (;;) {
      while (this.#queue.length === 0) await new Promise<void>((resolve) => (this.#wake = resolve));
      const item = this.#queue.shift()!;
      if ("end" in item) return;
      if ("error" in item) throw item.error;
      yield item.delta;
    }
  }
}

/** A transport whose answers the test writes by hand; `answers` holds one per request, in order. */
export function scriptedTransport(options: { ignoreAbort?: boolean } = {}) {
  const answers: ScriptedAnswer[] = [];
  const transport: ChatTransport = (request, signal) => {
    const answer = new ScriptedAnswer(request, signal, options.ignoreAbort ?? false);
    answers.push(answer);
    return answer.iterate();
  };
  return {
    transport,
    answers,
    get last(): ScriptedAnswer {
      const answer = answers.at(-1);
      if (!answer) throw new Error("no request was sent");
      return answer;
    },
  };
}

/** A compact, readable form of a snapshot for whole-history assertions. */
export function summarize(snapshot: ChatSnapshot): { status: string; messages: string[]; error?: string } {
  return {
    status: snapshot.status,
    messages: snapshot.messages.map((m) => `${m.role} ${m.state}: ${m.content}${m.error ? ` [${m.error}]` : ""}`),
    ...(snapshot.error ? { error: `${snapshot.error.type}: ${snapshot.error.message}` } : {}),
  };
}

/** Records every snapshot the store emits, in order. */
export function recordSnapshots(store: ChatStore): ChatSnapshot[] {
  const history: ChatSnapshot[] = [];
  store.subscribe(() => history.push(store.getSnapshot()));
  return history;
}
