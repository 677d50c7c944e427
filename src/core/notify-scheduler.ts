/**
 * Coalesces many "something changed" signals into at most one call per animation frame.
 *
 * Tokens can arrive hundreds of times a second; a view only needs to hear about them once per frame.
 * Where `requestAnimationFrame` exists and the page is visible, the callback runs in the next frame.
 * Where it does not (Node, workers without rAF) or the page is hidden (browsers pause rAF in hidden
 * tabs, which would leave the text frozen), a ~16 ms timer stands in. Everything global is looked up
 * when a notification is scheduled, never at import, so importing this module in Node or during SSR
 * is safe.
 */

/** The timing functions a {@link NotifyScheduler} uses; injectable for tests and unusual runtimes. */
export interface NotifySchedulerEnv {
  requestAnimationFrame?: (callback: (time: number) => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** True when the page is hidden (rAF would not fire). */
  isHidden: () => boolean;
}

/** Milliseconds between notifications when no animation frame is available: about 60 per second. */
export const FRAME_FALLBACK_MS = 16;

/**
 * A frame can be late in a visible tab, but if none has come for this long the tab was most likely
 * hidden after the frame was requested; the backup timer then delivers the notification.
 */
export const FRAME_BACKUP_MS = 100;

/**
 * Reads the environment's timing functions at call time (never at module load).
 *
 * @example
 * const env = defaultNotifySchedulerEnv();
 * env.requestAnimationFrame === undefined; // true in Node: the scheduler uses a timer
 */
export function defaultNotifySchedulerEnv(): NotifySchedulerEnv {
  const g = globalThis as typeof globalThis & {
    document?: { visibilityState?: string };
  };
  return {
    requestAnimationFrame:
      typeof g.requestAnimationFrame === "function" ? (cb) => g.requestAnimationFrame(cb) : undefined,
    cancelAnimationFrame:
      typeof g.cancelAnimationFrame === "function" ? (handle) => g.cancelAnimationFrame(handle) : undefined,
    setTimeout: (cb, ms) => g.setTimeout(cb, ms),
    clearTimeout: (handle) => g.clearTimeout(handle as ReturnType<typeof setTimeout>),
    isHidden: () => g.document?.visibilityState === "hidden",
  };
}

/**
 * Calls `callback` at most once per animation frame however often {@link NotifyScheduler.schedule}
 * is called; {@link NotifyScheduler.flush} delivers a pending call at once.
 *
 * @example
 * const scheduler = new NotifyScheduler(() => listeners.forEach((l) => l()));
 * for (const token of tokens) { append(token); scheduler.schedule(); } // one call per frame
 * scheduler.flush(); // e.g. on a status change: deliver now, not a frame later
 */
export class NotifyScheduler {
  readonly #callback: () => void;
  readonly #getEnv: () => NotifySchedulerEnv;
  #pending: { env: NotifySchedulerEnv; frame?: number; timer?: unknown } | undefined;

  constructor(callback: () => void, getEnv: () => NotifySchedulerEnv = defaultNotifySchedulerEnv) {
    this.#callback = callback;
    this.#getEnv = getEnv;
  }

  /** True while a notification is waiting for its frame. */
  get pending(): boolean {
    return this.#pending !== undefined;
  }

  /** Asks for one notification in the next frame; calls while one is pending add nothing. */
  schedule = (): void => {
    if (this.#pending) return;
    const env = this.#getEnv();
    const pending: { env: NotifySchedulerEnv; frame?: number; timer?: unknown } = { env };
    this.#pending = pending;
    const fire = (): void => {
      if (this.#pending !== pending) return;
      this.#clear(pending);
      this.#callback();
    };
    if (env.requestAnimationFrame && !env.isHidden()) {
      pending.frame = env.requestAnimationFrame(fire);
      pending.timer = env.setTimeout(fire, FRAME_BACKUP_MS);
    } else {
      pending.timer = env.setTimeout(fire, FRAME_FALLBACK_MS);
    }
  };

  /** Delivers a pending notification now. Does nothing when none is pending. */
  flush = (): void => {
    const pending = this.#pending;
    if (!pending) return;
    this.#clear(pending);
    this.#callback();
  };

  /** Drops a pending notification without delivering it. */
  cancel = (): void => {
    if (this.#pending) this.#clear(this.#pending);
  };

  #clear(pending: { env: NotifySchedulerEnv; frame?: number; timer?: unknown }): void {
    if (pending.frame !== undefined) pending.env.cancelAnimationFrame?.(pending.frame);
    if (pending.timer !== undefined) pending.env.clearTimeout(pending.timer);
    if (this.#pending === pending) this.#pending = undefined;
  }
}
