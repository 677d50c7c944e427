import { describe, expect, it } from "vitest";
import { ChatPersistence, type StorageLike } from "../../src/core/persistence.js";
import type { ChatMessage } from "../../src/core/types.js";

class MapStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const question: ChatMessage = { id: "u1", role: "user", content: "Hi", state: "done" };
const answer: ChatMessage = { id: "a1", role: "assistant", content: "Hello", state: "done" };

describe("ChatPersistence", () => {
  it("saves and loads a conversation under its key", () => {
    const storage = new MapStorage();
    new ChatPersistence("k", storage).save([question, answer]);
    expect([...storage.map.keys()]).toEqual(["k"]);
    expect(new ChatPersistence("k", storage).load()).toEqual([question, answer]);
    expect(new ChatPersistence("other", storage).load()).toEqual([]);
  });

  it("brings an answer cut by a reload back as partial text marked interrupted, and drops an empty one", () => {
    const storage = new MapStorage();
    const cut: ChatMessage = { id: "a2", role: "assistant", content: "Half an ans", state: "streaming" };
    new ChatPersistence("k", storage).save([question, cut]);
    expect(new ChatPersistence("k", storage).load()).toEqual([question, { ...cut, state: "aborted", interrupted: true }]);
    new ChatPersistence("k", storage).save([question, { ...cut, content: "" }]);
    expect(new ChatPersistence("k", storage).load()).toEqual([question]);
  });

  it("degrades to memory when the storage is full, without throwing", () => {
    const storage = new MapStorage();
    storage.setItem = () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    const persistence = new ChatPersistence("k", storage);
    expect(() => persistence.save([question, answer])).not.toThrow();
    expect(persistence.persistent).toBe(false);
    expect(persistence.load()).toEqual([question, answer]);
  });

  it("degrades to memory when the storage throws on every access", () => {
    const hostile: StorageLike = {
      getItem() {
        throw new DOMException("denied", "SecurityError");
      },
      setItem() {
        throw new DOMException("denied", "SecurityError");
      },
      removeItem() {
        throw new DOMException("denied", "SecurityError");
      },
    };
    const persistence = new ChatPersistence("k", hostile);
    expect(persistence.load()).toEqual([]);
    expect(() => persistence.save([question])).not.toThrow();
    expect(persistence.load()).toEqual([question]);
    expect(() => persistence.clear()).not.toThrow();
    expect(persistence.load()).toEqual([]);
  });

  it("ignores corrupt or foreign data", () => {
    const storage = new MapStorage();
    storage.setItem("k", "{not json");
    expect(new ChatPersistence("k", storage).load()).toEqual([]);
    storage.setItem("k", JSON.stringify({ v: 99, messages: [question] }));
    expect(new ChatPersistence("k", storage).load()).toEqual([]);
    storage.setItem("k", JSON.stringify({ v: 1, messages: [question, { nope: true }] }));
    expect(new ChatPersistence("k", storage).load()).toEqual([question]);
  });

  it("works in Node with no localStorage at all", () => {
    const persistence = new ChatPersistence("k");
    expect(persistence.load()).toEqual([]);
    persistence.save([question]);
    expect(persistence.load()).toEqual([question]);
  });
});
