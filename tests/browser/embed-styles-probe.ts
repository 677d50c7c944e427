// Reads computed styles of the widget's parts from inside its shadow root, for comparing one page
// (hostile CSS, strict CSP) with a plain one.
import type { Page } from "playwright-core";

/** Parts of the widget and the properties a hostile page would most like to change. */
const PROBES: Record<string, string[]> = {
  ".rivulet-launcher": ["width", "height", "border-radius", "background-color", "position", "bottom", "right", "display", "z-index"],
  ".rivulet-panel": ["width", "height", "position", "display", "bottom", "right"],
  ".rv-chat": ["font-size", "font-family", "line-height", "color", "background-color", "display", "letter-spacing"],
  ".rv-header": ["display", "height", "padding-top", "font-size"],
  "textarea": ["font-size", "font-family", "color", "letter-spacing", "text-transform", "line-height", "display", "padding-left"],
  ".rv-empty-title": ["font-size", "font-weight", "letter-spacing", "text-transform", "color", "display"],
};

export type StyleSnapshot = Record<string, Record<string, string> | null>;

/** Computed styles of each probe inside the first rivulet shadow root on the page. */
export function widgetStyles(page: Page): Promise<StyleSnapshot> {
  return page.evaluate((probes) => {
    const host = document.querySelector("rivulet-embed, rivulet-chat");
    const root = host?.shadowRoot;
    const out: Record<string, Record<string, string> | null> = {};
    for (const [selector, properties] of Object.entries(probes)) {
      const element = root?.querySelector(selector);
      if (!element) {
        out[selector] = null;
        continue;
      }
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      out[selector] = Object.fromEntries([
        ...properties.map((p) => [p, style.getPropertyValue(p)]),
        ["box", `${Math.round(rect.x)},${Math.round(rect.y)},${Math.round(rect.width)}x${Math.round(rect.height)}`],
      ]);
    }
    return out;
  }, PROBES);
}
