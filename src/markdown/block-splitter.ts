import { Lexer, type Token, type TokensList } from "marked";
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
}

/** Counters that make the cost of an update observable (tests of invariant 2 read them). */
export interface SplitterStats {
  /** Characters handed to marked's Lexer since the splitter was created. */
  lexedChars: number;
  /** Times the whole text had to be lexed again from its start (the text was not an append). */
  resets: number;
}

const CHUNK = 32;

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
  #state: SplitState = { chunks: [], live: [], liveStart: 0 };
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

    const tail = text.slice(this.#frozenEnd);
    // marked reads "\r\n" and "\r" as "\n"; we lex the normalised tail and map offsets back.
    const source = tail.includes("\r") ? tail.replace(/\r\n?/g, "\n") : tail;
    let live: readonly Token[] = [];
    if (!streaming) {
      this.#freeze(source, tail.length);
    } else {
      const tokens = this.#lex(source);
      const boundary = freezeBoundary(source, tokens);
      if (boundary > 0) this.#freeze(source.slice(0, boundary), originalLength(tail, source, boundary));
      const liveText = source.slice(boundary);
      // Code (and raw HTML, shown as text) is never repaired: "**" in code is code.
      const last = tokens.findLast((token) => token.type !== "space");
      const repaired = last?.type === "code" || last?.type === "html" ? liveText : repairTail(liveText);
      live = boundary === 0 && repaired === liveText ? tokens : this.#lex(repaired);
    }
    const chunks = this.#dirty ? [...this.#chunks] : this.#state.chunks;
    this.#dirty = false;
    this.#state = { chunks, live, liveStart: this.#frozenEnd };
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
    this.stats.lexedChars += source.length;
    const lexer = new Lexer({ gfm: true });
    Object.assign(lexer.tokens.links, this.#links);
    return lexer.lex(source);
  }

  /** Lexes a finished stretch once more on its own, freezes its blocks and learns its definitions. */
  #freeze(source: string, length: number): void {
    if (source === "") return;
    const tokens = this.#lex(source);
    const added = Object.keys(tokens.links).filter((label) => !(label in this.#links));
    if (added.length > 0) this.#resolveLate(added, tokens.links);
    let offset = this.#frozenEnd;
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
        last.push({ key: offset, raw: token.raw, token });
        this.#dirty = true;
      }
      offset += token.raw.length;
    }
    this.#frozenEnd += length;
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
        const token = this.#lex(block.raw).find((t) => t.type !== "space");
        if (!token) return;
        copy ??= [...chunk];
        copy[index] = { key: block.key, raw: block.raw, token };
      });
      if (copy) this.#dirty = true;
      return copy ?? chunk;
    });
  }
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

/** Length in the original text of the first `normalisedLength` characters of its normalised form. */
function originalLength(original: string, normalised: string, normalisedLength: number): number {
  if (original === normalised) return normalisedLength;
  let index = 0;
  for (let count = 0; count < normalisedLength; count++) index += original.startsWith("\r\n", index) ? 2 : 1;
  return index;
}

/** Whether a block's source may refer to one of the labels (normalised as marked does). */
function mayUse(raw: string, labels: string[]): boolean {
  const normalised = raw.replace(/\s+/g, " ").toLowerCase().toUpperCase().toLowerCase();
  // Case folding of non-ASCII labels is subtle (final sigma, ß); such labels re-lex any block.
  return labels.some((label) => !/^[\x20-\x7e]*$/.test(label) || normalised.includes(label));
}

/**
 * Where the tail may be cut: the start of the last block whose first line is complete (or of the
 * block before it), never just after a definition that a blank line has not closed. 0 when nothing
 * can freeze. Returns 0 too if the tokens do not add up to the source (nothing is frozen on a guess).
 */
export function freezeBoundary(source: string, tokens: readonly Token[]): number {
  const starts: number[] = [];
  let offset = 0;
  for (const token of tokens) {
    starts.push(offset);
    offset += token.raw.length;
  }
  if (offset !== source.length) return 0;
  let index = tokens.length - 1;
  while (index >= 0 && tokens[index]!.type === "space") index--;
  // The last block's first line is still being written: what it turns out to be might yet join
  // it to the block before, unless that block cannot take more lines.
  if (index >= 0 && !source.includes("\n", starts[index])) {
    let previous = index - 1;
    while (previous >= 0 && tokens[previous]!.type === "space") previous--;
    if (previous >= 0 && !isClosed(tokens[previous]!, source.slice(starts[previous]!, starts[index]))) index = previous;
  }
  while (index > 0 && tokens[index - 1]!.type === "def" && !/\n[ \t]*\n$/.test(tokens[index - 1]!.raw)) index--;
  return index > 0 ? starts[index]! : 0;
}

/**
 * Whether no line can join a block: a heading, a thematic break or a closed fence ends on its own
 * line; a paragraph, quote, table or definition ends at a blank line. (Lists, indented code and
 * HTML blocks can go on after a blank line.)
 */
function isClosed(token: Token, source: string): boolean {
  if (token.type === "heading" || token.type === "hr") return true;
  if (token.type === "code") return token.codeBlockStyle !== "indented" && !isOpenFence(token.raw);
  const closedByBlankLine = ["paragraph", "blockquote", "table", "def"].includes(token.type);
  return closedByBlankLine && /\n[ \t]*\n[ \t]*$/.test(source);
}

/** Whether a fenced code block has no closing fence yet (CommonMark 4.5: it runs to the end). */
export function isOpenFence(raw: string): boolean {
  const opening = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
  if (!opening) return false;
  const fence = opening[1]!;
  const closing = new RegExp(`\\n {0,3}\\${fence[0]}{${fence.length},}[ \\t]*\\n*$`);
  return !closing.test(raw);
}

/**
 * The top-level blocks of a complete markdown text, as marked's tokens.
 *
 * @example
 * splitBlocks("# A\n\ntext").map((t) => t.type); // ["heading", "paragraph"]
 */
export function splitBlocks(text: string): Token[] {
  return new Lexer({ gfm: true }).lex(text).filter((token) => token.type !== "space");
}
