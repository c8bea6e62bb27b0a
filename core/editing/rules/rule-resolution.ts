import { column } from '../../geometry/mat4.js';
import { norm } from '../../geometry/vec3.js';
import type { MaskGrid } from '../mask-grid.js';
import type { ParsedRule, RuleExpr } from './rule-ast.js';

const AXES = [
  { name: 'left-right', directions: ['left', 'right'] },
  { name: 'anterior-posterior', directions: ['anterior', 'posterior'] },
  { name: 'superior-inferior', directions: ['superior', 'inferior'] },
] as const;

/**
 * Distance (mm) between neighbouring voxel centres along each patient axis (x = left-right,
 * y = anterior-posterior, z = superior-inferior): the spacing of the grid axis that runs most
 * nearly along it (exact for axial, sagittal and coronal grids).
 */
export function stepsAlongPatientAxes(grid: MaskGrid): [number, number, number] {
  const columns = [0, 1, 2].map((a) => column(grid.ijkToLps, a));
  return [0, 1, 2].map((p) => {
    let best = columns[0]!;
    for (const c of columns) if (Math.abs(c[p]!) / norm(c) > Math.abs(best[p]!) / norm(best)) best = c;
    return norm(best);
  }) as [number, number, number];
}

/** A length as typed, to two decimals; one shorter than 0.01 mm with two significant digits, never as '0 mm'. */
const mm = (v: number): string => `${v === 0 || v >= 0.01 ? Number(v.toFixed(2)) : Number(v.toPrecision(2))} mm`;

/**
 * What a rule asks for that this grid cannot show. Margins are measured between voxel centres, so
 * a margin shorter than the spacing along its direction adds (or, contracting, removes) nothing
 * there: a 3 mm superior margin on 3.27 mm slices leaves the PTV on the GTV's slices. That is exact
 * for the grid but not what the planner wrote, so it is said, never silently dropped. Rings and
 * shells thinner than the spacing across them may have gaps.
 */
export function ruleResolutionWarnings(rule: ParsedRule, grid: MaskGrid): string[] {
  const steps = stepsAlongPatientAxes(grid);
  const out: string[] = [];
  const visit = (e: RuleExpr): void => {
    switch (e.kind) {
      case 'structure':
        return;
      case 'binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'margin': {
        visit(e.operand);
        if (e.operand.kind === 'margin' && e.operand.sign === e.sign) {
          out.push(
            `${rule.text}: margins in a row are applied one after the other, each measured between voxel centres, so the result can differ ` +
              'from one margin of their sum (write the sum as one margin if that is what is meant)',
          );
        }
        const verb = e.sign > 0 ? 'adds' : 'removes';
        AXES.forEach((axis, p) => {
          const short = axis.directions.filter((d) => e.margin[d] > 0 && e.margin[d] < steps[p]! - 1e-6);
          if (short.length === 0) return;
          const values = [...new Set(short.map((d) => e.margin[d]))].map(mm).join(' and ');
          out.push(
            `${rule.text}: the ${short.join(' and ')} margin${short.length > 1 ? 's' : ''} (${values}) ${short.length > 1 ? 'are' : 'is'} less than the ${mm(steps[p]!)} between voxel centres ` +
              `along ${axis.name}, so it ${verb} no voxel ${short.length > 1 ? 'in those directions' : `to the ${short[0]}`} (margins are measured between voxel centres)`,
          );
        });
        return;
      }
      case 'ring':
      case 'shell': {
        visit(e.operand);
        const wall = e.kind === 'ring' ? e.outerMm - e.innerMm : e.thicknessMm;
        const coarse = Math.max(...steps);
        if (wall < coarse - 1e-6) out.push(`${rule.text}: the ${e.kind}'s wall (${mm(wall)}) is thinner than the ${mm(coarse)} between voxel centres along one axis, so it may have gaps there`);
        return;
      }
    }
  };
  visit(rule.expr);
  return out;
}
