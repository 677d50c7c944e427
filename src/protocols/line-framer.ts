/**
 * The NDJSON framing stage: decoded text in, whole lines out. A line may arrive across many reads, so the
 * unfinished tail is kept as fragments and joined once, when its newline arrives; each read is scanned
 * only for its own newlines, never the accumulated buffer again.
 */
import type { Frame } from "./protocol-adapter.js";

const EMPTY: Frame[] = [];

/**
 * Cuts text into lines on LF (a CR before it is dropped, also when the CR ended the previous read).
 * Blank lines are skipped. The last line counts even without its newline, when {@link LineFramer.end} is called.
 *
 * @example
 * const framer = new LineFramer();
 * framer.feed('{"a":1}\n{"b"'); // [{ data: '{"a":1}' }]
 * framer.feed(":2}"); // []
 * framer.end(); // [{ data: '{"b":2}' }]
 */
export class LineFramer {
  #pending: string[] = [];

  /** Feeds text and returns the lines it completed. */
  feed = (text: string): Frame[] => {
    let newline = text.indexOf("\n");
    if (newline === -1) {
      if (text) this.#pending.push(text);
      return EMPTY;
    }
    const frames: Frame[] = [];
    let start = 0;
    while (newline !== -1) {
      let line = text.slice(start, newline);
      if (this.#pending.length) {
        this.#pending.push(line);
        line = this.#pending.join("");
        this.#pending = [];
      }
      this.#emit(line, frames);
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (start < text.length) this.#pending.push(text.slice(start));
    return frames;
  };

  /** Ends the stream: a last line without its newline still counts. */
  end = (): Frame[] => {
    const frames: Frame[] = [];
    if (this.#pending.length) this.#emit(this.#pending.join(""), frames);
    this.#pending = [];
    return frames;
  };

  #emit(line: string, frames: Frame[]): void {
    const trimmed = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (trimmed.trim()) frames.push({ data: trimmed });
  }
}
