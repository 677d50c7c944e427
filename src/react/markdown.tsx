import { memo, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import { BlockSplitter, type FrozenBlock } from "../markdown/block-splitter.js";
import { characterReferencesLoaded, subscribeCharacterReferences } from "../markdown/decode.js";
import type { ImagePolicy } from "../markdown/url-policy.js";
import { renderBlock, renderBlocks } from "./markdown-block.js";
import type { MarkdownComponents, RenderContext } from "./markdown-context.js";

/** Props of `<Markdown>`. */
export interface MarkdownProps {
  /** The markdown so far. While streaming, each render passes the text grown by new tokens. */
  text: string;
  /** True while more text is coming: shows the typing cursor and repairs the half-written tail. */
  streaming?: boolean;
  /** Overrides per element (`a`, `img`, `p`, ...) and `codeBlock` for whole code blocks. */
  components?: MarkdownComponents;
  /** Which images may load: "all" (the default), "none", or only those from `allowedOrigins`. */
  images?: ImagePolicy;
  /** Extra class names for the root element (which always has `rv-markdown`). */
  className?: string;
}

/**
 * Renders markdown as React elements, progressively while it streams: finished blocks render once
 * and are never rendered again; only the live tail block is lexed and rendered per token.
 *
 * @example
 * <Markdown text={message.content} streaming={message.state === "streaming"} />
 */
export const Markdown = memo(function Markdown({
  text,
  streaming = false,
  components,
  images = "all",
  className,
}: MarkdownProps): ReactNode {
  const [splitter] = useState(() => new BlockSplitter());
  const state = useMemo(() => splitter.update(text, streaming), [splitter, text, streaming]);
  // Finished blocks re-render only when the context changes; an inline `components={{...}}` or
  // `images={{ allowedOrigins }}` literal is a new object per render, so both compare by value.
  const componentsKey = shallowKey(components);
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- compared by value, through the key
  const stableComponents = useMemo(() => components, [componentsKey]);
  const imagesKey = typeof images === "string" ? images : `origins:${images.allowedOrigins.join(" ")}`;
  // A rare named character reference ("&HilbertSpace;") waits for the table of them, loaded on
  // demand; when it arrives, a new context renders every block once more, decoded.
  const references = useSyncExternalStore(subscribeCharacterReferences, characterReferencesLoaded, characterReferencesLoaded);
  // oxlint-disable-next-line react-hooks/exhaustive-deps -- the policy is compared by value
  const context: RenderContext = useMemo(() => ({ components: stableComponents, images }), [stableComponents, imagesKey, references]);
  // Keyed by the text length, the cursor is a new element per token, which restarts its blink
  // animation; the CSS stops it after five blinks, i.e. 5 s without a token.
  const cursor = streaming ? <span key={`cursor-${text.length}`} className="rv-cursor" aria-hidden="true" /> : undefined;
  const live = renderBlocks(state.live, context, cursor);
  return (
    <div className={className ? `rv-markdown ${className}` : "rv-markdown"}>
      <FrozenBlocks chunks={state.chunks} context={context} />
      {live}
      {cursor && state.live.every((token) => token.type === "space" || token.type === "def") ? cursor : null}
    </div>
  );
});

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A string that stays the same while an object holds the same keys with the same values. */
function shallowKey(value: object | undefined): string {
  if (!value) return "";
  return Object.entries(value)
    .map(([key, entry]) => {
      if ((typeof entry !== "object" && typeof entry !== "function") || entry === null) return `${key}=${String(entry)}`;
      let id = identities.get(entry as object);
      if (id === undefined) identities.set(entry as object, (id = nextIdentity++));
      return `${key}#${id}`;
    })
    .join("|");
}

// One comparison skips every finished block on a token that froze nothing.
const FrozenBlocks = memo(function FrozenBlocks({
  chunks,
  context,
}: {
  chunks: readonly (readonly FrozenBlock[])[];
  context: RenderContext;
}): ReactNode {
  return chunks.map((chunk) => <FrozenChunk key={chunk[0]!.key} blocks={chunk} context={context} />);
});

const FrozenChunk = memo(function FrozenChunk({
  blocks,
  context,
}: {
  blocks: readonly FrozenBlock[];
  context: RenderContext;
}): ReactNode {
  return blocks.map((block) => <Frozen key={block.key} block={block} context={context} />);
});

const Frozen = memo(function Frozen({ block, context }: { block: FrozenBlock; context: RenderContext }): ReactNode {
  return renderBlock(block.token, context, block.key);
});
