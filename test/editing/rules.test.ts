import { describe, expect, it } from 'vitest';
import { combineMasks } from '../../core/editing/booleans.js';
import { contractMask, expandMask, ringMask, shellMask } from '../../core/editing/margins.js';
import { RuleSyntaxError, UnknownStructureError } from '../../core/editing/rules/rule-errors.js';
import { parseRule } from '../../core/editing/rules/rule-parser.js';
import { applyRules } from '../../core/editing/rules/evaluate-rules.js';
import { ballMask, makeGrid } from './support/grids.js';

const grid = makeGrid([30, 30, 16], [1, 1, 2]);
const GTV = ballMask(grid, [12, 14, 14], 5);
const CTV = ballMask(grid, [15, 14, 16], 6);
const Brain = ballMask(grid, [15, 15, 15], 12);
const structures = new Map([['GTV', GTV], ['CTV', CTV], ['Brain', Brain], ['Spinal Cord', ballMask(grid, [15, 24, 15], 3)]]);
const run = (...rules: string[]) => applyRules(rules, structures, grid);

describe('structure algebra: evaluation', () => {
  it('PTV = GTV + 2mm equals expandMask; - 1mm contracts; cm works', () => {
    expect(run('PTV = GTV + 2mm')[0]!.mask).toEqual(expandMask(GTV, grid, 2));
    expect(run('X = GTV - 1mm')[0]!.mask).toEqual(contractMask(GTV, grid, 1));
    expect(run('X = GTV + 0.3cm')[0]!.mask).toEqual(expandMask(GTV, grid, 3));
  });
  it('per-direction margins map R/L/A/P/S/I to patient directions', () => {
    const [d] = run('PTV = GTV + [R2,L2,A1,P1,S3,I3]mm');
    expect(d!.mask).toEqual(expandMask(GTV, grid, { right: 2, left: 2, anterior: 1, posterior: 1, superior: 3, inferior: 3 }));
    const [e] = run('PTV = GTV + [r 2, S4]mm');
    expect(e!.mask).toEqual(expandMask(GTV, grid, { right: 2, left: 0, anterior: 0, posterior: 0, superior: 4, inferior: 0 }));
  });
  it('| & - ^ are union, intersection, subtraction, xor; a margin binds to the operand before it', () => {
    const [u, i, s, x, m] = run('U = GTV | CTV', 'I = GTV & CTV', 'S = Brain - CTV', 'X = GTV ^ CTV', 'M = Brain - CTV + 3mm');
    expect(u!.mask).toEqual(combineMasks('union', GTV, CTV, grid));
    expect(i!.mask).toEqual(combineMasks('intersection', GTV, CTV, grid));
    expect(s!.mask).toEqual(combineMasks('subtraction', Brain, CTV, grid));
    expect(x!.mask).toEqual(combineMasks('xor', GTV, CTV, grid));
    expect(m!.mask).toEqual(combineMasks('subtraction', Brain, expandMask(CTV, grid, 3), grid));
  });
  it('precedence: - before &, & before |; parentheses override', () => {
    const [a, b] = run('A = GTV | CTV & Brain - GTV', 'B = (GTV | CTV) & Brain - GTV');
    const bMinusG = combineMasks('subtraction', Brain, GTV, grid);
    expect(a!.mask).toEqual(combineMasks('union', GTV, combineMasks('intersection', CTV, bMinusG, grid), grid));
    expect(b!.mask).toEqual(combineMasks('intersection', combineMasks('union', GTV, CTV, grid), bMinusG, grid));
  });
  it('ring, shell, quoted names, and later rules using earlier results', () => {
    const [ptv, ring, shell, cord] = run('PTV = GTV + 3mm', 'Ring = ring(PTV, 2mm, 7mm)', 'Wall = shell(PTV, 2mm)', '"Cord PRV" = "Spinal Cord" + 5mm');
    expect(ring!.mask).toEqual(ringMask(ptv!.mask, grid, 2, 7));
    expect(shell!.mask).toEqual(shellMask(ptv!.mask, grid, 2));
    expect(cord!.name).toBe('Cord PRV');
    expect(cord!.operands).toEqual(['Spinal Cord']);
    expect(run('R = ring(GTV, -2mm, 0mm)')[0]!.mask).toEqual(ringMask(GTV, grid, -2, 0));
  });
  it('inputs are never modified and a plain copy is a new array', () => {
    const before = GTV.slice();
    const [copy] = run('Copy = GTV');
    copy!.mask[0] = 1;
    expect(GTV).toEqual(before);
  });
});

