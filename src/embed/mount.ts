import { EmbedWidget, type RivuletInstance } from "./embed-widget.js";
import type { EmbedOptions } from "./options.js";

/** The tag of the host element that `mount` and `init` create (a name no page styles by accident). */
export const HOST_TAG = "rivulet-embed";

const mounted = new WeakMap<Element, EmbedWidget>();

/**
 * Renders the chat into `target`, inside a host element of its own with an open shadow root. Inline
 * by default; `{ launcher: true }` floats it behind a launcher button instead. Mounting again on the
 * same target updates the options of the widget already there instead of adding a second one.
 *
 * @example
 * const chat = mount(document.getElementById("help")!, { endpoint: "/api/chat", title: "Help" });
 * chat.on("message", ({ message }) => console.log(message.content));
 */
export function mount(target: Element | string, options: EmbedOptions = {}): RivuletInstance {
  const element = typeof target === "string" ? document.querySelector(target) : target;
  if (!element || typeof (element as Element).appendChild !== "function") {
    throw new TypeError(
      `rivulet: mount() needs an element to render into, got ${typeof target === "string" ? `no match for "${target}"` : String(target)}. ` +
        "Did you call it before the element exists? Use Rivulet('init', options) for a floating launcher.",
    );
  }
  const existing = mounted.get(element);
  if (existing && !existing.destroyed) {
    existing.setOptions(options);
    return existing;
  }
  const host = element.ownerDocument.createElement(HOST_TAG);
  const widget = new EmbedWidget(host, options, { ownsHost: true, launcherByDefault: false });
  element.appendChild(host);
  mounted.set(element, widget);
  return widget;
}

let floating: EmbedWidget | undefined;

/**
 * The floating launcher, once per page: a second call updates the options of the first widget
 * instead of adding another. Works before `<body>` exists (the widget joins it when it does).
 *
 * @example
 * init({ endpoint: "/api/chat", title: "Ask us", position: "left" });
 */
export function init(options: EmbedOptions = {}): RivuletInstance {
  if (floating && !floating.destroyed) {
    floating.setOptions({ launcher: true, ...options });
    return floating;
  }
  const host = document.createElement(HOST_TAG);
  let append: (() => void) | undefined;
  const widget = new EmbedWidget(host, { launcher: true, ...options }, {
    ownsHost: true,
    launcherByDefault: true,
    // Destroyed before the body existed: the DOMContentLoaded listener goes too.
    onDestroy: () => append && document.removeEventListener("DOMContentLoaded", append),
  });
  floating = widget;
  if (document.body) {
    document.body.appendChild(host);
  } else {
    append = () => {
      append = undefined;
      document.body.appendChild(host);
    };
    document.addEventListener("DOMContentLoaded", append, { once: true });
  }
  return widget;
}

/** The floating widget `init` made, if it is alive. */
export function floatingWidget(): RivuletInstance | undefined {
  return floating && !floating.destroyed ? floating : undefined;
}
