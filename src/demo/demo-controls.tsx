import { useId, type ReactNode } from "react";
import { DEMO_FAULTS, DEMO_PROTOCOLS, DEMO_SPEEDS, type DemoFault, type DemoSettings } from "./demo-settings.js";
import type { ThemeChoice } from "./use-page-theme.js";

/** Props of {@link DemoControls}. */
export interface DemoControlsProps {
  settings: DemoSettings;
  onChange(patch: Partial<DemoSettings>): void;
  /** In proxy mode a real provider answers: the mock model's knobs are hidden. */
  mockOnly: boolean;
  /** The one-shot fault the last message carried, if any. */
  usedFault?: string;
  theme: ThemeChoice;
  onTheme(theme: ThemeChoice): void;
}

const IDLE_TIMEOUTS = [1, 3, 10, 60];

/**
 * The playground's controls. They only change settings; the widgets read them when a message is sent.
 *
 * @example
 * <DemoControls settings={settings} onChange={patch} mockOnly theme="auto" onTheme={setTheme} />
 */
export function DemoControls({ settings, onChange, mockOnly, usedFault, theme, onTheme }: DemoControlsProps) {
  const faultSpec = DEMO_FAULTS.find((f) => f.value === settings.fault);
  const ids = { protocol: useId(), fault: useId(), amount: useId(), idle: useId(), smooth: useId(), once: useId() };

  return (
    <div className="controls">
      {mockOnly && (
        <div className="field">
          <label className="field-label" htmlFor={ids.protocol}>
            Protocol
          </label>
          <select
            id={ids.protocol}
            className="select"
            value={settings.protocol}
            onChange={(event) => onChange({ protocol: event.target.value as DemoSettings["protocol"] })}
          >
            {DEMO_PROTOCOLS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
      )}

      {mockOnly && (
        <Segmented
          legend="Speed"
          hint="tokens/s"
          name="tps"
          value={String(settings.tps)}
          options={DEMO_SPEEDS.map((tps) => ({ value: String(tps), label: tps >= 1000 ? `${tps / 1000}k` : String(tps), title: `${tps} tokens per second` }))}
          onChange={(value) => onChange({ tps: Number(value) })}
        />
      )}

      {mockOnly && (
        <Segmented
          legend="Transport"
          name="transport"
          value={settings.transport}
          options={[
            { value: "fetch", label: "fetch + SSE" },
            { value: "websocket", label: "WebSocket" },
          ]}
          onChange={(value) => onChange({ transport: value as DemoSettings["transport"] })}
        />
      )}

      <Segmented
        legend="Theme"
        name="theme"
        value={theme}
        options={[
          { value: "auto", label: "Auto" },
          { value: "light", label: "Light" },
          { value: "dark", label: "Dark" },
        ]}
        onChange={(value) => onTheme(value as ThemeChoice)}
      />

      <div className="field field--row">
        <label className="field-label" htmlFor={ids.smooth}>
          Smoothing
          <span className="field-hint">even pace for bursty streams</span>
        </label>
        <input
          id={ids.smooth}
          type="checkbox"
          role="switch"
          className="switch"
          checked={settings.smooth}
          onChange={(event) => onChange({ smooth: event.target.checked })}
        />
      </div>

      {mockOnly && (
        <fieldset className="field fault-box">
          <legend className="field-label">Inject a fault</legend>
          <div className="fault-row">
            <label className="sr-only" htmlFor={ids.fault}>
              Fault
            </label>
            <select
              id={ids.fault}
              className="select"
              value={settings.fault}
              onChange={(event) => {
                const fault = event.target.value as DemoFault;
                onChange({ fault, faultAmount: DEMO_FAULTS.find((f) => f.value === fault)?.amount ?? 0 });
              }}
            >
              {DEMO_FAULTS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
            {faultSpec?.unit && (
              <span className="amount">
                <label className="sr-only" htmlFor={ids.amount}>
                  {faultSpec.unit === "tokens" ? "After how many tokens" : "Seconds"}
                </label>
                <input
                  id={ids.amount}
                  className="input input--number"
                  type="number"
                  min={0}
                  step={faultSpec.unit === "s" ? 0.5 : 1}
                  value={settings.faultAmount}
                  onChange={(event) => onChange({ faultAmount: Math.max(0, Number(event.target.value) || 0) })}
                />
                <span className="amount-unit">{faultSpec.unit}</span>
              </span>
            )}
          </div>
          {usedFault && settings.fault === "none" && (
            <p className="fault-used" role="status">
              Injected <code>{usedFault}</code> once; the next request goes clean.
            </p>
          )}
          <div className="fault-options">
            <label className="check" htmlFor={ids.once}>
              <input id={ids.once} type="checkbox" checked={settings.faultOnce} onChange={(event) => onChange({ faultOnce: event.target.checked })} />
              Next message only, so Retry recovers
            </label>
            <span className="idle">
              <label htmlFor={ids.idle}>Idle timeout</label>
              <select id={ids.idle} className="select select--small" value={settings.idleTimeoutS} onChange={(event) => onChange({ idleTimeoutS: Number(event.target.value) })}>
                {IDLE_TIMEOUTS.map((s) => (
                  <option key={s} value={s}>
                    {s} s
                  </option>
                ))}
              </select>
            </span>
          </div>
        </fieldset>
      )}
    </div>
  );
}

interface SegmentedProps {
  legend: string;
  hint?: ReactNode;
  name: string;
  value: string;
  options: readonly { value: string; label: string; title?: string }[];
  onChange(value: string): void;
}

/** A radio group drawn as a segmented control: native radios, so arrows, labels and forms just work. */
function Segmented({ legend, hint, name, value, options, onChange }: SegmentedProps) {
  const group = useId();
  return (
    <fieldset className="field">
      <legend className="field-label">
        {legend}
        {hint && <span className="field-hint">{hint}</span>}
      </legend>
      <div className="segmented">
        {options.map((option) => (
          <label key={option.value} className="segment" title={option.title}>
            <input
              type="radio"
              name={`${name}-${group}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              aria-label={option.title ?? option.label}
            />
            <span aria-hidden={option.title ? true : undefined}>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
