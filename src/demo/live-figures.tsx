import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import type { ChatFinishTimings, ChatHandle } from "../react/index.js";
import { FrameMonitor } from "./frame-monitor.js";

/** Where the current answer is, as the figures see it. */
export type RunPhase = "idle" | "waiting" | "streaming" | "done" | "stopped" | "error";

/** The figures of the latest answer. */
export interface RunFigures {
  phase: RunPhase;
  /** Milliseconds since the send, while it runs; the total once it ended. */
  elapsedMs: number;
  /** Send to first token: measured on screen while streaming, then the store's own figure. */
  firstTokenMs?: number;
  tokensPerSecond?: number;
  tokens?: number;
}

const IDLE: RunFigures = { phase: "idle", elapsedMs: 0 };

/**
 * The live figures of `<Chat>`'s answers: fed by its `onSend`, `onFinish` and `onError` callbacks,
 * with a requestAnimationFrame loop (only while an answer runs) that notices the first token on
 * screen, ticks the clock, and counts dropped frames.
 *
 * @example
 * const run = useRunFigures(chatRef);
 * <Chat ref={chatRef} onSend={run.onSend} onFinish={run.onFinish} onError={run.onError} />
 */
export function useRunFigures(chat: RefObject<ChatHandle | null>) {
  const [figures, setFigures] = useState<RunFigures>(IDLE);
  const [monitor] = useState(() => new FrameMonitor());
  const frames = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot, monitor.getSnapshot);
  const startedAt = useRef(0);
  const running = figures.phase === "waiting" || figures.phase === "streaming";

  useEffect(() => {
    if (!running) return;
    let handle = requestAnimationFrame(function tick(now) {
      handle = requestAnimationFrame(tick);
      const last = chat.current?.getMessages().at(-1);
      const started = last?.role === "assistant" && (last.content !== "" || (last.reasoning ?? "") !== "");
      const elapsedMs = Math.max(0, now - startedAt.current);
      setFigures((current) => {
        if (current.phase !== "waiting" && current.phase !== "streaming") return current;
        // The clock moves in tenths of a second: enough to read, and no re-render every frame.
        const tenths = Math.floor(elapsedMs / 100) * 100;
        if (current.phase === "waiting" && started) return { ...current, phase: "streaming", firstTokenMs: elapsedMs, elapsedMs: tenths };
        return tenths === current.elapsedMs ? current : { ...current, elapsedMs: tenths };
      });
    });
    return () => cancelAnimationFrame(handle);
  }, [running, chat]);

  useEffect(() => monitor.stop, [monitor]);

  const onSend = useCallback(() => {
    startedAt.current = performance.now();
    setFigures({ phase: "waiting", elapsedMs: 0 });
    monitor.start();
  }, [monitor]);

  const onFinish = useCallback(
    (message: { state: string }, info: { timings: ChatFinishTimings }) => {
      monitor.stop();
      const { timings } = info;
      setFigures({
        phase: message.state === "aborted" ? "stopped" : "done",
        elapsedMs: timings.totalMs,
        firstTokenMs: timings.firstTokenMs,
        tokensPerSecond: timings.tokensPerSecond,
        tokens: timings.tokens,
      });
    },
    [monitor],
  );

  const onError = useCallback(() => {
    monitor.stop();
    setFigures((current) => ({ ...current, phase: "error", elapsedMs: performance.now() - startedAt.current }));
  }, [monitor]);

  return { figures, frames, onSend, onFinish, onError };
}

const PHASE_TEXT: Record<RunPhase, string> = {
  idle: "Waiting for a message",
  waiting: "Waiting for the first token…",
  streaming: "Streaming",
  done: "Done",
  stopped: "Stopped",
  error: "Failed",
};

/**
 * The figures as tiles: first token, tokens per second, frames dropped, and the answer's clock.
 *
 * @example
 * <LiveFigures figures={run.figures} dropped={run.frames.dropped} />
 */
export function LiveFigures({ figures, dropped, longestMs }: { figures: RunFigures; dropped: number; longestMs: number }) {
  const idle = figures.phase === "idle";
  const running = figures.phase === "waiting" || figures.phase === "streaming";
  const { firstTokenMs, tokensPerSecond } = figures;
  // The rate is the store's, counted over the whole answer: it is known when the answer ends.
  const pending = running ? "…" : "—";
  return (
    <section className="figures" aria-label="Live figures" data-phase={figures.phase}>
      <div className="figures-head">
        <span className="status-dot" aria-hidden="true" />
        <span className="figures-phase" data-testid="run-phase">
          {PHASE_TEXT[figures.phase]}
        </span>
        <span className="figures-clock">{idle ? "" : `${(figures.elapsedMs / 1000).toFixed(1)} s`}</span>
      </div>
      <dl className="figures-grid">
        <Figure label="First token" value={firstTokenMs === undefined ? pending : String(Math.round(firstTokenMs))} unit="ms" testId="figure-ttft" />
        <Figure label="Tokens/s" value={tokensPerSecond === undefined ? pending : String(Math.round(tokensPerSecond))} unit="" testId="figure-tps" />
        <Figure
          label="Frames dropped"
          value={idle ? "—" : String(dropped)}
          unit=""
          testId="figure-dropped"
          title={idle ? undefined : `Longest frame: ${longestMs} ms`}
        />
      </dl>
    </section>
  );
}

function Figure({ label, value, unit, testId, title }: { label: string; value: string; unit: string; testId: string; title?: string }) {
  return (
    <div className="figure" title={title}>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value}
        {unit && /\d/.test(value) && <span className="figure-unit">{unit}</span>}
      </dd>
    </div>
  );
}
