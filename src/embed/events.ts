import type { ChatError } from "../core/chat-error.js";
import type { ChatMessage } from "../core/types.js";

/**
 * What each embed event carries. Every event also reaches the page as a composed, bubbling
 * `CustomEvent` named `rivulet:<name>` on the host element, with this as its `detail`.
 */
export interface RivuletEventMap {
  /** The widget rendered for the first time. */
  ready: Record<string, never>;
  /** The launcher's panel opened. */
  open: Record<string, never>;
  /** The launcher's panel closed. */
  close: Record<string, never>;
  /** An answer finished (also a stopped one). */
  message: { message: ChatMessage };
  /** The user (or `send`) sent a message. */
  messageSent: { text: string };
  /** A request failed. */
  error: { error: ChatError };
}

/** The name of an embed event. */
export type RivuletEventName = keyof RivuletEventMap;

/** A listener of one embed event. */
export type RivuletListener<K extends RivuletEventName> = (detail: RivuletEventMap[K]) => void;

/** The DOM event type of an embed event: `rivulet:` and the name, so it never collides with DOM events. */
export const domEventType = (name: RivuletEventName): string => `rivulet:${name}`;

/**
 * The embed's events: `on(name, listener) → unsubscribe` for code that holds the instance, and a
 * DOM CustomEvent on the host for code that only holds the element.
 *
 * @example
 * const events = new EmbedEvents(host);
 * const off = events.on("message", ({ message }) => console.log(message.content));
 * events.emit("message", { message });
 * off();
 */
export class EmbedEvents {
  readonly #host: HTMLElement;
  readonly #listeners = new Map<RivuletEventName, Set<(detail: never) => void>>();

  constructor(host: HTMLElement) {
    this.#host = host;
  }

  on = <K extends RivuletEventName>(name: K, listener: RivuletListener<K>): (() => void) => {
    if (!DOM_NAMES.has(name)) {
      throw new TypeError(`rivulet: there is no "${String(name)}" event. The events are: ${[...DOM_NAMES].join(", ")}.`);
    }
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (detail: never) => void);
    return () => {
      set.delete(listener as (detail: never) => void);
    };
  };

  emit = <K extends RivuletEventName>(name: K, detail: RivuletEventMap[K]): void => {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as RivuletListener<K>)(detail);
      } catch (error) {
        // A page's listener must not break the widget or the other listeners.
        reportError(error);
      }
    }
    this.#host.dispatchEvent(new CustomEvent(domEventType(name), { detail, bubbles: true, composed: true }));
  };

  clear = (): void => {
    this.#listeners.clear();
  };
}

const DOM_NAMES = new Set<RivuletEventName>(["ready", "open", "close", "message", "messageSent", "error"]);
