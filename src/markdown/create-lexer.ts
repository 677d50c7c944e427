import { Lexer, Tokenizer, type Tokens } from "marked";

/**
 * Delimiter runs this long never mean emphasis a writer intended (`***` is the most a model writes),
 * but marked resolves each one against every closer that follows it, recursively: a wall of 1,000
 * stars costs it ~40 ms and a 1 MB token tree, and 8,000 overflow its stack. A run at least this long
 * is therefore left as literal text, which is also how it reads.
 */
const LONG_DELIMITER_RUN = /^(?:\*{33}|_{33})/;

class GuardedTokenizer extends Tokenizer {
  override emStrong(src: string, maskedSrc: string, prevChar = ""): Tokens.Em | Tokens.Strong | undefined {
    if (LONG_DELIMITER_RUN.test(src)) return undefined;
    return super.emStrong(src, maskedSrc, prevChar);
  }
}

/**
 * marked's Lexer as rivulet configures it (GFM, with the long-delimiter-run guard above). Every lex of
 * model text goes through this, so a streamed render and a one-shot render lex alike.
 *
 * @example
 * const tokens = createLexer().lex("# Title\n\nSome **bold** text");
 */
export function createLexer(): Lexer {
  return new Lexer({ gfm: true, tokenizer: new GuardedTokenizer() });
}
