import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import type { ChatError } from "../core/chat-error.js";
import type { ChatMessage } from "../core/types.js";
import { EmbedApp } from "./embed-app.js";
import type { EmbedChatEvents, EmbedChatHandle } from "./embed-chat.js";
import { EmbedEvents, type RivuletEventName, type RivuletListener } from "./events.js";
import { splitOptions, type EmbedOptions } from "./options.js";
import { embedSheet, HostVariables, launcherHostSheet } from "./sheets.js";

/**
 * A running widget, as `Rivulet.mount`, `Rivulet('init', …)` and `<rivulet-chat>` return it.
 *
 * @example
 * const chat = Rivulet.mount(document.querySelector("#help"), { endpoint: "/api/chat" });
 * const off = chat.on("message", ({ message }) => console.log(message.content));
 * chat.send("Hello");
 * chat.destroy();
 */
export interface RivuletInstance {
  /** Opens the launcher's panel (no-op inline). */
  open(): void;
  /** Closes the launcher's panel (no-op inline). */
  close(): void;
  toggle(): void;
  /**
   * Sends a message as if the user typed it (waiting for the first render if need be). Resolves to
   * false when it was not sent: blank text, or an answer still in progress. Listen to `message` for
   * the answer.
   */
  send(text: string): Promise<boolean>;
  /** Listens to an event; returns the function that stops listening. */
  on<K extends RivuletEventName>(event: K, listener: RivuletListener<K>): () => void;
  /** Replaces the options (those left out go back to their defaults). */
  setOptions(options: EmbedOptions): void;
  /** Removes every node, listener and timer the widget made. */
  destroy(): void;
  /** The element whose shadow root holds the widget. */
  readonly host: HTMLElement;
  readonly destroyed: boolean;
}

/** How a widget sits in the page. */
export interface EmbedWidgetContext {
  /** Whether the host is ours (made by mount/init) and goes on destroy. */
  ownsHost: boolean;
  /** The value of the `launcher` option when it is not given. */
  launcherByDefault: boolean;
  /** Cleanup of the boot path's own, run by destroy. */
  onDestroy?: () => void;
}

const DEFAULT_Z_INDEX = 2147483000;

/**
 * The controller behind every boot path: one shadow root, one React root, the open state and the
 * events. All methods are bound.
 */
export class EmbedWidget implements RivuletInstance {
  readonly host: HTMLElement;
  readonly #shadow: ShadowRoot;
  readonly #container: HTMLDivElement;
  readonly #root: Root;
  readonly #variables: HostVariables;
  readonly #events: EmbedEvents;
  readonly #context: EmbedWidgetContext;
  #options: EmbedOptions = {};
  #isOpen = false;
  #unread = false;
  #ready = false;
  #destroyed = false;
  #chat: EmbedChatHandle | null = null;
  #waiting: Array<() => void> = [];
  #stopViewport: (() => void) | undefined;

