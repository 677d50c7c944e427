/** One renderer under test: shows `text` in its container, synchronously, when `update` is called. */
export interface BenchRenderer {
  /** Renders the whole text so far; the DOM is committed when this returns. */
  update(text: string, streaming: boolean): void;
  dispose(): void;
}

/**
 * Each module in bench/page/renderers exports `create`.
 * @example
 * export const create: CreateRenderer = (container) => ({ update: (t) => { container.textContent = t; }, dispose() {} });
 */
export type CreateRenderer = (container: HTMLElement) => BenchRenderer;
