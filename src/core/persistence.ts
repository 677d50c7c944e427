/**
 * Keeps a conversation in Web Storage under one key, and falls back to memory when the storage is
 * missing, blocked (Safari private mode, sandboxed iframes, disabled cookies) or full. Nothing here
 * throws at the caller: a widget that cannot persist still chats.
 */
import type { ChatMessage } from "./types.js";

/** The part of the Web Storage API that {@link ChatPersistence} uses. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const FORMAT_VERSION = 1;

interface Stored {
  v: number;
  messages: readonly ChatMessage[];
}

/**
 * Loads and saves one conversation.
 *
 * @example
 * const persistence = new ChatPersistence("support-chat");
 * const store = new ChatStore({ initialMessages: persistence.load() });
 * store.subscribe(() => persistence.save(store.getSnapshot().messages));
 */
export class ChatPersistence {
  readonly key: string;
  #storage: StorageLike | undefined;
  #memory: string | undefined;

  /**
   * @param key - The storage key.
   * @param storage - Where to keep it. Default `globalThis.localStorage`, read lazily because merely
   *   touching it throws a SecurityError in some sandboxes.
   */
  constructor(key: string, storage?: StorageLike) {
    this.key = key;
    this.#storage = storage ?? defaultStorage();
  }

  /** True while saves reach the real storage; false once it degraded to memory. */
  get persistent(): boolean {
    return this.#storage !== undefined;
  }

  /**
   * The saved messages, or `[]`. An answer that was still streaming when the page went away comes
   * back as its partial text, marked `interrupted` (state `"aborted"`); an empty one is dropped.
   */
  load(): ChatMessage[] {
    let raw: string | null | undefined = this.#memory;
    if (this.#storage) {
      try {
        raw = this.#storage.getItem(this.key);
      } catch {
        this.#degrade();
      }
    }
    if (!raw) return [];
    try {
      const parsed = JSON.parse(raw) as Partial<Stored>;
      if (parsed.v !== FORMAT_VERSION || !Array.isArray(parsed.messages)) return [];
      return parsed.messages.filter(isMessage).flatMap(restore);
    } catch {
      return [];
    }
  }

  /** Saves the messages; on a full or failing storage keeps them in memory instead. */
  save(messages: readonly ChatMessage[]): void {
    const raw = JSON.stringify({ v: FORMAT_VERSION, messages } satisfies Stored);
    this.#memory = raw;
    if (!this.#storage) return;
    try {
      this.#storage.setItem(this.key, raw);
    } catch {
      // QuotaExceededError or a storage revoked mid-session: keep chatting from memory.
      this.#degrade();
    }
  }

  /** Forgets the conversation. */
  clear(): void {
    this.#memory = undefined;
    try {
      this.#storage?.removeItem(this.key);
    } catch {
      this.#degrade();
    }
  }

  #degrade(): void {
    this.#storage = undefined;
  }
}

function defaultStorage(): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike }).localStorage;
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}

function isMessage(value: unknown): value is ChatMessage {
  if (typeof value !== "object" || value === null) return false;
  const m = value as Record<string, unknown>;
  return typeof m.id === "string" && typeof m.role === "string" && typeof m.content === "string";
}

function restore(message: ChatMessage): ChatMessage[] {
  if (message.state !== "streaming") return [message];
  if (message.content === "" && !message.reasoning && !message.toolCalls?.length) return [];
  return [{ ...message, state: "aborted", interrupted: true }];
}
