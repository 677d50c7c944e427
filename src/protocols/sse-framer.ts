/**
 * The SSE framing stage: decoded text in, whole events out, through eventsource-parser (which follows the
 * WHATWG event-stream rules: CR, LF and CRLF line ends, a leading BOM, comments, multi-line data, `id`,
 * `retry`, and no dispatch of a last event that lacks its blank line).
 *
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
import { createParser, type EventSourceParser } from "eventsource-parser";
import type { Frame } from "./protocol-adapter.js";

/**
 * Cuts SSE text into events. Feed it text in pieces of any size; it returns the events completed so far.
 *
 * @example
 * const framer = new SseFramer();
 * framer.feed("data: a\n"); // []
 * framer.feed("\n"); // [{ data: "a" }]
 */
export class SseFramer {
  #frames: Frame[] = [];
  #parser: EventSourceParser = createParser({
    onEvent: (event) => {
      // Per spec an event without an `event:` field has type "message"; adapters treat undefined as that.
      this.#frames.push(event.event === undefined ? { data: event.data } : { event: event.event, data: event.data });
    },
  });

  /** Feeds text and returns the events it completed (a fresh array each call). */
  feed = (text: string): Frame[] => {
    if (text) this.#parser.feed(text);
    const frames = this.#frames;
    if (frames.length) this.#frames = [];
    return frames;
  };

  /**
   * Ends the stream. Returns nothing: per spec, an event still missing its blank line when the stream
   * ends is discarded, never dispatched.
   */
  end = (): Frame[] => [];
}
