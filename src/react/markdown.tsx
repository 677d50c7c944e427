import { memo, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import type { Token } from "marked";
import { BlockSplitter, CHUNK, type FrozenBlock, type SplitState } from "../markdown/block-splitter.js";
import { characterReferencesLoaded, subscribeCharacterReferences } from "../markdown/decode.js";
import type { ImagePolicy } from "../markdown/url-policy.js";
import { lastVisible, renderBlock } from "./markdown-block.js";
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
  const liveCursorAt = cursor ? lastVisible(state.live) : -1;
  return (
    <div className={className ? `rv-markdown ${className}` : "rv-markdown"}>
      {blockChunks(state, context, liveCursorAt === -1 ? undefined : cursor, liveCursorAt)}
      {cursor && liveCursorAt === -1 ? cursor : null}
    </div>
  );
});

/** A live block with the key it will keep when it freezes. */
interface LiveBlock {
  readonly key: number;
  readonly token: Token;
  readonly cursor: ReactNode;
}

/**
 * Frozen and live blocks in one keyed sequence of chunks of `CHUNK`, the chunks the splitter makes:
 * a live block sits in the chunk (and under the key) it will have once frozen, so freezing keeps its
 * element and DOM nodes (and a code block's state). Only the chunk holding live blocks renders again:
 * a full chunk keeps its blocks array and the context, so `Chunk`'s memo skips it. (Its element is made
 * anew each time on purpose: a cached element reused across renders keeps, in Preact, the parent
 * pointers of the render that made it, which pinned every old version of the conversation in the
 * script embed's heap.)
 */
function blockChunks(
  state: SplitState,
  context: RenderContext,
  cursor: ReactNode,
  cursorAt: number,
): ReactNode[] {
  const live: LiveBlock[] = [];
  state.live.forEach((token, index) => {
    if (token.type !== "space") live.push({ key: state.liveKeys[index]!, token, cursor: index === cursorAt ? cursor : undefined });
  });
  const result: ReactNode[] = [];
  for (const chunk of state.chunks) {
    if (chunk.length >= CHUNK) {
      result.push(<Chunk key={chunk[0]!.key} blocks={chunk} live={NONE} context={context} />);
    } else {
      // Only the last chunk can be short: live blocks fill it up first.
      const taken = live.splice(0, CHUNK - chunk.length);
      result.push(<Chunk key={chunk[0]!.key} blocks={chunk} live={taken} context={context} />);
    }
  }
  while (live.length > 0) {
    const taken = live.splice(0, CHUNK);
    result.push(<Chunk key={taken[0]!.key} blocks={NONE} live={taken} context={context} />);
  }
  return result;
}

const NONE: readonly never[] = [];

const Chunk = memo(function Chunk({
  blocks,
  live,
  context,
}: {
  blocks: readonly FrozenBlock[];
  live: readonly LiveBlock[];
  context: RenderContext;
}): ReactNode {
  const frozen = blocks.map((block) => <Block key={block.key} token={block.token} context={context} />);
  if (live.length === 0) return frozen;
  return [...frozen, ...live.map((block) => <Block key={block.key} token={block.token} context={context} cursor={block.cursor} />)];
});

// The same component for a block while live and once frozen: freezing re-renders it once (its final
// token, no cursor) and then never again.
const Block = memo(function Block({ token, context, cursor }: { token: Token; context: RenderContext; cursor?: ReactNode }): ReactNode {
  return renderBlock(token, context, 0, cursor);
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
