import { EmbedWidget, type RivuletInstance } from "./embed-widget.js";
import type { RivuletEventName, RivuletListener } from "./events.js";
import { readAttributeOptions, toKebab } from "./options.js";

/** The options `<rivulet-chat>` watches live (any other attribute is read when it connects). */
const OBSERVED = [
  "endpoint",
  "title",
  "subtitle",
  "avatar",
  "placeholder",
  "system",
  "theme",
  "protocol",
  "credentials",
  "headers",
  "body",
  "idleTimeoutMs",
  "persist",
  "smooth",
  "showStats",
  "labels",
  "suggestions",
  "launcher",
  "position",
  "zIndex",
  "open",
  "launcherLabel",
].map(toKebab);

// In Node (server rendering) there is no HTMLElement: the class must still be definable.
const Base = (typeof HTMLElement === "undefined" ? Object : HTMLElement) as typeof HTMLElement;

/**
 * `<rivulet-chat endpoint="/api/chat">`: the chat where the element stands, in its own shadow root.
 * Every option is an attribute (kebab-case: `idle-timeout-ms="30000"`, JSON for objects), and a
 * changed attribute applies at once. Events arrive as `rivulet:<name>` CustomEvents on the element.
 *
 * @example
 * <rivulet-chat endpoint="/api/chat" title="Help" style="height: 480px"></rivulet-chat>
 * <script>
 *   document.querySelector("rivulet-chat").addEventListener("rivulet:message", (e) => console.log(e.detail.message));
 * </script>
 */
export class RivuletChatElement extends Base {
  static get observedAttributes(): string[] {
    return OBSERVED;
  }

  #widget: EmbedWidget | undefined;

  connectedCallback(): void {
    if (this.#widget && !this.#widget.destroyed) return;
    this.#widget = new EmbedWidget(this, this.#options(), { ownsHost: false, launcherByDefault: false });
  }

  disconnectedCallback(): void {
    // A move (remove then insert in the same task) keeps the widget and its conversation.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#widget?.destroy();
      this.#widget = undefined;
    });
  }

  attributeChangedCallback(): void {
    if (this.#widget && !this.#widget.destroyed) this.#widget.setOptions(this.#options());
  }

  /** The running widget (undefined while the element is not in a document). */
  get widget(): RivuletInstance | undefined {
    return this.#widget;
  }

  open(): void {
    this.#widget?.open();
  }

  close(): void {
    this.#widget?.close();
  }

  toggle(): void {
    this.#widget?.toggle();
  }

  send(text: string): Promise<boolean> {
    if (!this.#widget) return Promise.reject(new Error("rivulet: <rivulet-chat> is not in the document"));
    return this.#widget.send(text);
  }

  on<K extends RivuletEventName>(event: K, listener: RivuletListener<K>): () => void {
    if (!this.#widget) throw new Error("rivulet: <rivulet-chat> is not in the document; listen to its rivulet:* DOM events instead");
    return this.#widget.on(event, listener);
  }

  #options() {
    return readAttributeOptions(this);
  }
}

/**
 * Registers `<rivulet-chat>` once (no-op in Node, or when a page already defined it).
 *
 * @example
 * defineRivuletChat();
 * document.body.append(Object.assign(document.createElement("rivulet-chat"), { id: "help" }));
 */
export function defineRivuletChat(registry: CustomElementRegistry | undefined = globalThis.customElements): void {
  if (!registry || registry.get("rivulet-chat")) return;
  registry.define("rivulet-chat", RivuletChatElement);
}
