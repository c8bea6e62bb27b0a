import { newNameProblem } from '../../rt/roi-name.js';
import { combineMasks } from '../booleans.js';
import type { BooleanOp } from '../booleans.js';
import { contractMask, expandMask, ringMask, shellMask } from '../margins.js';
import type { MarginOptions } from '../margins.js';
import type { MaskGrid } from '../mask-grid.js';
import { checkMask } from '../mask-grid.js';
import type { ParsedRule, RuleExpr } from './rule-ast.js';
import { referencedNames } from './rule-ast.js';
import { RuleSyntaxError, UnknownStructureError } from './rule-errors.js';
import { parseRule } from './rule-parser.js';
import { ruleResolutionWarnings } from './rule-resolution.js';

const OPS: Record<'|' | '&' | '-' | '^', BooleanOp> = { '|': 'union', '&': 'intersection', '-': 'subtraction', '^': 'xor' };

/** Evaluate an expression over named masks on one grid; every name must be present (see checkNames). */
export function evaluateExpression(expr: RuleExpr, structures: ReadonlyMap<string, Uint8Array>, grid: MaskGrid, options: MarginOptions = {}): Uint8Array {
  switch (expr.kind) {
    case 'structure': {
      const mask = structures.get(expr.name);
      if (!mask) throw new Error(`structure '${expr.name}' is not available`);
      checkMask(mask, grid, `structure '${expr.name}'`);
      return mask;
    }
    case 'binary':
      return combineMasks(OPS[expr.op], evaluateExpression(expr.left, structures, grid, options), evaluateExpression(expr.right, structures, grid, options), grid);
    case 'margin': {
      const operand = evaluateExpression(expr.operand, structures, grid, options);
      return expr.sign > 0 ? expandMask(operand, grid, expr.margin) : contractMask(operand, grid, expr.margin, options);
    }
    case 'ring':
      return ringMask(evaluateExpression(expr.operand, structures, grid, options), grid, expr.innerMm, expr.outerMm, options);
    case 'shell':
      return shellMask(evaluateExpression(expr.operand, structures, grid, options), grid, expr.thicknessMm, options);
  }
}

/** Throw UnknownStructureError for the first name the rule reads that `known` lacks. */
export function checkNames(rule: ParsedRule, known: readonly string[]): void {
  for (const { name, pos } of referencedNames(rule.expr)) {
    if (!known.includes(name)) throw new UnknownStructureError(rule.text, name, pos, known);
  }
}

export interface DerivedStructure {
  readonly name: string;
  /** The rule as written, for ROI Generation Description. */
  readonly rule: string;
  /** Names the rule reads, in order. */
  readonly operands: string[];
  readonly mask: Uint8Array;
  /** What the rule asks for that the grid cannot show (see ruleResolutionWarnings). */
  readonly warnings: readonly string[];
}

/**
 * Parse every rule first (so a typo in the last one fails before any work), then evaluate them in
 * order: each rule sees the given structures and the results of the rules before it. A rule may
 * not redefine an existing name, nor make one that reads the same (newNameProblem) — a script that
 * silently replaced the GTV, or wrote a second 'GTV', would be a hazard.
 */
export function applyRules(
  rules: readonly string[], structures: ReadonlyMap<string, Uint8Array>, grid: MaskGrid, options: MarginOptions = {},
): DerivedStructure[] {
  const parsed = rules.map((r) => parseRule(r));
  const known = [...structures.keys()];
  for (const rule of parsed) {
    checkNames(rule, known);
    // The target becomes a structure name: the limits a name typed in the application meets.
    const problem = newNameProblem(rule.target, known);
    if (problem) throw new RuleSyntaxError(rule.text, rule.targetPos, problem);
    known.push(rule.target);
  }
  const available = new Map(structures);
  return parsed.map((rule) => {
    const mask = evaluateExpression(rule.expr, available, grid, options);
    // A rule that is just a name must still give a new mask, never an alias of the input.
    const owned = mask === available.get(referencedNames(rule.expr)[0]?.name ?? '') ? mask.slice() : mask;
    available.set(rule.target, owned);
    return { name: rule.target, rule: rule.text, operands: referencedNames(rule.expr).map((r) => r.name), mask: owned, warnings: ruleResolutionWarnings(rule, grid) };
  });
}
