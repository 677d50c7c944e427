/**
 * Counts dropped frames while an answer streams: a requestAnimationFrame loop that measures the gap
 * between frames. A gap longer than 1.5 frame intervals means the main thread missed at least one
 * frame; a gap of n intervals counts as n − 1 dropped frames.
 */

/** What {@link FrameMonitor} reports. */
export interface FrameStats {
  /** Frames missed since `start()`. */
  dropped: number;
  /** Frames painted since `start()`. */
  frames: number;
  /** The longest gap between two frames, in milliseconds. */
  longestMs: number;
  running: boolean;
}

const IDLE: FrameStats = { dropped: 0, frames: 0, longestMs: 0, running: false };

/**
 * A rAF loop that runs only between `start()` and `stop()`, so an idle page costs nothing. The frame
 * interval is learnt from the display: the 20th percentile of the last 120 gaps, between 144 Hz and
 * 60 Hz, so a 120 Hz screen is judged by its own refresh rate while a stray early frame (browsers
 * fire some) or a run of janky ones does not move the yardstick.
 *
 * @example
 * const monitor = new FrameMonitor();
 * monitor.subscribe(() => console.log(monitor.getSnapshot().dropped));
 * monitor.start(); // when a reply starts streaming
 * monitor.stop(); // when it ends
 */
export class FrameMonitor {
  #stats: FrameStats = IDLE;
  #listeners = new Set<() => void>();
  #handle: number | undefined;
  #last: number | undefined;
  #dropped = 0;
  #frames = 0;
  #longest = 0;
  /** The display's frame interval; 60 Hz until the gaps say otherwise. */
  #interval = 1000 / 60;
  /** The latest gaps, oldest first, to learn the interval from. */
  #gaps: number[] = [];

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): FrameStats => this.#stats;

  start = (): void => {
    if (this.#handle !== undefined) this.stop();
    this.#last = undefined;
    this.#dropped = 0;
    this.#frames = 0;
    this.#longest = 0;
    this.#publish(true);
    this.#handle = requestAnimationFrame(this.#tick);
  };

  stop = (): void => {
    if (this.#handle !== undefined) cancelAnimationFrame(this.#handle);
    this.#handle = undefined;
    if (this.#stats.running) this.#publish(false);
  };

  #tick = (time: number): void => {
    this.#handle = requestAnimationFrame(this.#tick);
    const last = this.#last;
    this.#last = time;
    if (last === undefined) return;
    const gap = time - last;
    this.#learn(gap);
    const missed = gap > this.#interval * 1.5 ? Math.round(gap / this.#interval) - 1 : 0;
    this.#frames += 1;
    this.#longest = Math.max(this.#longest, gap);
    this.#dropped += missed;
    // Listeners hear of drops only: re-rendering the figures every frame would cost frames itself.
    if (missed > 0) this.#publish(true);
  };

  #learn(gap: number): void {
    this.#gaps.push(gap);
    if (this.#gaps.length > 120) this.#gaps.shift();
    if (this.#gaps.length < 10) return;
    const sorted = this.#gaps.toSorted((a, b) => a - b);
    const low = sorted[Math.floor(sorted.length * 0.2)] ?? this.#interval;
    this.#interval = Math.min(1000 / 60, Math.max(1000 / 144, low));
  }

  #publish(running: boolean): void {
    this.#stats = { dropped: this.#dropped, frames: this.#frames, longestMs: Math.round(this.#longest), running };
    for (const listener of this.#listeners) listener();
  }
}
