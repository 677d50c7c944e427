import { useEffect, useRef, useState } from "react";
import type { EmbedOptions, RivuletInstance } from "../embed/index.js";
import { loadEmbed } from "./load-embed.js";

/** Props of {@link EmbedLauncher}. */
export interface EmbedLauncherProps {
  /** The embed's options, kept in step with the controls. */
  options: EmbedOptions;
  /** A message went out from the launcher's panel. */
  onSent(): void;
}

/**
 * The script-tag launcher, live on this page: the same code as `dist/rivulet.js` (`Rivulet.init`),
 * booted once the page is up, in the corner like on any site. The button opens its panel.
 *
 * @example
 * <EmbedLauncher options={{ endpoint: "/api/chat", theme: "dark" }} onSent={() => {}} />
 */
export function EmbedLauncher({ options, onSent }: EmbedLauncherProps) {
  const [widget, setWidget] = useState<RivuletInstance | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const latest = useRef(options);
  const onSentRef = useRef(onSent);
  // Declared first, so it runs before the boot effect below sees the refs.
  useEffect(() => {
    latest.current = options;
    onSentRef.current = onSent;
  });

  useEffect(() => {
    let cancelled = false;
    let instance: RivuletInstance | undefined;
    let off: (() => void) | undefined;
    loadEmbed().then(
      ({ init }) => {
        if (cancelled) return;
        instance = init({ ...latest.current, launcher: true });
        off = instance.on("messageSent", () => onSentRef.current());
        setWidget(instance);
      },
      (error: unknown) => !cancelled && setFailure(String(error)),
    );
    return () => {
      cancelled = true;
      off?.();
      instance?.destroy();
    };
  }, []);

  // Options are pushed whenever the controls change: the next message uses them.
  useEffect(() => {
    widget?.setOptions({ ...options, launcher: true });
  }, [widget, options]);

  if (failure) return <p className="embed-failure">The embed did not load: {failure}</p>;
  return (
    <div className="browser" aria-label="Any website">
      <div className="browser-bar" aria-hidden="true">
        <span />
        <span />
        <span />
        <span className="browser-url">your-site.example</span>
      </div>
      <div className="browser-body">
        <span className="skeleton skeleton--title" aria-hidden="true" />
        <span className="skeleton" aria-hidden="true" />
        <span className="skeleton skeleton--short" aria-hidden="true" />
        <button type="button" className="button button--primary" disabled={!widget} onClick={() => widget?.open()}>
          Open the launcher
        </button>
        <span className="embed-hint">Or the round button in the corner of this page: the same embed, in its own Shadow DOM.</span>
      </div>
    </div>
  );
}
