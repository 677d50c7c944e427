/**
 * `window.Rivulet` for the script tag: a function that takes commands (`Rivulet('init', {...})`,
 * like the queue stub a page may have defined before the script loaded) and carries the API as
 * properties (`Rivulet.mount`, `Rivulet.init`, ...).
 */
import type { RivuletInstance } from "./embed-widget.js";
import type { RivuletEventName, RivuletListener } from "./events.js";
import { floatingWidget, init, mount } from "./mount.js";
import { readDataOptions, type EmbedOptions } from "./options.js";
import { defineRivuletChat } from "./rivulet-chat-element.js";

/** The global `Rivulet`: call it with a command, or use its methods. */
export interface RivuletGlobal {
  (command: "init", options?: EmbedOptions): RivuletInstance;
  (command: "mount", target: Element | string, options?: EmbedOptions): RivuletInstance;
  (command: "open" | "close" | "toggle" | "destroy"): void;
  (command: "send", text: string): Promise<boolean>;
  (command: "on", event: RivuletEventName, listener: RivuletListener<RivuletEventName>): () => void;
  mount: typeof mount;
  init: typeof init;
  /** The floating widget `init` made, if any. */
  readonly instance: RivuletInstance | undefined;
  readonly version: string;
}

/** The queue stub's shape: a function whose calls were kept in `q`. */
interface QueueStub {
  q?: ArrayLike<unknown>[];
}

const MARK = Symbol.for("rivulet.global");

/** Every command there is, for the hint when a page misspells one. */
const COMMANDS = ["init", "mount", "open", "close", "toggle", "send", "on", "destroy"];

function run(command: unknown, args: unknown[]): unknown {
  switch (command) {
    case "init":
      return init(args[0] as EmbedOptions | undefined);
    case "mount":
      return mount(args[0] as Element | string, args[1] as EmbedOptions | undefined);
    case "open":
    case "close":
    case "toggle":
    case "destroy":
    case "send":
    case "on": {
      const widget = floatingWidget();
      if (!widget) throw new Error(`rivulet: Rivulet('${command}') before Rivulet('init', options): there is no widget yet.`);
      return (widget[command] as (...a: unknown[]) => unknown)(...args);
    }
    default:
      throw new TypeError(`rivulet: unknown command ${JSON.stringify(command)}. The commands are: ${COMMANDS.join(", ")}.`);
  }
}

function Rivulet(command: unknown, ...args: unknown[]): unknown {
  return run(command, args);
}

/**
 * Installs `window.Rivulet`, registers `<rivulet-chat>`, replays the commands a queue stub kept, and
 * boots the launcher from the script tag's data- attributes when the tag has `data-endpoint` and
 * no `init` was queued (queued init options win over the tag's). Loading the script twice is harmless.
 *
 * @example
 * installGlobal(window, document.currentScript);
 */
export function installGlobal(win: Window & { Rivulet?: unknown }, script: HTMLScriptElement | null): void {
  const previous = win.Rivulet as (QueueStub & { [MARK]?: true }) | undefined;
  if (previous && previous[MARK]) return;
  const queued = Array.from(previous?.q ?? [], (args) => Array.from(args));

  const api = Rivulet as RivuletGlobal & { [MARK]: true };
  Object.defineProperties(api, {
    [MARK]: { value: true },
    mount: { value: mount, enumerable: true },
    init: { value: init, enumerable: true },
    instance: { get: floatingWidget, enumerable: true },
    version: { value: "0.1.0", enumerable: true },
  });
  win.Rivulet = api;
  defineRivuletChat(win.customElements);

  const fromTag = script ? readDataOptions(script) : {};
  const hasQueuedInit = queued.some(([command]) => command === "init");
  for (const [command, ...args] of queued) {
    try {
      run(command, command === "init" ? [{ ...fromTag, ...(args[0] as EmbedOptions | undefined) }] : args);
    } catch (error) {
      console.error(error);
    }
  }
  if (!hasQueuedInit && script?.dataset.endpoint !== undefined) init(fromTag);
}

/**
 * The script tag that loaded us. `document.currentScript` is null for a script inserted by code
 * (as loader snippets do), so then the tag is found by its src and data-endpoint.
 */
export function findOwnScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  return doc.querySelector<HTMLScriptElement>('script[src*="rivulet"][data-endpoint]');
}
