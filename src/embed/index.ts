/**
 * rivulet on any web page: `Rivulet.mount(target, options)` and the `<rivulet-chat>` element.
 * Importing this module registers `<rivulet-chat>` (its one side effect; nothing in Node).
 *
 * @example
 * import { mount } from "rivulet/embed";
 * const chat = mount(document.getElementById("help")!, { endpoint: "/api/chat" });
 * chat.on("message", ({ message }) => console.log(message.content));
 *
 * @packageDocumentation
 */
import { defineRivuletChat } from "./rivulet-chat-element.js";

export type { ChatMessage, ChatSnapshot, ChatStatus } from "../core/types.js";
export type { RivuletInstance } from "./embed-widget.js";
export type { RivuletEventMap, RivuletEventName, RivuletListener } from "./events.js";
export { domEventType } from "./events.js";
export { init, mount } from "./mount.js";
export type { EmbedOptions, EmbedOwnOptions } from "./options.js";
export { parseOptionValue } from "./options.js";
export { defineRivuletChat, RivuletChatElement } from "./rivulet-chat-element.js";

defineRivuletChat();