  constructor(host: HTMLElement, options: EmbedOptions, context: EmbedWidgetContext) {
    this.host = host;
    this.#context = context;
    this.#events = new EmbedEvents(host);
    const doc = host.ownerDocument;
    this.#shadow = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    this.#variables = new HostVariables(doc);
    this.#container = doc.createElement("div");
    this.#container.className = "rivulet-root";
    this.#shadow.append(this.#container);
    this.#root = createRoot(this.#container);
    this.#isOpen = splitOptions(options).own.open === true;
    this.setOptions(options);
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  get #launcher(): boolean {
    return splitOptions(this.#options).own.launcher ?? this.#context.launcherByDefault;
  }

  setOptions = (options: EmbedOptions): void => {
    if (this.#destroyed) return;
    const before = splitOptions(this.#options).own;
    this.#options = { ...options };
    const { own } = splitOptions(this.#options);
    const doc = this.host.ownerDocument;
    this.#shadow.adoptedStyleSheets = this.#launcher
      ? [embedSheet(doc), launcherHostSheet(doc), this.#variables.sheet]
      : [embedSheet(doc), this.#variables.sheet];
    this.#variables.set("--rivulet-z", own.zIndex === undefined ? String(DEFAULT_Z_INDEX) : String(own.zIndex));
    if (own.open !== undefined && own.open !== before.open && own.open !== this.#isOpen) {
      if (own.open) this.open();
      else this.close();
      return;
    }
    this.#render();
  };

  open = (): void => {
    if (this.#destroyed || !this.#launcher || this.#isOpen) return;
    this.#isOpen = true;
    this.#unread = false;
    this.#render(true);
    this.#followViewport();
    const panel = this.#shadow.querySelector<HTMLElement>(".rivulet-panel");
    if (this.#chat) this.#chat.focus();
    else panel?.focus();
    if (panel && !panel.contains(this.#shadow.activeElement)) panel.focus();
    this.#events.emit("open", {});
  };

  close = (): void => {
    if (this.#destroyed || !this.#launcher || !this.#isOpen) return;
    const panel = this.#shadow.querySelector(".rivulet-panel");
    const active = this.#shadow.activeElement;
    // Give focus back only if it was ours: a page that closes us must not have its focus stolen.
    const focusWasInPanel = active !== null && panel?.contains(active) === true;
    this.#isOpen = false;
    this.#stopViewport?.();
    this.#render(true);
    if (focusWasInPanel) this.#shadow.querySelector<HTMLElement>(".rivulet-launcher")?.focus();
    this.#events.emit("close", {});
  };

  toggle = (): void => {
    if (this.#isOpen) this.close();
    else this.open();
  };

  send = async (text: string): Promise<boolean> => {
    if (this.#destroyed) throw new Error("rivulet: send() after destroy()");
    if (!this.#chat) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return this.#chat?.send(text) ?? false;
  };

  on = <K extends RivuletEventName>(event: K, listener: RivuletListener<K>): (() => void) => this.#events.on(event, listener);

  destroy = (): void => {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#stopViewport?.();
    this.#root.unmount();
    this.#container.remove();
    this.#shadow.adoptedStyleSheets = [];
    this.#events.clear();
    this.#waiting = [];
    if (this.#context.ownsHost) this.host.remove();
    this.#context.onDestroy?.();
  };

  #render(sync = false): void {
    if (this.#destroyed) return;
    const { own, chat } = splitOptions(this.#options);
    const app = (
      <EmbedApp
        chat={chat}
        events={this.#chatEvents}
        launcher={this.#launcher}
        open={this.#isOpen}
        unread={this.#unread}
        position={own.position === "left" ? "left" : "right"}
        launcherLabel={own.launcherLabel ?? "Open chat"}
        onToggle={this.toggle}
        onClose={this.close}
        onReady={this.#onReady}
        onHandle={this.#onHandle}
      />
    );
    if (sync) flushSync(() => this.#root.render(app));
    else this.#root.render(app);
  }

  #onReady = (): void => {
    if (this.#ready || this.#destroyed) return;
    this.#ready = true;
    this.#events.emit("ready", {});
    if (this.#isOpen) this.#followViewport();
  };

  #onHandle = (handle: EmbedChatHandle | null): void => {
    this.#chat = handle;
    if (!handle) return;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  };

  readonly #chatEvents: EmbedChatEvents = {
    onMessage: (message: ChatMessage) => {
      if (this.#destroyed) return;
      if (this.#launcher && !this.#isOpen && !this.#unread) {
        this.#unread = true;
        this.#render();
      }
      this.#events.emit("message", { message });
    },
    onMessageSent: (text: string) => {
      if (!this.#destroyed) this.#events.emit("messageSent", { text });
    },
    onError: (error: ChatError) => {
      if (!this.#destroyed) this.#events.emit("error", { error });
    },
  };

  /**
   * While a floating panel is open, its height follows the visual viewport, so the on-screen keyboard
   * never covers the composer. The listeners live only while the panel is open.
   */
  #followViewport(): void {
    const viewport = this.host.ownerDocument.defaultView?.visualViewport;
    if (!viewport || this.#stopViewport || !this.#isOpen) return;
    const update = () => {
      this.#variables.set("--rivulet-viewport-height", `${viewport.height}px`);
      this.#variables.set("--rivulet-viewport-top", `${viewport.offsetTop}px`);
    };
    update();
    viewport.addEventListener("resize", update);
    viewport.addEventListener("scroll", update);
    this.#stopViewport = () => {
      viewport.removeEventListener("resize", update);
      viewport.removeEventListener("scroll", update);
      this.#variables.set("--rivulet-viewport-height", null);
      this.#variables.set("--rivulet-viewport-top", null);
      this.#stopViewport = undefined;
    };
  }
}
