/**
 * The embed's styles, only ever through constructed stylesheets adopted by its shadow root: no
 * `<style>` element and no style attribute, so a `style-src 'self'` policy has nothing to block
 * (CSSOM on a constructed sheet is not subject to CSP).
 */

// Put in by scripts/build.mjs: the package stylesheet made shadow-safe, plus src/embed/embed.css.
declare const RIVULET_EMBED_CSS: string | undefined;

const EMBED_CSS = typeof RIVULET_EMBED_CSS === "string" ? RIVULET_EMBED_CSS : "";

/**
 * A floating widget's host belongs to us alone, and the page must not move or hide it: an !important
 * declaration from inside a shadow tree beats an !important one from the page (CSS Cascade 5, §6.1,
 * "Context"), even `* { all: unset !important }`.
 */
const LAUNCHER_HOST_CSS =
  ":host{all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important;}";

const baseSheets = new WeakMap<Document, CSSStyleSheet>();
const launcherSheets = new WeakMap<Document, CSSStyleSheet>();

function cached(cache: WeakMap<Document, CSSStyleSheet>, doc: Document, css: string): CSSStyleSheet {
  let sheet = cache.get(doc);
  if (!sheet) {
    // A constructed sheet is tied to the document whose window constructed it.
    const Sheet = (doc.defaultView ?? window).CSSStyleSheet;
    sheet = new Sheet();
    sheet.replaceSync(css);
    cache.set(doc, sheet);
  }
  return sheet;
}

/** The shared stylesheet of every widget in a document (one parse, however many widgets). */
export const embedSheet = (doc: Document): CSSStyleSheet => cached(baseSheets, doc, EMBED_CSS);

/** The extra sheet of a floating widget's host. */
export const launcherHostSheet = (doc: Document): CSSStyleSheet => cached(launcherSheets, doc, LAUNCHER_HOST_CSS);

/**
 * Custom properties on one widget's `:host`, changed through the CSSOM of a sheet of its own
 * (the z-index option, the visual viewport's height): never through `host.style`.
 *
 * @example
 * const variables = new HostVariables(document);
 * shadow.adoptedStyleSheets = [embedSheet(document), variables.sheet];
 * variables.set("--rivulet-z", "10");
 */
export class HostVariables {
  readonly sheet: CSSStyleSheet;
  readonly #style: CSSStyleDeclaration;

  constructor(doc: Document) {
    const Sheet = (doc.defaultView ?? window).CSSStyleSheet;
    this.sheet = new Sheet();
    this.sheet.replaceSync(":host{}");
    this.#style = (this.sheet.cssRules[0] as CSSStyleRule).style;
  }

  /** Sets a custom property, or removes it when `value` is null. */
  set = (name: `--${string}`, value: string | null): void => {
    if (value === null) this.#style.removeProperty(name);
    else this.#style.setProperty(name, value);
  };
}
