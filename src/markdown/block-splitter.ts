import type { Token, Tokens, TokensList } from "marked";
import { createLexer } from "./create-lexer.js";
import { detach } from "./detach.js";
import { freezeBoundary } from "./freeze-boundary.js";
import { repairTail } from "./repair-tail.js";

type Links = TokensList["links"];

/** A top-level block that can no longer change. Replaced by a new object only when a late link definition resolves one of its references. */
export interface FrozenBlock {
  /** Offset of the block's first character in the text: stable, so it serves as a React key. */
  readonly key: number;
  /** The block's source. */
  readonly raw: string;
  /** marked's token for the block, inline tokens included. */
  readonly token: Token;
}

/** What a `BlockSplitter` update gives the view. */
export interface SplitState {
  /**
   * Frozen blocks in chunks of at most 32. A full chunk keeps its identity for good (unless a late
   * definition changes one of its blocks), and the outer array changes identity only when a block
   * freezes, so a view can skip all finished blocks with one comparison per token.
   */
  readonly chunks: readonly (readonly FrozenBlock[])[];
  /** The live tail's tokens (repaired while streaming), rendered anew on every update. */
  readonly live: readonly Token[];
  /** Offset where the live tail starts. */
  readonly liveStart: number;
  /**
   * Offset in the text of each of `live`'s tokens: the key its block will have once frozen, so a
   * view that keys blocks by it keeps a block's element when it freezes.
   */
  readonly liveKeys: readonly number[];
}

/** Counters that make the cost of an update observable (tests of invariant 2 read them). */
export interface SplitterStats {
  /** Characters handed to marked's Lexer since the splitter was created. */
  lexedChars: number;
  /** Times the whole text had to be lexed again from its start (the text was not an append). */
  resets: number;
}

/** How many frozen blocks a chunk holds (the last chunk may hold fewer). */
export const CHUNK = 32;

/**
 * Splits growing markdown into frozen top-level blocks and one live tail, lexing only the tail.
 *
 * It remembers where the tail starts. On each update it lexes the tail with marked's Lexer, and
 * freezes every block before the last one whose first line is complete: in CommonMark, block
 * structure is decided line by line, and a block is closed for good once a complete line has
 * started the next block (lazy continuation, setext underlines, list items and table rows can only
 * extend the last block). A link reference definition is the exception: its title may continue on
 * the next lines, so it stays live until a blank line or another block follows it. Definitions are
 * document-wide: when one arrives after a frozen block that used its label, that block alone is
 * lexed again.
 *
 * @example
 * const splitter = new BlockSplitter();
 * splitter.update("# Title\n\nFirst para", true);  // heading frozen, paragraph live
 * splitter.update("# Title\n\nFirst paragraph.\n\nNext", true); // paragraph frozen too
 */
export class BlockSplitter {
  #text = "";
  #streaming = true;
  #started = false;
  #frozenEnd = 0;
  #chunks: (readonly FrozenBlock[])[] = [];
  #dirty = false;
  #links: Links = Object.create(null) as Links;
  #lookahead = new WeakMap<FrozenBlock, string>();
  #state: SplitState = { chunks: [], live: [], liveStart: 0, liveKeys: [] };
  readonly stats: SplitterStats = { lexedChars: 0, resets: 0 };

