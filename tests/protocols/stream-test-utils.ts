/**
 * Helpers for the protocol tests: byte streams cut at given offsets, collecting deltas, summing them up.
 */
import type { ChatDelta } from "../../src/core/types.js";
import type { StreamSummary } from "../fixtures/streams/index.js";

/** A ReadableStream of `bytes` cut at `cuts` (sorted offsets), one read per piece. */
export function streamOf(bytes: Uint8Array, cuts: readonly number[] = []): ReadableStream<Uint8Array> {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > start) pieces.push(bytes.slice(start, cut));
    start = Math.max(start, cut);
  }
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[i++];
      if (piece) controller.enqueue(piece);
      else controller.close();
    },
  });
}

/** A Response with the fixture's headers around a cut body. */
export function responseOf(bytes: Uint8Array, headers: Record<string, string>, cuts: readonly number[] = []): Response {
  return new Response(streamOf(bytes, cuts), { headers });
}

/** Every delta, and the error the iteration ended with (if any). */
export async function collect(iterable: AsyncIterable<ChatDelta>): Promise<{ deltas: ChatDelta[]; error?: unknown }> {
  const deltas: ChatDelta[] = [];
  try {
    for await (const delta of iterable) deltas.push(delta);
  } catch (error) {
    return { deltas, error };
  }
  return { deltas };
}

/** Every delta; fails the test on an error. */
export async function collectOk(iterable: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const { deltas, error } = await collect(iterable);
  if (error !== undefined) throw error;
  return deltas;
}

/** Adds a stream's deltas up. */
export function summarize(deltas: readonly ChatDelta[]): StreamSummary {
  const summary: StreamSummary = { text: "", reasoning: "", toolCalls: [], finish: undefined };
  for (const delta of deltas) {
    if (delta.type === "text") summary.text += delta.text;
    else if (delta.type === "reasoning") summary.reasoning += delta.text;
    else if (delta.type === "tool-call") {
      const call = summary.toolCalls.find((c) => c.id === delta.id);
      if (call) {
        call.argsText += delta.argsText;
        if (delta.name) call.name = delta.name;
      } else {
        summary.toolCalls.push({ id: delta.id, ...(delta.name ? { name: delta.name } : {}), argsText: delta.argsText });
      }
    } else summary.finish = { ...delta, type: undefined } as StreamSummary["finish"];
  }
  if (summary.finish) delete (summary.finish as { type?: unknown }).type;
  return summary;
}

/** Adjacent text (or reasoning) deltas joined: what a chunking-independent comparison needs. */
export function merge(deltas: readonly ChatDelta[]): ChatDelta[] {
  const merged: ChatDelta[] = [];
  for (const delta of deltas) {
    const last = merged[merged.length - 1];
    if (last && (last.type === "text" || last.type === "reasoning") && last.type === delta.type) {
      merged[merged.length - 1] = { type: last.type, text: last.text + delta.text };
    } else merged.push(delta);
  }
  return merged;
}

/** A small seeded PRNG (mulberry32), so random splits are the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` sorted distinct offsets in 1..length-1. */
export function randomCuts(random: () => number, length: number, count: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < Math.min(count, length - 1)) cuts.add(1 + Math.floor(random() * (length - 1)));
  return [...cuts].toSorted((a, b) => a - b);
}
