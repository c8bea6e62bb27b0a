/**
 * Rule strings for structure algebra, in the syntax of core/editing/rules (the same as
 * `delineate derive --rule`): the margin and Boolean dialogs build them, show them, and send them
 * as `{ kind: 'rule', rule }`, so what the user sees is exactly what runs and is recorded.
 */

/** A bare name is letters, digits, '_' or '.', not starting with a digit (rule-lexer.ts); anything else is quoted. */
const BARE_NAME = /^[\p{L}_][\p{L}\p{N}_.]*$/u;

export function ruleName(name: string): string {
  return BARE_NAME.test(name) ? name : `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A length in mm as the lexer reads it: plain digits, no exponent, at most two decimals. */
export function mmText(mm: number): string {
  return String(Math.round(mm * 100) / 100);
}

export interface DirectionalMm {
  readonly R: number;
  readonly L: number;
  readonly A: number;
  readonly P: number;
  readonly S: number;
  readonly I: number;
}

export const DIRECTIONS = ['R', 'L', 'A', 'P', 'S', 'I'] as const;
export const DIRECTION_LABELS: Readonly<Record<(typeof DIRECTIONS)[number], string>> = {
  R: 'right', L: 'left', A: 'anterior', P: 'posterior', S: 'superior', I: 'inferior',
};

export type MarginSpec = { readonly kind: 'isotropic'; readonly mm: number } | { readonly kind: 'directional'; readonly mm: DirectionalMm };

/** "GTV + 2mm", "GTV - 1mm", "GTV + [R2,L2,A1,P1,S3,I3]mm" (unlisted directions are 0). */
export function marginExpression(source: string, sign: '+' | '-', margin: MarginSpec): string {
  if (margin.kind === 'isotropic') return `${ruleName(source)} ${sign} ${mmText(margin.mm)}mm`;
  const parts = DIRECTIONS.map((d) => `${d}${mmText(margin.mm[d])}`);
  return `${ruleName(source)} ${sign} [${parts.join(',')}]mm`;
}

export function marginRule(output: string, source: string, sign: '+' | '-', margin: MarginSpec): string {
  return `${ruleName(output)} = ${marginExpression(source, sign, margin)}`;
}

/**
 * A ring between `innerMm` and `outerMm` from the surface (negative is inside):
 * "Ring = (PTV + 10mm) - PTV", "Ring = (PTV + 10mm) - (PTV + 2mm)", "Ring = (PTV + 5mm) - (PTV - 2mm)".
 */
export function ringRule(output: string, source: string, innerMm: number, outerMm: number): string {
  const offset = (mm: number): string => (mm === 0 ? ruleName(source) : `(${ruleName(source)} ${mm > 0 ? '+' : '-'} ${mmText(Math.abs(mm))}mm)`);
  return `${ruleName(output)} = ${offset(outerMm)} - ${offset(innerMm)}`;
}

export const BOOLEAN_OPS = [
  { op: '|', label: '∪ union (A or B)' },
  { op: '&', label: '∩ intersection (A and B)' },
  { op: '-', label: '− subtraction (A not B)' },
  { op: '^', label: 'XOR (in exactly one)' },
] as const;
export type BooleanOp = (typeof BOOLEAN_OPS)[number]['op'];

export function booleanRule(output: string, a: string, op: BooleanOp, b: string): string {
  return `${ruleName(output)} = ${ruleName(a)} ${op} ${ruleName(b)}`;
}

/** Why the numbers cannot make a margin, or null when they can. */
export function marginProblem(margin: MarginSpec): string | null {
  const values = margin.kind === 'isotropic' ? [margin.mm] : DIRECTIONS.map((d) => margin.mm[d]);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) return 'margins are lengths of 0 mm or more (choose expand or contract for the direction)';
  if (values.every((v) => v === 0)) return 'a margin of 0 mm changes nothing';
  if (values.some((v) => v > 200)) return 'margins are at most 200 mm, as in any rule';
  return null;
}

export function ringProblem(innerMm: number, outerMm: number): string | null {
  if (!Number.isFinite(innerMm) || !Number.isFinite(outerMm)) return 'give both ring offsets in mm';
  if (!(innerMm < outerMm)) return `the inner offset (${innerMm} mm) must be less than the outer (${outerMm} mm)`;
  return null;
}
