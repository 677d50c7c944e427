/**
 * The faults the mock model injects on request (`?fault=`), so a client's failure handling can be
 * shown and tested: a dropped connection, a stall, HTTP errors, a malformed or error event, a slow
 * first byte.
 */
import { HttpError } from "./http-error.js";

/**
 * One injected fault.
 *
 * @example
 * const fault: Fault = { type: "drop", afterTokens: 20 };
 */
export type Fault =
  | { type: "drop"; afterTokens: number }
  | { type: "stall"; seconds: number }
  | { type: "500" }
  | { type: "429" }
  | { type: "malformed" }
  | { type: "provider-error" }
  | { type: "slow-first-byte"; seconds: number };

/**
 * The accepted `fault` values (`N` a whole number of tokens, `S` seconds, fractions allowed).
 * Several can be combined with commas: `slow-first-byte:1,drop:20`.
 *
 * @example
 * FAULTS.includes("429"); // true
 */
export const FAULTS: readonly string[] = [
  "drop:N",
  "stall:S",
  "500",
  "429",
  "malformed",
  "provider-error",
  "slow-first-byte:S",
];

/** The longest stall or first-byte delay accepted, in seconds. */
const MAX_SECONDS = 600;

/**
 * Parses a `fault` parameter; throws a 400 {@link HttpError} listing the valid values otherwise.
 *
 * @example
 * parseFaults("drop:5"); // [{ type: "drop", afterTokens: 5 }]
 */
export function parseFaults(value: string): Fault[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(parseFault);
}

function parseFault(text: string): Fault {
  const [name, argument] = text.split(":", 2) as [string, string | undefined];
  switch (name) {
    case "500":
    case "429":
    case "malformed":
    case "provider-error":
      if (argument === undefined) return { type: name };
      break;
    case "drop": {
      const count = Number(argument);
      if (argument !== undefined && Number.isInteger(count) && count >= 0) return { type: "drop", afterTokens: count };
      break;
    }
    case "stall":
    case "slow-first-byte": {
      const seconds = Number(argument);
      if (argument !== undefined && argument !== "" && seconds >= 0 && seconds <= MAX_SECONDS) return { type: name, seconds };
      break;
    }
  }
  throw new HttpError(400, `Unknown fault "${text}". Valid faults: ${FAULTS.join(", ")} (S at most ${MAX_SECONDS}).`);
}
