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
      } catch (error) {
        this.#degrade("read", error);
      }
    }
    if (!raw) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return this.#discard("is not valid JSON");
    }
    if (!isRecord(parsed) || parsed.v !== FORMAT_VERSION || !Array.isArray(parsed.messages)) {
      // No earlier format was ever written, so there is nothing to migrate: a bare array or another
      // version is someone else's data, or a future version's; it is left alone until the next save.
      const version = isRecord(parsed) ? parsed.v : undefined;
      const other = typeof version === "number" && version !== FORMAT_VERSION;
      return this.#discard(other ? `is format version ${version}, not ${FORMAT_VERSION}` : "is not a saved conversation");
    }
    const seen = new Set<string>();
    const messages = (parsed.messages as unknown[]).filter((m): m is ChatMessage => isMessage(m, seen));
    const dropped = parsed.messages.length - messages.length;
    if (dropped > 0) {
      warn(`dropped ${dropped} unreadable message${dropped === 1 ? "" : "s"} from the conversation saved under "${this.key}".`);
    }
    return messages.flatMap(restore);
  }

  /** Saves the messages; on a full or failing storage keeps them in memory instead. */
  save(messages: readonly ChatMessage[]): void {
    const raw = JSON.stringify({ v: FORMAT_VERSION, messages } satisfies Stored);
    this.#memory = raw;
    if (!this.#storage) return;
    try {
      this.#storage.setItem(this.key, raw);
    } catch (error) {
      // QuotaExceededError or a storage revoked mid-session: keep chatting from memory.
      this.#degrade("save", error);
    }
  }

  /** Forgets the conversation. */
  clear(): void {
    this.#memory = undefined;
    try {
      this.#storage?.removeItem(this.key);
    } catch (error) {
      this.#degrade("clear", error);
    }
  }

  /** Gives up on the storage for this page, saying so once. */
  #degrade(action: string, error: unknown): void {
    if (!this.#storage) return;
    this.#storage = undefined;
    const reason = error instanceof Error ? error.name : String(error);
    warn(`could not ${action} the conversation "${this.key}" (${reason}); it is kept in memory for this page only.`);
  }

  #discard(reason: string): [] {
    warn(`the conversation saved under "${this.key}" ${reason}; starting a new one.`);
    return [];
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

function warn(message: string): void {
  console.warn(`rivulet: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ROLES: readonly unknown[] = ["user", "assistant", "system"];
const STATES: readonly unknown[] = ["streaming", "done", "aborted", "error"];
const optional = (value: unknown, type: "string" | "number" | "boolean") => value === undefined || typeof value === type;

/**
 * A message the store accepts and the view can draw (the checks of `validateMessages`, plus the
 * optional fields' types): storage is outside our control, so anything else is dropped, not trusted.
 */
function isMessage(value: unknown, seen: Set<string>): value is ChatMessage {
  if (!isRecord(value)) return false;
  const m = value;
  const valid =
    typeof m.id === "string" && m.id !== "" && !seen.has(m.id) &&
    ROLES.includes(m.role) && typeof m.content === "string" && STATES.includes(m.state) &&
    optional(m.reasoning, "string") && optional(m.error, "string") && optional(m.finishReason, "string") &&
    optional(m.createdAt, "number") && optional(m.interrupted, "boolean") &&
    (m.usage === undefined || isRecord(m.usage)) &&
    (m.toolCalls === undefined ||
      (Array.isArray(m.toolCalls) &&
        m.toolCalls.every((c) => isRecord(c) && typeof c.id === "string" && typeof c.argsText === "string" && optional(c.name, "string"))));
  if (valid) seen.add(m.id as string);
  return valid;
}

function restore(message: ChatMessage): ChatMessage[] {
  if (message.state !== "streaming") return [message];
  if (message.content === "" && !message.reasoning && !message.toolCalls?.length) return [];
  return [{ ...message, state: "aborted", interrupted: true }];
}
