/**
 * A `fetch` for the react18 tests that answers with a real `Response` whose OpenAI-style SSE body the
 * test writes chunk by chunk, so a test decides exactly when each token arrives and when the answer ends.
 */
export interface ControlledAnswer {
  /** Sends one OpenAI chat-completions delta event carrying `text`. */
  push(text: string): void;
  /** Sends the finish event and `[DONE]`, and closes the body. */
  finish(): void;
  /** True once the request's signal aborted (the client stopped reading). */
  readonly aborted: boolean;
}

export interface ControlledFetch {
  fetch: typeof globalThis.fetch;
  /** The request bodies sent so far, parsed. */
  bodies: { messages: { role: string; content: string }[] }[];
  /** Resolves with the answer of request `i` once it was made. */
  answer(i: number): Promise<ControlledAnswer>;
}

const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);

export function controlledFetch(): ControlledFetch {
  const bodies: ControlledFetch["bodies"] = [];
  const answers: ControlledAnswer[] = [];
  const waiters = new Map<number, (answer: ControlledAnswer) => void>();
  const fetch: typeof globalThis.fetch = (_input, init) => {
    bodies.push(JSON.parse(String(init?.body)) as ControlledFetch["bodies"][number]);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let aborted = false;
    let closed = false;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: () => {
        closed = true;
      },
    });
    init?.signal?.addEventListener("abort", () => {
      aborted = true;
    });
    const write = (chunk: Uint8Array) => {
      if (!closed) controller.enqueue(chunk);
    };
    const answer: ControlledAnswer = {
      push: (text) => write(event({ choices: [{ index: 0, delta: { content: text } }] })),
      finish: () => {
        write(event({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }));
        write(event("[DONE]"));
        if (!closed) controller.close();
        closed = true;
      },
      get aborted() {
        return aborted;
      },
    };
    const index = answers.push(answer) - 1;
    waiters.get(index)?.(answer);
    return Promise.resolve(new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } }));
  };
  return {
    fetch,
    bodies,
    answer: (i) => {
      const ready = answers[i];
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.set(i, resolve));
    },
  };
}
