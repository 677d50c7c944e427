import { useEffect, useState } from "react";

/** The theme choice: follow the system, or force one. */
export type ThemeChoice = "auto" | "light" | "dark";

const STORAGE_KEY = "rivulet-demo-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === "light" || stored === "dark" || stored === "auto") return stored;
  } catch {
    // Storage blocked (privacy mode): the choice lives for this visit only.
  }
  return "auto";
}

/**
 * The page's theme: the visitor's choice (remembered), resolved against `prefers-color-scheme`, and
 * written to `<html data-theme>` so the page's CSS and every widget on it agree.
 *
 * @example
 * const { choice, resolved, setChoice } = usePageTheme();
 * <Chat theme={resolved} />
 */
export function usePageTheme(): { choice: ThemeChoice; resolved: "light" | "dark"; setChoice(choice: ThemeChoice): void } {
  const [choice, setChoiceState] = useState<ThemeChoice>(readChoice);
  const [systemDark, setSystemDark] = useState(() => matchMedia(DARK_QUERY).matches);

  useEffect(() => {
    const query = matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  const resolved = choice === "auto" ? (systemDark ? "dark" : "light") : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);

  const setChoice = (next: ThemeChoice) => {
    setChoiceState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See readChoice.
    }
  };
  return { choice, resolved, setChoice };
}
