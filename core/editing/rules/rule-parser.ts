import type { DirectionalMarginMm } from '../directional-margin.js';
import type { ParsedRule, RuleExpr } from './rule-ast.js';
import { RuleSyntaxError } from './rule-errors.js';
import type { Token } from './rule-lexer.js';
import { tokenize } from './rule-lexer.js';

/**
 * The longest margin, ring offset or shell thickness a rule may ask for: 20 cm reaches past any
 * treatment site, and a margin that long on a fine grid costs seconds for nothing.
 */
export const MAX_LENGTH_MM = 200;

/**
 * Structure algebra, one rule per line of a script:
 *
 *   rule     := NAME '=' union
 *   union    := xor ( '|' xor )*                      A | B        union (lowest precedence)
 *   xor      := inter ( '^' inter )*                  A ^ B        in exactly one
 *   inter    := diff ( '&' diff )*                    A & B        intersection
 *   diff     := margin ( '-' margin )*                A - B        subtraction (a structure after '-')
 *   margin   := primary ( ('+' | '-') LENGTH )*       A + 3mm, A - 2mm   expand / contract (tightest)
 *   primary  := NAME | '(' union ')'
 *             | 'ring' '(' union ',' SIGNED ',' SIGNED ')'   band from offset inner to offset outer
 *             | 'shell' '(' union ',' LENGTH ')'             inner wall of that thickness
 *   LENGTH   := NUMBER UNIT | '[' DIR NUMBER (',' DIR NUMBER)* ']' UNIT
 *   SIGNED   := '-'? NUMBER UNIT
 *   DIR      := R | L | A | P | S | I   (patient right, left, anterior, posterior, superior, inferior;
 *                                        any case; unlisted directions get 0)
 *   UNIT     := mm | cm
 *   NAME     := letters, digits, '_' or '.', not starting with a digit | "any text in double quotes"
 *
 * Precedence follows Python's set operators (- before &, & before ^, ^ before |), and a margin
 * binds to the operand just before it: `Rectum - PTV + 3mm` removes PTV expanded by 3 mm. After
 * '-', a length contracts and anything else subtracts. '+' only ever takes a length (union is '|'),
 * and a unit is required, so "2" is never silently 2 cm or 2 voxels.
 */
export function parseRule(text: string): ParsedRule {
  const p = new Parser(text);
  const target = p.name('the name of the structure to create');
  p.expect('=', `expected '=' after the target name '${target.name}'`);
  const expr = p.union();
  const rest = p.peek();
  if (rest.kind !== 'end') p.fail(rest.pos, `unexpected '${rest.text}' after a complete expression${rest.text === '+' ? '' : ' (missing an operator?)'}`);
  return { text, target: target.name, targetPos: target.pos, expr };
}

