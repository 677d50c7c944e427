let counter = 0;

/**
 * A unique, stable id for a new message: `crypto.randomUUID()` where the runtime has it (secure
 * contexts, Node 19+), otherwise a counter plus random digits, which is unique within the page and
 * unlikely to collide with ids restored from storage.
 *
 * @example
 * const message = { id: createMessageId(), role: "user", content: "Hi", state: "done" };
 */
export function createMessageId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  // randomUUID only exists in secure contexts; an embed on a plain-http page falls back.
  if (typeof cryptoApi?.randomUUID === "function") return cryptoApi.randomUUID();
  counter += 1;
  return `m${Date.now().toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
