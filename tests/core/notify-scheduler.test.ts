import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  defaultNotifySchedulerEnv,
  FRAME_BACKUP_MS,
  FRAME_FALLBACK_MS,
  NotifyScheduler,
  type NotifySchedulerEnv,
} from "../../src/core/notify-scheduler.js";

/** A hand-cranked animation frame clock over fake timers. */
function frameEnv(hidden = false) {
  const frames = new Map<number, (time: number) => void>();
  let next = 1;
  const state = { hidden };
  const env: NotifySchedulerEnv = {
    requestAnimationFrame: (cb) => {
      frames.set(next, cb);
      return next++;
    },
    cancelAnimationFrame: (handle) => void frames.delete(handle),
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    isHidden: () => state.hidden,
  };
  const runFrame = (): void => {
    const callbacks = [...frames.values()];
    frames.clear();
    for (const cb of callbacks) cb(performance.now());
  };
  return { env, frames, runFrame, state };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("NotifyScheduler", () => {
  it("calls once per animation frame however often it is scheduled", () => {
    const { env, frames, runFrame } = frameEnv();
    const callback = vi.fn<() => void>();
    const scheduler = new NotifyScheduler(callback, () => env);
    for (let i = 0; i < 50; i++) scheduler.schedule();
    expect(frames.size).toBe(1);
    expect(callback).not.toHaveBeenCalled();
    runFrame();
    expect(callback).toHaveBeenCalledTimes(1);
    scheduler.schedule();
    scheduler.schedule();
    runFrame();
    expect(callback).toHaveBeenCalledTimes(2);
    // The backup timers of delivered frames were cleared: no late extra call.
    vi.advanceTimersByTime(FRAME_BACKUP_MS * 2);
    expect(callback).toHaveBeenCalledTimes(2);
  });

  it("uses a ~16 ms timer when the page is hidden", () => {
    const { env, frames } = frameEnv(true);
    const callback = vi.fn<() => void>();
    const scheduler = new NotifyScheduler(callback, () => env);
    scheduler.schedule();
    scheduler.schedule();
    expect(frames.size).toBe(0);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS - 1);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it("delivers through the backup timer when a requested frame never comes (tab hidden afterwards)", () => {
    const { env, frames } = frameEnv();
    const callback = vi.fn<() => void>();
    const scheduler = new NotifyScheduler(callback, () => env);
    scheduler.schedule();
    vi.advanceTimersByTime(FRAME_BACKUP_MS);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(frames.size).toBe(0);
  });

  it("flush delivers a pending call now and cancel drops it", () => {
    const { env, runFrame } = frameEnv();
    const callback = vi.fn<() => void>();
    const scheduler = new NotifyScheduler(callback, () => env);
    scheduler.flush();
    expect(callback).not.toHaveBeenCalled();
    scheduler.schedule();
    expect(scheduler.pending).toBe(true);
    scheduler.flush();
    expect(callback).toHaveBeenCalledTimes(1);
    runFrame();
    expect(callback).toHaveBeenCalledTimes(1);
    scheduler.schedule();
    scheduler.cancel();
    runFrame();
    vi.advanceTimersByTime(FRAME_BACKUP_MS);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(scheduler.pending).toBe(false);
  });

  it("reads the globals when scheduling: a timer in Node, rAF once a visible document has it", () => {
    const callback = vi.fn<() => void>();
    const scheduler = new NotifyScheduler(callback);
    expect(defaultNotifySchedulerEnv().requestAnimationFrame).toBeUndefined();
    scheduler.schedule();
    vi.advanceTimersByTime(FRAME_FALLBACK_MS);
    expect(callback).toHaveBeenCalledTimes(1);

    const raf = vi.fn<(cb: FrameRequestCallback) => number>(() => 7);
    vi.stubGlobal("requestAnimationFrame", raf);
    vi.stubGlobal("cancelAnimationFrame", vi.fn<(handle: number) => void>());
    vi.stubGlobal("document", { visibilityState: "visible" });
    scheduler.schedule();
    expect(raf).toHaveBeenCalledTimes(1);
    raf.mock.calls[0]![0](0);
    expect(callback).toHaveBeenCalledTimes(2);

    vi.stubGlobal("document", { visibilityState: "hidden" });
    scheduler.schedule();
    expect(raf).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FRAME_FALLBACK_MS);
    expect(callback).toHaveBeenCalledTimes(3);
  });
});
