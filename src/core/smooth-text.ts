/**
 * Paces the reveal of streamed text so bursty networks read like steady typing.
 *
 * Every chunk that arrives gets a deadline: about as long after its arrival as the usual gap between
 * chunks (so the reveal fills the silence until the next chunk is likely), at least a quarter of a
 * millisecond per unrevealed character (so a 200-token burst spreads over many frames), and never more
 * than `maxLagMs` (so the view is never further behind the stream than that). Each frame reveals just
 * enough to meet every deadline at an even pace.
 * The class is pure arithmetic over the times you pass in: it owns no timer, which keeps it testable
 * and free of DOM globals.
 */

/** Options of a {@link SmoothText}. */
export interface SmoothTextOptions {
  /** The longest a character may wait between arriving and being shown. Default 250 ms. */
  maxLagMs?: number;
  /** The least time a chunk's reveal takes per character. Default 0.25 ms (4 characters per ms). */
  msPerChar?: number;
}

interface Pending {
  /** Index in the text where this chunk ends. */
  end: number;
  /** When every character of the chunk must be shown. */
  deadline: number;
}

const GAP_SMOOTHING = 0.3;
const FRAME_MS = 16;

/**
 * Tracks the arrived text and how much of it to show at a given time.
 *
 * @example
 * const smooth = new SmoothText();
 * smooth.push("Hello, world", performance.now());
 * requestAnimationFrame(function frame(now) {
 *   render(smooth.visibleAt(now));
 *   if (!smooth.done) requestAnimationFrame(frame);
 * });
 */
export class SmoothText {
  #text = "";
  #shown = 0;
  #pending: Pending[] = [];
  #lastArrival: number | undefined;
  #lastTick: number | undefined;
  #gapMs: number | undefined;
  readonly #maxLagMs: number;
  readonly #msPerChar: number;

  constructor(options: SmoothTextOptions = {}) {
    this.#maxLagMs = options.maxLagMs ?? 250;
    this.#msPerChar = options.msPerChar ?? 0.25;
  }

  /** All the text that has arrived. */
  get text(): string {
    return this.#text;
  }

  /** True when everything that arrived is shown. */
  get done(): boolean {
    return this.#shown >= this.#text.length;
  }

  /**
   * Sets the whole text that has arrived so far (the store holds the whole text, not deltas). Text
   * that does not extend the previous text (a regenerate, an edit) is shown at once.
   */
  update(text: string, now: number): void {
    if (text === this.#text) return;
    if (text.length <= this.#text.length || !text.startsWith(this.#text)) {
      this.#text = text;
      this.flush();
      return;
    }
    // The caller's string itself, not `#text + chunk`: concatenating would build a second copy of
    // every message (a 100 KB answer held twice, once here and once in the store).
    this.#arrive(text, now);
  }

  /** Appends a chunk that arrived at `now`. */
  push(chunk: string, now: number): void {
    if (chunk === "") return;
    this.#arrive(this.#text + chunk, now);
  }

  #arrive(text: string, now: number): void {
    // Chunks read in the same millisecond are one burst: their zero gaps must not shrink the window.
    if (this.#lastArrival !== undefined && now - this.#lastArrival >= 1) {
      const gap = now - this.#lastArrival;
      this.#gapMs = this.#gapMs === undefined ? gap : this.#gapMs + GAP_SMOOTHING * (gap - this.#gapMs);
    }
    this.#lastArrival = now;
    this.#text = text;
    const backlog = this.#text.length - this.#shown;
    const windowMs = Math.min(this.#maxLagMs, Math.max(this.#gapMs ?? 0, backlog * this.#msPerChar));
    this.#pending.push({ end: this.#text.length, deadline: now + windowMs });
  }

  /** Shows everything at once (on finish, on stop, or when motion is reduced). */
  flush(): void {
    this.#shown = this.#text.length;
    this.#pending = [];
  }

  /**
   * How many characters to show at `now` (call it once per frame): enough that every chunk is shown
   * by its deadline at an even pace. Never decreases, never splits a UTF-16 surrogate pair.
   */
  shownAt(now: number): number {
    const elapsed = Math.max(0, now - (this.#lastTick ?? now - FRAME_MS));
    this.#lastTick = now;
    let target = this.#shown;
    for (const chunk of this.#pending) {
      const remaining = chunk.end - this.#shown;
      const timeLeft = chunk.deadline - now;
      const due = timeLeft <= 0 ? chunk.end : this.#shown + Math.ceil((remaining * elapsed) / (timeLeft + elapsed));
      if (due > target) target = due;
    }
    this.#shown = Math.min(target, this.#text.length);
    this.#pending = this.#pending.filter((chunk) => chunk.end > this.#shown);
    const code = this.#text.charCodeAt(this.#shown - 1);
    // A high surrogate at the cut would render as a replacement glyph for one frame.
    if (code >= 0xd800 && code <= 0xdbff && this.#shown < this.#text.length) this.#shown += 1;
    return this.#shown;
  }

  /** The text to show at `now`. */
  visibleAt(now: number): string {
    return this.#text.slice(0, this.shownAt(now));
  }
}