class Parser {
  private readonly tokens: Token[];
  private at = 0;
  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[Math.min(this.at++, this.tokens.length - 1)]!;
  }
  private isPunct(mark: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'punct' && t.text === mark;
  }
  fail(pos: number, reason: string): never {
    throw new RuleSyntaxError(this.text, pos, reason);
  }
  expect(mark: string, reason: string): Token {
    if (!this.isPunct(mark)) this.fail(this.peek().pos, `${reason}${this.found()}`);
    return this.next();
  }
  private found(): string {
    const t = this.peek();
    return t.kind === 'end' ? ', found the end of the rule' : `, found '${t.text}'`;
  }
  name(what: string): { name: string; pos: number } {
    const t = this.peek();
    if (t.kind !== 'name' && t.kind !== 'quoted') this.fail(t.pos, `expected ${what}${this.found()}`);
    this.next();
    return { name: t.text, pos: t.pos };
  }

  union(): RuleExpr {
    return this.leftAssociative('|', () => this.xor());
  }
  private xor(): RuleExpr {
    return this.leftAssociative('^', () => this.inter());
  }
  private inter(): RuleExpr {
    return this.leftAssociative('&', () => this.diff());
  }
  private diff(): RuleExpr {
    return this.leftAssociative('-', () => this.margin());
  }
  private leftAssociative(op: '|' | '^' | '&' | '-', operand: () => RuleExpr): RuleExpr {
    let left = operand();
    while (this.isPunct(op)) {
      const pos = this.next().pos;
      left = { kind: 'binary', op, left, right: operand(), pos };
    }
    return left;
  }

  private margin(): RuleExpr {
    let expr = this.primary();
    for (;;) {
      const sign = this.isPunct('+') ? 1 : this.isPunct('-') ? -1 : 0;
      if (sign === 0) return expr;
      const after = this.peek(1);
      const isLength = after.kind === 'number' || (after.kind === 'punct' && after.text === '[');
      // '-' before a structure is a subtraction, handled one level up.
      if (sign === -1 && !isLength) return expr;
      const op = this.next();
      if (!isLength) this.fail(after.pos, `'+' takes a length such as 3mm or [R2,L2,A1,P1,S3,I3]mm; to combine structures use '|'${after.kind === 'end' ? ', found the end of the rule' : ''}`);
      expr = { kind: 'margin', operand: expr, sign, margin: this.length(), pos: op.pos };
    }
  }

  private primary(): RuleExpr {
    const t = this.peek();
    if (this.isPunct('(')) {
      this.next();
      const inner = this.union();
      this.expect(')', "expected ')' to close the '(' opened at character " + String(t.pos + 1));
      return inner;
    }
    if (t.kind === 'name' && this.isPunct('(', 1)) return this.call(t);
    if (t.kind === 'name' || t.kind === 'quoted') {
      this.next();
      return { kind: 'structure', name: t.text, pos: t.pos };
    }
    if (t.kind === 'number') this.fail(t.pos, `a length must follow '+' or '-', as in GTV + ${t.text}mm`);
    return this.fail(t.pos, `expected a structure name, '(' or ring(S, inner, outer) / shell(S, thickness)${this.found()}`);
  }

  private call(fn: Token): RuleExpr {
    const name = fn.text.toLowerCase();
    if (name !== 'ring' && name !== 'shell') this.fail(fn.pos, `unknown function '${fn.text}' (functions: ring(S, inner, outer), shell(S, thickness); a structure named like this needs quotes)`);
    this.next();
    this.next();
    const operand = this.union();
    if (name === 'shell') {
      this.expect(',', 'shell(S, thickness): expected \',\' after the structure');
      const thicknessMm = this.plainLength(false, 'shell thickness');
      this.expect(')', "shell(S, thickness) takes one length: expected ')' to close it");
      if (!(thicknessMm > 0)) this.fail(fn.pos, 'shell thickness must be greater than 0');
      return { kind: 'shell', operand, thicknessMm, pos: fn.pos };
    }
    this.expect(',', "ring(S, inner, outer): expected ',' after the structure");
    const innerPos = this.peek().pos;
    const innerMm = this.plainLength(true, 'ring inner offset');
    this.expect(',', "ring(S, inner, outer): expected ',' after the inner offset");
    const outerMm = this.plainLength(true, 'ring outer offset');
    this.expect(')', "ring(S, inner, outer) takes two lengths: expected ')' to close it");
    if (!(innerMm < outerMm)) this.fail(innerPos, `ring inner offset (${innerMm} mm) must be less than the outer (${outerMm} mm)`);
    return { kind: 'ring', operand, innerMm, outerMm, pos: fn.pos };
  }

  /** NUMBER UNIT, optionally negative; returns mm. */
  private plainLength(signed: boolean, what: string): number {
    let sign = 1;
    if (signed && this.isPunct('-')) {
      this.next();
      sign = -1;
    }
    const n = this.peek();
    if (n.kind !== 'number') this.fail(n.pos, `expected the ${what} as a length such as 2mm${this.found()}`);
    this.next();
    return sign * this.checkedLength(Number(n.text) * this.unit(), n.pos, what);
  }

  /** Lengths beyond MAX_LENGTH_MM are refused: they reach past any treatment site, and cost seconds for nothing. */
  private checkedLength(mm: number, pos: number, what: string): number {
    if (mm > MAX_LENGTH_MM) {
      this.fail(pos, `a ${what} of ${mm} mm is beyond the largest this application applies, ${MAX_LENGTH_MM} mm; for everything outside a structure, subtract it from a larger one (e.g. Body - PTV)`);
    }
    return mm;
  }

  /** A length after '+' / '-': one value, or per-direction values in brackets; returns mm. */
  private length(): DirectionalMarginMm {
    if (!this.isPunct('[')) {
      const mm = this.plainLength(false, 'margin');
      return { left: mm, right: mm, anterior: mm, posterior: mm, superior: mm, inferior: mm };
    }
    const open = this.next();
    const values = new Map<string, number>();
    const positions = new Map<string, number>();
    for (;;) {
      const t = this.peek();
      // "R2" lexes as one name; "R 2" as a name then a number.
      const m = t.kind === 'name' ? /^([RLAPSI])(\d+(?:\.\d*)?)?$/i.exec(t.text) : null;
      if (!m) this.fail(t.pos, `expected a direction and a value such as R2 (directions R, L, A, P, S, I)${this.found()}`);
      this.next();
      let value = m[2];
      if (value === undefined) {
        const n = this.peek();
        if (n.kind !== 'number') this.fail(n.pos, `expected a value after '${m[1]}'${this.found()}`);
        value = this.next().text;
      }
      const dir = m[1]!.toUpperCase();
      if (values.has(dir)) this.fail(t.pos, `direction ${dir} is given twice`);
      values.set(dir, Number(value));
      positions.set(dir, t.pos);
      if (this.isPunct(',')) {
        this.next();
        continue;
      }
      this.expect(']', `expected ',' or ']' in the margin opened at character ${open.pos + 1}`);
      break;
    }
    const scale = this.unit();
    for (const [d, v] of values) this.checkedLength(v * scale, positions.get(d)!, `margin ${d}`);
    const get = (d: string) => (values.get(d) ?? 0) * scale;
    return { right: get('R'), left: get('L'), anterior: get('A'), posterior: get('P'), superior: get('S'), inferior: get('I') };
  }

  private unit(): number {
    const t = this.peek();
    const u = t.kind === 'name' ? t.text.toLowerCase() : '';
    if (u !== 'mm' && u !== 'cm') this.fail(t.pos, `a length needs a unit, mm or cm${this.found()}`);
    this.next();
    return u === 'cm' ? 10 : 1;
  }
}
