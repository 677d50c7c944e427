import { describe, expect, it } from "vitest";
import { SmoothText } from "../../src/core/smooth-text.js";

const FRAME = 1000 / 60;

/** Runs frames from `start` until everything is shown; returns the characters shown per frame. */
function play(smooth: SmoothText, start: number, frames = 600): number[] {
  const perFrame: number[] = [];
  let shown = smooth.shownAt(start);
  for (let i = 1; i <= frames && !smooth.done; i++) {
    const next = smooth.shownAt(start + i * FRAME);
    perFrame.push(next - shown);
    shown = next;
  }
  return perFrame;
}

describe("SmoothText", () => {
  it("spreads a 200-token burst over many frames instead of one", () => {
    const smooth = new SmoothText();
    const burst = "word ".repeat(200); // 1,000 characters, about 200 tokens
    smooth.push(burst, 0);
    const perFrame = play(smooth, 0);
    expect(perFrame.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...perFrame)).toBeLessThan(burst.length / 8);
    expect(smooth.visibleAt(10_000)).toBe(burst);
  });

  it("spreads a burst that arrives as many chunks in the same millisecond", () => {
    const smooth = new SmoothText();
    smooth.push("Hi", 0);
    for (let i = 0; i < 200; i++) smooth.push("tok ", 300);
    const perFrame = play(smooth, 300);
    expect(perFrame.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...perFrame)).toBeLessThan(200);
  });

  it("is never more than about 300 ms behind what arrived", () => {
    const smooth = new SmoothText();
    let arrived = 0;
    let worstLagMs = 0;
    const arrivals = new Map<number, number>(); // text length → arrival time
    // Bursty: 400 characters every 500 ms, mixed with a steady trickle.
    for (let t = 0; t <= 5000; t += FRAME) {
      const now = Math.round(t);
      if (now % 500 < FRAME) smooth.push("x".repeat(400), now);
      else smooth.push("yy", now);
      arrived = smooth.text.length;
      arrivals.set(arrived, now);
      const shown = smooth.shownAt(now);
      for (const [length, at] of arrivals) {
        if (length <= shown) arrivals.delete(length);
        else worstLagMs = Math.max(worstLagMs, now - at);
      }
    }
    expect(arrived).toBeGreaterThan(4000);
    expect(worstLagMs).toBeLessThanOrEqual(300);
  });

  it("keeps up with a steady stream within a couple of frames", () => {
    const smooth = new SmoothText();
    let maxBacklog = 0;
    for (let i = 0; i < 100; i++) {
      const now = i * 20; // 50 chunks a second
      smooth.push("abcd", now);
      maxBacklog = Math.max(maxBacklog, smooth.text.length - smooth.shownAt(now + FRAME));
    }
    expect(maxBacklog).toBeLessThanOrEqual(8);
  });

  it("shows everything at once on flush, and text that does not extend the old text", () => {
    const smooth = new SmoothText();
    smooth.push("a long burst of text ".repeat(20), 0);
    expect(smooth.shownAt(FRAME)).toBeLessThan(smooth.text.length);
    smooth.flush();
    expect(smooth.done).toBe(true);
    smooth.update("something else", 100);
    expect(smooth.visibleAt(100)).toBe("something else");
  });

  it("never cuts a surrogate pair and never goes backwards", () => {
    const smooth = new SmoothText();
    const text = "😀".repeat(300);
    smooth.push(text, 0);
    let last = 0;
    for (let t = 0; !smooth.done; t += FRAME) {
      const visible = smooth.visibleAt(t);
      expect(visible.length).toBeGreaterThanOrEqual(last);
      expect(visible).not.toMatch(/[\uD800-\uDBFF]$/);
      last = visible.length;
    }
    expect(smooth.visibleAt(1e6)).toBe(text);
  });
});
