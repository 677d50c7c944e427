// Storage faults: a persisted conversation that is corrupt, from another format version, or that no
// longer fits is discarded (or the good part kept) with a console warning, never a crash: what
// `ChatPersistence.load()` returns must always be accepted by `new ChatStore({ initialMessages })`,
// as `<Chat persist>` does on mount.
import * as fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatStore } from "../../src/core/chat-store.js";
import { ChatPersistence, type StorageLike } from "../../src/core/persistence.js";
import type { ChatMessage } from "../../src/core/types.js";
import { validateMessages } from "../../src/core/validate-options.js";

/** An in-memory Web Storage with a real quota, counted in UTF-16 code units as browsers do. */
class QuotaStorage implements StorageLike {
  readonly map = new Map<string, string>();
  constructor(readonly quota = Number.POSITIVE_INFINITY) {}
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    let used = key.length + value.length;
    for (const [k, v] of this.map) if (k !== key) used += k.length + v.length;
    if (used > this.quota) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

const good: ChatMessage[] = [
  { id: "u1", role: "user", content: "Hi", state: "done" },
  { id: "a1", role: "assistant", content: "Hello", state: "done" },
];

/** Loads `raw` from storage, then builds a store from it as <Chat persist> does. */
function loadRaw(raw: string): { messages: ChatMessage[]; warnings: unknown[][] } {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  const storage = new QuotaStorage();
  storage.map.set("chat", raw);
  const messages = new ChatPersistence("chat", storage).load();
  const store = new ChatStore({ initialMessages: messages });
  expect(store.getSnapshot().messages).toHaveLength(messages.length);
  const warnings = warn.mock.calls.slice();
  warn.mockRestore();
  return { messages, warnings };
}

afterEach(() => {
  vi.restoreAllMocks();
});

function denied(): never {
  throw new DOMException("The operation is insecure.", "SecurityError");
}

describe("storage faults: corrupt data", () => {
  const CORRUPT: Record<string, string> = {
    "not JSON": "{not json",
    "truncated JSON (a write cut short)": JSON.stringify({ v: 1, messages: good }).slice(0, 40),
    "JSON null": "null",
    "a number": "42",
    "a string": '"hello"',
    "no messages field": '{"v":1}',
    "messages not an array": '{"v":1,"messages":{"0":{}}}',
  };
  it.each(Object.entries(CORRUPT))("%s: discarded with a warning", (_, raw) => {
    const { messages, warnings } = loadRaw(raw);
    expect(messages).toEqual([]);
    expect(warnings.length, "a console warning").toBeGreaterThan(0);
  });

  // Each of these messages is JSON that passes a shallow look but that `new ChatStore()` refuses or the
  // view cannot draw. The good messages around it must survive.
  const BAD_MESSAGES: Record<string, unknown> = {
    "null entry": null,
    "a string entry": "hello",
    "no id": { role: "user", content: "x", state: "done" },
    "an empty id": { id: "", role: "user", content: "x", state: "done" },
    "a duplicate id": { id: "u1", role: "user", content: "again", state: "done" },
    "an unknown role": { id: "r1", role: "robot", content: "x", state: "done" },
    "an unknown state": { id: "s1", role: "assistant", content: "x", state: "exploded" },
    "no state": { id: "s2", role: "assistant", content: "x" },
    "content not a string": { id: "c1", role: "assistant", content: { text: "x" }, state: "done" },
    "toolCalls not an array": { id: "t1", role: "assistant", content: "x", state: "done", toolCalls: "call" },
    "a tool call without argsText": { id: "t2", role: "assistant", content: "x", state: "done", toolCalls: [{ id: 1 }] },
    "reasoning not a string": { id: "g1", role: "assistant", content: "x", state: "done", reasoning: 5 },
  };
  it.each(Object.entries(BAD_MESSAGES))("a message with %s: the store accepts what loads, with a warning", (_, bad) => {
    const { messages, warnings } = loadRaw(JSON.stringify({ v: 1, messages: [good[0], bad, good[1]] }));
    expect(() => validateMessages(messages, "load()")).not.toThrow();
    expect(messages.map((m) => m.id).slice(0, 1)).toEqual(["u1"]);
    expect(messages.at(-1)?.id).toBe("a1");
    expect(warnings.length, "a console warning").toBeGreaterThan(0);
  });

  it("any JSON at all under the key (2,000 random documents) loads into a store without throwing", () => {
    const messageLike = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(undefined)),
        role: fc.oneof(fc.constantFrom("user", "assistant", "system", "tool"), fc.jsonValue()),
        content: fc.oneof(fc.string({ maxLength: 8 }), fc.jsonValue()),
        state: fc.oneof(fc.constantFrom("streaming", "done", "aborted", "error", "?"), fc.jsonValue()),
        reasoning: fc.jsonValue(),
        toolCalls: fc.jsonValue(),
        usage: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const document = fc.oneof(
      fc.jsonValue(),
      fc.record({ v: fc.oneof(fc.constant(1), fc.jsonValue()), messages: fc.array(fc.oneof(messageLike, fc.jsonValue()), { maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(document, (value) => {
        const { messages } = loadRaw(JSON.stringify(value) ?? "null");
        expect(() => validateMessages(messages, "load()")).not.toThrow();
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("storage faults: other format versions", () => {
  it("an older, unversioned save (a bare array of messages) is discarded or migrated, with a warning", () => {
    const { messages, warnings } = loadRaw(JSON.stringify(good));
    expect([[], good]).toContainEqual(messages);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("version 0 is discarded or migrated, with a warning", () => {
    const { messages, warnings } = loadRaw(JSON.stringify({ v: 0, messages: good }));
    expect([[], good]).toContainEqual(messages);
    expect(warnings.length).toBeGreaterThan(0);
  });

  it("a newer version it cannot read is discarded with a warning", () => {
    const { messages, warnings } = loadRaw(JSON.stringify({ v: 99, conversation: { turns: [] } }));
    expect(messages).toEqual([]);
    expect(warnings.length).toBeGreaterThan(0);
  });
});

describe("storage faults: over quota", () => {
  it("a conversation that outgrows the quota keeps chatting from memory, with one warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const storage = new QuotaStorage(2_000);
    const persistence = new ChatPersistence("chat", storage);
    persistence.save(good);
    expect(persistence.persistent).toBe(true);
    const long: ChatMessage[] = [...good, { id: "a2", role: "assistant", content: "x".repeat(5_000), state: "done" }];
    expect(() => persistence.save(long)).not.toThrow();
    expect(() => persistence.save([...long, { id: "u3", role: "user", content: "more", state: "done" }])).not.toThrow();
    expect(persistence.persistent).toBe(false);
    expect(persistence.load()).toHaveLength(4);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/rivulet/i);
  });

  it("a storage that throws on every access (blocked, sandboxed) degrades to memory with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const persistence = new ChatPersistence("chat", { getItem: denied, setItem: denied, removeItem: denied });
    expect(persistence.load()).toEqual([]);
    persistence.save(good);
    expect(persistence.load()).toEqual(good);
    expect(warn).toHaveBeenCalled();
  });
});
