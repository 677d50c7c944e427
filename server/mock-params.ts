/**
 * The knobs of one mock answer, read from the query string (`?protocol=&tps=&seed=&fault=&retryAfter=`)
 * or, failing that, from fields of the same names in the JSON body. The query wins, so a URL can
 * override what a client puts in its body.
 */
import type { Protocol } from "../src/core/types.js";
import { PROTOCOLS } from "./encoders/create-encoder.js";
import { parseFaults, type Fault } from "./faults.js";
import { HttpError } from "./http-error.js";

/**
 * What the mock model needs to know to write one answer.
 *
 * @example
 * const params: MockParams = { protocol: "gemini", tps: 60, seed: 1, faults: [], retryAfter: 1 };
 */
export interface MockParams {
  protocol: Protocol;
  /** Mean tokens per second. */
  tps: number;
  /** Seed of the timing jitter and ids. */
  seed: number;
  faults: Fault[];
  /** Seconds sent in `Retry-After` with the 429 fault. */
  retryAfter: number;
}

/** Server-side defaults for {@link MockParams}. */
export interface MockDefaults {
  protocol?: Protocol;
  tps?: number;
  seed?: number;
}

/**
 * The fastest rate accepted; tests use high rates to run quickly.
 *
 * @example
 * fetch(`/api/chat?tps=${MAX_TPS}`, init); // as fast as the socket goes
 */
export const MAX_TPS = 1_000_000;

/**
 * Reads and validates the mock parameters; throws a 400 {@link HttpError} naming the valid values.
 *
 * @example
 * readMockParams(new URL("http://x/api/chat?protocol=anthropic&tps=200").searchParams, {}, {});
 * // { protocol: "anthropic", tps: 200, seed: 1, faults: [], retryAfter: 1 }
 */
export function readMockParams(query: URLSearchParams, body: Record<string, unknown>, defaults: MockDefaults): MockParams {
  const read = (name: string): string | undefined => {
    const fromQuery = query.get(name);
    if (fromQuery !== null) return fromQuery;
    const fromBody = body[name];
    if (fromBody === undefined || fromBody === null) return undefined;
    if (typeof fromBody === "string" || typeof fromBody === "number") return String(fromBody);
    throw new HttpError(400, `\`${name}\` must be a string or a number.`);
  };

  const protocol = read("protocol") ?? defaults.protocol ?? "openai-chat";
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw new HttpError(400, `Unknown protocol "${protocol}". Valid protocols: ${PROTOCOLS.join(", ")}.`);
  }
  const tps = Number(read("tps") ?? defaults.tps ?? 60);
  if (!(tps > 0 && tps <= MAX_TPS)) {
    throw new HttpError(400, `\`tps\` must be a number of tokens per second above 0 and at most ${MAX_TPS}.`);
  }
  const seed = Number(read("seed") ?? defaults.seed ?? 1);
  if (!Number.isSafeInteger(seed)) throw new HttpError(400, "`seed` must be a whole number.");
  const retryAfter = Number(read("retryAfter") ?? 1);
  if (!(Number.isInteger(retryAfter) && retryAfter >= 0)) {
    throw new HttpError(400, "`retryAfter` must be a whole number of seconds, 0 or more.");
  }
  return { protocol: protocol as Protocol, tps, seed, faults: parseFaults(read("fault") ?? ""), retryAfter };
}