  /** The state for `text`; `streaming` false means the text is final, so every block freezes. */
  update = (text: string, streaming: boolean): SplitState => {
    if (this.#started && text === this.#text && streaming === this.#streaming) return this.#state;
    // Only an append to a streaming text keeps what is frozen; anything else (an edit, a
    // regenerated answer, a final text that grows again) starts over.
    if (this.#started && (!this.#streaming || !isAppend(this.#text, text, this.#frozenEnd))) this.#reset();
    this.#started = true;
    this.#text = text;
    this.#streaming = streaming;

    // A copy, not a slice: V8 makes a slice (and every token marked cuts from it) point into the
    // whole text, so each frozen block would keep the message as long as it was when the block froze.
    const tail = detach(text.slice(this.#frozenEnd));
    // marked reads "\r\n" and "\r" as "\n"; we lex the normalised tail and map offsets back.
    const source = tail.includes("\r") ? tail.replace(/\r\n?/g, "\n") : tail;
    let live: readonly Token[] = [];
    if (!streaming) {
      const tokens = this.#lex(source);
      this.#freeze(tokens, tokens.links, source, source.length, tail);
    } else {
      // One block pass over the tail decides what freezes; the inline pass then resolves
      // references with the definitions that freeze too, never with a live (half-written) one.
      const { tokens, inline } = this.#lexBlocks(source);
      const boundary = freezeBoundary(source, tokens);
      const frozen: Token[] = [];
      for (let at = 0, index = 0; at < boundary; index++) {
        frozen.push(tokens[index]!);
        at += tokens[index]!.raw.length;
      }
      const links = boundary === 0 ? tokens.links : withDefinitions(this.#links, frozen);
      inline(links);
      if (boundary > 0) this.#freeze(frozen, links, source, boundary, tail);
      const liveText = source.slice(boundary);
      // Code (and raw HTML, shown as text) is never repaired: "**" in code is code.
      const last = tokens.findLast((token) => token.type !== "space");
      const repaired = last?.type === "code" || last?.type === "html" ? liveText : repairTail(liveText);
      live = boundary === 0 && repaired === liveText ? tokens : this.#lex(repaired);
    }
    const chunks = this.#dirty ? [...this.#chunks] : this.#state.chunks;
    this.#dirty = false;
    const liveKeys = keysOf(live, this.#frozenEnd, text.slice(this.#frozenEnd));
    this.#state = { chunks, live, liveStart: this.#frozenEnd, liveKeys };
    return this.#state;
  };

  #reset(): void {
    this.stats.resets++;
    this.#frozenEnd = 0;
    this.#chunks = [];
    this.#dirty = true;
    this.#links = Object.create(null) as Links;
  }

  /** Lexes with the definitions seen so far, counting the work. */
  #lex(source: string): TokensList {
    const { tokens, inline } = this.#lexBlocks(source);
    inline(tokens.links);
    return tokens;
  }

  /**
   * marked's two passes, apart: block tokens now, inline tokens when `inline(links)` is called
   * with the definitions references may use (Lexer.lex runs the same queue with all of them).
   */
  #lexBlocks(source: string): { tokens: TokensList; inline: (links: Links) => void } {
    this.stats.lexedChars += source.length;
    const lexer = createLexer();
    Object.assign(lexer.tokens.links, this.#links);
    let tokens: TokensList;
    try {
      tokens = lexer.blockTokens(source, lexer.tokens as TokensList) as TokensList;
    } catch (error) {
      // marked's lexer is recursive: nesting thousands deep ("> > > …") overflows the stack. No
      // answer nests like that; such a text shows as the plain text it is, streamed or not.
      if (!(error instanceof RangeError)) throw error;
      const plain = plainText(source, lexer.tokens.links);
      return { tokens: plain, inline: (links) => void (plain.links = links) };
    }
    const inline = (links: Links): void => {
      tokens.links = links;
      for (const entry of lexer.inlineQueue) {
        lexer.state.inRawBlock = false;
        try {
          lexer.inlineTokens(entry.src, entry.tokens);
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          entry.tokens.splice(0, entry.tokens.length, { type: "text", raw: entry.src, text: entry.src, escaped: false });
        }
      }
      lexer.inlineQueue = [];
    };
    return { tokens, inline };
  }

  /** Freezes lexed blocks and learns their definitions. */
  #freeze(tokens: readonly Token[], links: Links, source: string, end: number, original: string): void {
    if (end === 0) return;
    const added = Object.keys(links).filter((label) => !(label in this.#links));
    if (added.length > 0) this.#resolveLate(added, links);
    // Keys are offsets in the text as given (with its "\r\n"), so they do not depend on chunks.
    const toOriginal = originalOffsets(original, source);
    let offset = 0;
    let last: FrozenBlock[] | undefined;
    for (const token of tokens) {
      if (token.type !== "space") {
        if (!last) {
          // Chunks handed to the view are never mutated: append to a copy.
          const previous = this.#chunks.at(-1);
          if (previous && previous.length < CHUNK) this.#chunks[this.#chunks.length - 1] = last = [...previous];
          else this.#chunks.push((last = []));
        } else if (last.length >= CHUNK) {
          this.#chunks.push((last = []));
        }
        const block = { key: this.#frozenEnd + toOriginal(offset), raw: token.raw, token };
        last.push(block);
        // A block that may hold a reference keeps the lines after it, to be lexed again in context.
        if (token.raw.includes("]")) this.#lookahead.set(block, lines(source, offset + token.raw.length, 2));
        this.#dirty = true;
      }
      offset += token.raw.length;
    }
    this.#frozenEnd += toOriginal(end);
  }

  /**
   * New definitions arrived: lex again the frozen blocks that may use one of their labels, with the
   * definitions now known. Rare (a definition is written once), and limited to blocks with "]".
   */
  #resolveLate(added: string[], links: Links): void {
    for (const label of added) this.#links[label] = links[label]!;
    this.#chunks = this.#chunks.map((chunk) => {
      let copy: FrozenBlock[] | undefined;
      chunk.forEach((block, index) => {
        if (!block.raw.includes("]") || !mayUse(block.raw, added)) return;
        // marked decides where a block ends by looking a line or two past it: lex the block with
        // the lines that followed it, then resolve references with the known definitions only.
        const { tokens, inline } = this.#lexBlocks(block.raw + (this.#lookahead.get(block) ?? ""));
        inline({ ...this.#links });
        const token = tokens.find((t) => t.type !== "space");
        if (!token || token.raw !== block.raw) return;
        copy ??= [...chunk];
        const replaced = { key: block.key, raw: block.raw, token };
        this.#lookahead.set(replaced, this.#lookahead.get(block) ?? "");
        copy[index] = replaced;
      });
      if (copy) this.#dirty = true;
      return copy ?? chunk;
    });
  }
}

/** The known definitions plus those among `tokens` (nested ones too), the first of a label winning. */
function withDefinitions(known: Links, tokens: readonly Token[]): Links {
  const links: Links = Object.assign(Object.create(null) as Links, known);
  const visit = (list: readonly Token[]): void => {
    for (const token of list) {
      if (token.type === "def" && !(token.tag in links)) links[token.tag] = { href: token.href, title: token.title };
      if (token.type === "blockquote") visit(token.tokens ?? []);
      if (token.type === "list") for (const item of token.items as Tokens.ListItem[]) visit(item.tokens);
    }
  };
  visit(tokens);
  return links;
}

const EDGE = 256;

/**
 * Whether `next` is `previous` with text appended, checked in time independent of the length:
 * the live part and the frozen part's two ends are compared, not all of it (comparing 100 KB per
 * token would itself make per-token work grow). A change in the middle of frozen text with the
 * ends intact goes unseen; text from a chat store only grows, and a regenerated answer starts
 * shorter, which is seen.
 */
function isAppend(previous: string, next: string, frozenEnd: number): boolean {
  if (next.length < previous.length) return false;
  const from = Math.max(0, frozenEnd - EDGE);
  if (next.slice(from, previous.length) !== previous.slice(from)) return false;
  return next.slice(0, Math.min(EDGE, frozenEnd)) === previous.slice(0, Math.min(EDGE, frozenEnd));
}

/**
 * Maps offsets in the normalised text ("\r\n" and "\r" read as "\n") to offsets in the original,
 * for offsets asked in increasing order: linear in all.
 */
function originalOffsets(original: string, normalised: string): (offset: number) => number {
  if (original.length === normalised.length) return (offset) => offset;
  let from = 0;
  let to = 0;
  return (offset) => {
    for (; from < offset; from++) to += original.startsWith("\r\n", to) ? 2 : 1;
    return to;
  };
}

/** Offsets in the text of `tokens`, lexed from `original` (normalised) which starts at `start`. */
function keysOf(tokens: readonly Token[], start: number, original: string): number[] {
  const toOriginal = original.includes("\r") ? originalOffsets(original, original.replace(/\r\n?/g, "\n")) : undefined;
  let offset = 0;
  return tokens.map((token) => {
    const key = start + (toOriginal ? toOriginal(offset) : offset);
    offset += token.raw.length;
    return key;
  });
}

/** Whether a block's source may refer to one of the labels (normalised as marked does). */
function mayUse(raw: string, labels: string[]): boolean {
  const normalised = raw.replace(/\s+/g, " ").toLowerCase().toUpperCase().toLowerCase();
  // Case folding of non-ASCII labels is subtle (final sigma, ß); such labels re-lex any block.
  return labels.some((label) => !/^[\x20-\x7e]*$/.test(label) || normalised.includes(label));
}


/** Up to `count` lines of `source` from `from` on (with their line ends). */
function lines(source: string, from: number, count: number): string {
  let end = from - 1;
  for (let found = 0; found < count; found++) {
    const next = source.indexOf("\n", end + 1);
    if (next === -1) return source.slice(from);
    end = next;
  }
  return source.slice(from, end + 1);
}

/**
 * The top-level blocks of a complete markdown text, as marked's tokens.
 *
 * @example
 * splitBlocks("# A\n\ntext").map((t) => t.type); // ["heading", "paragraph"]
 */
export function splitBlocks(text: string): Token[] {
  return createLexer().lex(text).filter((token) => token.type !== "space");
}

/** The whole source as one paragraph of plain text. */
function plainText(source: string, links: Links): TokensList {
  const text = { type: "text", raw: source, text: source, escaped: false } as Tokens.Text;
  const tokens = [{ type: "paragraph", raw: source, text: source, tokens: [text] } as Tokens.Paragraph] as unknown as TokensList;
  tokens.links = links;
  return tokens;
}
