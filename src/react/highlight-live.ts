import { createElement, Fragment, type ReactNode } from "react";
import { highlightPiece } from "./highlight.js";

/**
 * Highlights an open code fence as it grows, in time that does not grow with the block.
 *
 * Highlighting the whole block on every token made a token inside a fence cost twice one outside.
 * Instead the block is cut into pieces at line ends where highlight.js had no mode open (no string,
 * comment or other construct running on): what follows such a point highlights the same on its own.
 * Each piece is highlighted once, when its last line is complete, and kept as one element that
 * React skips afterwards; each token highlights only the lines since the last cut (usually just the
 * unfinished line). Nothing that was highlighted is ever shown plain again. When the fence closes,
 * the code block highlights the whole block once, as a one-shot render does.
 *
 * @example
 * const live = new LiveHighlight();
 * live.update("const a = 1;\nconst b", "js"); // [<Fragment key=0>…</Fragment>, <Fragment key="live">…</Fragment>]
 */
export class LiveHighlight {
  #language = "";
  /** The code the kept pieces cover: whole lines. */
  #covered = "";
  #pieces: ReactNode[] = [];
  /** Complete lines after the cut that ended inside a mode, so are not tried again until a line is added. */
  #tried = "";

  /** The block's nodes for `code`, or `null` when highlight.js cannot highlight it (not loaded, unknown language). */
  update = (code: string, language: string): ReactNode[] | null => {
    if (language !== this.#language || !code.startsWith(this.#covered)) {
      this.#language = language;
      this.#covered = "";
      this.#pieces = [];
      this.#tried = "";
    }
    const lineEnd = code.lastIndexOf("\n") + 1;
    const lines = code.slice(this.#covered.length, lineEnd);
    if (lines !== "" && lines !== this.#tried) {
      const piece = highlightPiece(lines, language);
      if (!piece?.nodes) return null;
      if (piece.closed) {
        this.#pieces = [...this.#pieces, createElement(Fragment, { key: this.#covered.length }, ...piece.nodes)];
        this.#covered += lines;
        this.#tried = "";
      } else {
        this.#tried = lines;
      }
    }
    const rest = code.slice(this.#covered.length);
    if (rest === "") return this.#pieces;
    const live = highlightPiece(rest, language);
    if (!live?.nodes) return null;
    return [...this.#pieces, createElement(Fragment, { key: "live" }, ...live.nodes)];
  };
}
