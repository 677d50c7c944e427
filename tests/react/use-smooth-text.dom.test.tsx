import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useSmoothText } from "../../src/react/use-smooth-text.js";

const FRAME = 16;

function setReducedMotion(reduce: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: reduce && query.includes("reduced-motion"),
    addEventListener() {},
    removeEventListener() {},
  }));
}

describe("useSmoothText", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["requestAnimationFrame", "cancelAnimationFrame", "performance", "setTimeout", "Date"] });
    setReducedMotion(false);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("reveals a 200-token burst over many frames, then all of it within ~300 ms", () => {
    const burst = "token ".repeat(200);
    const { result, rerender } = renderHook(({ text, streaming }) => useSmoothText(text, streaming), {
      initialProps: { text: "", streaming: true },
    });
    rerender({ text: burst, streaming: true });
    const lengths: number[] = [];
    for (let t = 0; t <= 320; t += FRAME) {
      act(() => vi.advanceTimersByTime(FRAME));
      lengths.push(result.current.length);
    }
    const growth = lengths.map((length, i) => length - (lengths[i - 1] ?? 0));
    expect(lengths[0]).toBeGreaterThan(0);
    expect(lengths[0]).toBeLessThan(burst.length / 5);
    expect(growth.filter((g) => g > 0).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...growth)).toBeLessThan(burst.length / 8);
    expect(lengths.at(-1)).toBe(burst.length);
  });

  it("flushes everything at once when the answer finishes or stops", () => {
    const burst = "token ".repeat(200);
    const { result, rerender } = renderHook(({ text, streaming }) => useSmoothText(text, streaming), {
      initialProps: { text: "", streaming: true },
    });
    rerender({ text: burst, streaming: true });
    act(() => vi.advanceTimersByTime(FRAME * 2));
    expect(result.current.length).toBeLessThan(burst.length);
    rerender({ text: burst, streaming: false });
    expect(result.current).toBe(burst);
  });

  it("shows history at once and does nothing when off or under prefers-reduced-motion", () => {
    const text = "already written ".repeat(50);
    expect(renderHook(() => useSmoothText(text, false)).result.current).toBe(text);
    const off = renderHook(({ t }) => useSmoothText(t, true, false), { initialProps: { t: "" } });
    off.rerender({ t: text });
    expect(off.result.current).toBe(text);
    setReducedMotion(true);
    const reduced = renderHook(({ t }) => useSmoothText(t, true), { initialProps: { t: "" } });
    reduced.rerender({ t: text });
    expect(reduced.result.current).toBe(text);
  });
});
