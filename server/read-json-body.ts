/**
 * Reads a request's JSON body with a size limit, and turns it into the conversation to answer.
 */
import type { IncomingMessage } from "node:http";
import type { Role, WireMessage } from "../src/core/types.js";
import { HttpError } from "./http-error.js";

/**
 * The parsed JSON body of `req`; a 413 {@link HttpError} past `limit` bytes (checked against
 * `Content-Length` before reading, and while reading for chunked bodies), a 400 for bad JSON.
 *
 * @example
 * const body = await readJsonBody(req, 1_048_576);
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const tooLarge = () => new HttpError(413, `Request body is larger than the limit of ${limit} bytes.`, { connection: "close" });
  if (Number(req.headers["content-length"] ?? 0) > limit) {
    req.resume();
    throw tooLarge();
  }
  const text = await readText(req, limit, tooLarge);
  if (text.trim() === "") throw new HttpError(400, 'Request body is empty. Send JSON: { "messages": [{ "role": "user", "content": "Hello" }] }.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Request body is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Request body must be a JSON object: { "messages": [...] }.');
  }
  return body as Record<string, unknown>;
}

/**
 * The body as text. Past the limit it stops keeping data but lets the rest drain (rather than
 * destroying the request, which would cut the socket before the client could read the 413).
 */
function readText(req: IncomingMessage, limit: number, tooLarge: () => HttpError): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData).off("end", onEnd).off("error", onError).resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    const onError = (error: Error) => reject(error);
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

const ROLES: Readonly<Record<string, Role>> = { user: "user", assistant: "assistant", system: "system", developer: "system" };

/**
 * The conversation in `body.messages`: each `{ role, content }` with string content, or content as
 * an array of `{ type: "text", text }` parts, or AI SDK UI messages with `parts`. A 400
 * {@link HttpError} that says what is wrong otherwise.
 *
 * @example
 * readMessages({ messages: [{ role: "user", content: "Hi" }] }); // [{ role: "user", content: "Hi" }]
 */
export function readMessages(body: Record<string, unknown>): WireMessage[] {
  const { messages } = body;
  if (!Array.isArray(messages)) {
    const hint = "message" in body || "prompt" in body ? " Did you mean `messages`?" : "";
    throw new HttpError(400, `\`messages\` must be an array of { role, content }.${hint}`);
  }
  if (messages.length === 0) throw new HttpError(400, "`messages` must not be empty.");
  return messages.map((message: unknown, index) => {
    if (typeof message !== "object" || message === null) throw new HttpError(400, `messages[${index}] must be an object.`);
    const { role, content, parts } = message as { role?: unknown; content?: unknown; parts?: unknown };
    const wireRole = typeof role === "string" ? ROLES[role] : undefined;
    if (!wireRole) {
      throw new HttpError(400, `messages[${index}].role must be one of ${Object.keys(ROLES).join(", ")}.`);
    }
    const text = typeof content === "string" ? content : (textOfParts(content) ?? textOfParts(parts));
    if (text === undefined) {
      throw new HttpError(400, `messages[${index}].content must be a string (or an array of { type: "text", text } parts).`);
    }
    return { role: wireRole, content: text };
  });
}

function textOfParts(parts: unknown): string | undefined {
  if (!Array.isArray(parts)) return undefined;
  const texts = parts
    .filter((part): part is { type: string; text: string } => typeof part === "object" && part !== null && typeof part.text === "string")
    .filter((part) => part.type === "text")
    .map((part) => part.text);
  return texts.join("");
}