describe('structure algebra: errors say what and where', () => {
  const syntax = (rule: string): RuleSyntaxError => {
    try {
      parseRule(rule);
    } catch (e) {
      if (e instanceof RuleSyntaxError) return e;
      throw e;
    }
    throw new Error(`no error for ${rule}`);
  };
  it.each([
    ['PTV = GTV +', 11, "'+' takes a length"],
    ['PTV = GTV + 2', 13, 'needs a unit, mm or cm'],
    ['PTV = GTV + CTV', 12, "to combine structures use '|'"],
    ['PTV GTV + 2mm', 4, "expected '=' after the target name 'PTV'"],
    ['PTV = (GTV + 2mm', 16, "expected ')' to close the '(' opened at character 7"],
    ['PTV = GTV + [R2,X3]mm', 16, 'expected a direction and a value'],
    ['PTV = GTV + [R2,R3]mm', 16, 'direction R is given twice'],
    ['PTV = ring(GTV, 7mm, 2mm)', 16, 'must be less than the outer'],
    ['PTV = grow(GTV)', 6, "unknown function 'grow'"],
    ['W = shell(GTV, 2mm, 5mm)', 18, 'shell(S, thickness) takes one length'],
    ['W = ring(GTV, 2mm, 5mm, 7mm)', 22, 'ring(S, inner, outer) takes two lengths'],
    ['PTV = GTV $ CTV', 10, "unexpected character '$'"],
    ['PTV = "GTV', 6, 'no closing "'],
    ['PTV = GTV CTV', 10, "unexpected 'CTV' after a complete expression"],
    // Lengths past 200 mm reach beyond any treatment site: refused, naming the limit, in mm or cm, per direction too.
    ['X = GTV + 500mm', 10, 'a margin of 500 mm is beyond the largest this application applies, 200 mm'],
    ['X = GTV - 21cm', 10, 'a margin of 210 mm is beyond the largest'],
    ['X = GTV + [R2,S250]mm', 14, 'a margin S of 250 mm is beyond the largest'],
    ['X = ring(GTV, 0mm, 300mm)', 19, 'a ring outer offset of 300 mm is beyond the largest'],
    ['X = ring(GTV, -250mm, 0mm)', 15, 'a ring inner offset of 250 mm is beyond the largest'],
    ['X = shell(GTV, 201mm)', 15, 'a shell thickness of 201 mm is beyond the largest'],
  ])('%s → at %i: %s', (rule, pos, text) => {
    const e = syntax(rule);
    expect(e.position).toBe(pos);
    expect(e.message).toContain(text);
    // The caret sits under the offending character.
    const lines = e.message.split('\n');
    expect(lines[2]!.indexOf('^') - 2).toBe(pos);
  });
  it('an unknown structure lists the known names and suggests the nearest', () => {
    let error: unknown;
    try {
      run('PTV = GTv + 2mm');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownStructureError);
    const message = (error as Error).message;
    expect(message).toContain("unknown structure 'GTv' (at character 7); did you mean 'GTV'?");
    expect(message).toContain("known structures: 'GTV', 'CTV', 'Brain', 'Spinal Cord'");
  });
  it('a later rule may use an earlier target, not redefine an existing name; all rules are checked before any runs', () => {
    expect(() => run('GTV = CTV + 1mm')).toThrow(/'GTV' already exists/);
    // A target that reads as an existing or earlier name is refused like the name itself, at its position.
    expect(() => run('"GTV " = CTV + 1mm')).toThrow(/'GTV ' has leading or trailing spaces/);
    expect(() => run('gtv = CTV + 1mm')).toThrow(/'gtv' differs from the existing 'GTV' only in case/);
    expect(() => run('G\u0422V = CTV + 1mm')).toThrow(/looks the same as the existing 'GTV'/);
    expect(() => run('PTV = GTV + 5mm', 'Ptv = GTV')).toThrow(/'Ptv' differs from the existing 'PTV' only in case/);
    expect(() => run('PTV = GTV + 1mm', 'X = PTVV | CTV')).toThrow(/did you mean 'PTV'/);
  });
});
