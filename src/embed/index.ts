/**
 * rivulet on any web page: `Rivulet.mount(target, options)` and the `<rivulet-chat>` element.
 *
 * @packageDocumentation
 */
export type { ChatMessage, ChatSnapshot, ChatStatus } from "../core/types.js";
