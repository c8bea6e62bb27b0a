import type { DirectionalMarginMm } from '../directional-margin.js';

/** Positions are 0-based character offsets into the rule text (errors print them 1-based). */
export type RuleExpr =
  | { readonly kind: 'structure'; readonly name: string; readonly pos: number }
  | { readonly kind: 'margin'; readonly operand: RuleExpr; readonly sign: 1 | -1; readonly margin: DirectionalMarginMm; readonly pos: number }
  | { readonly kind: 'binary'; readonly op: '|' | '&' | '-' | '^'; readonly left: RuleExpr; readonly right: RuleExpr; readonly pos: number }
  | { readonly kind: 'ring'; readonly operand: RuleExpr; readonly innerMm: number; readonly outerMm: number; readonly pos: number }
  | { readonly kind: 'shell'; readonly operand: RuleExpr; readonly thicknessMm: number; readonly pos: number };

export interface ParsedRule {
  /** The rule as written. */
  readonly text: string;
  readonly target: string;
  readonly targetPos: number;
  readonly expr: RuleExpr;
}

/** Every structure name the expression reads, in order of first appearance. */
export function referencedNames(expr: RuleExpr): { name: string; pos: number }[] {
  const out: { name: string; pos: number }[] = [];
  const walk = (e: RuleExpr): void => {
    switch (e.kind) {
      case 'structure':
        if (!out.some((o) => o.name === e.name)) out.push({ name: e.name, pos: e.pos });
        return;
      case 'binary':
        walk(e.left);
        walk(e.right);
        return;
      default:
        walk(e.operand);
    }
  };
  walk(expr);
  return out;
}
