import { RuleSyntaxError } from './rule-errors.js';

export type TokenKind = 'name' | 'quoted' | 'number' | 'punct' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** Name text (quotes removed for a quoted name), the number's digits, or the punctuation mark. */
  readonly text: string;
  readonly pos: number;
}

const PUNCT = '=+-|&^()[],';
/** Names: a letter or underscore, then letters, digits, '_' or '.' (Unicode letters allowed). */
const NAME_START = /[\p{L}_]/u;
const NAME_PART = /[\p{L}\p{N}_.]/u;

/**
 * Split a rule into tokens. A number is digits with an optional fraction ("2", "0.5", ".5"); a
 * name cannot start with a digit, so "2mm" is the number 2 then the name "mm". Quoted names use
 * double quotes, with \" and \\ inside.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  while (p < text.length) {
    const c = text[p]!;
    if (/\s/.test(c)) {
      p++;
    } else if (PUNCT.includes(c)) {
      tokens.push({ kind: 'punct', text: c, pos: p++ });
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(p));
      if (!m) throw new RuleSyntaxError(text, p, `'${c}' does not start a number`);
      tokens.push({ kind: 'number', text: m[0], pos: p });
      p += m[0].length;
    } else if (c === '"') {
      const start = p++;
      let name = '';
      while (p < text.length && text[p] !== '"') {
        if (text[p] === '\\' && p + 1 < text.length) p++;
        name += text[p++];
      }
      if (p >= text.length) throw new RuleSyntaxError(text, start, 'quoted name has no closing "');
      p++;
      if (name.trim() === '') throw new RuleSyntaxError(text, start, 'quoted name is empty');
      tokens.push({ kind: 'quoted', text: name, pos: start });
    } else if (NAME_START.test(c)) {
      const start = p;
      while (p < text.length && NAME_PART.test(text[p]!)) p++;
      tokens.push({ kind: 'name', text: text.slice(start, p), pos: start });
    } else {
      throw new RuleSyntaxError(text, p, `unexpected character '${c}' (names with spaces or symbols go in double quotes)`);
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}
