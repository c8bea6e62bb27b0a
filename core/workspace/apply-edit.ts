import type { EditCommand, Triple } from '../api/contract.js';
import { discVoxels, paintInPlace, polygonVoxels, sphereVoxels } from '../editing/brush.js';
import { keepLargestComponent, removeIslands } from '../editing/components.js';
import { interpretedTypeFor } from '../editing/derived-roi.js';
import { fillHoles3d } from '../editing/fill-holes.js';
import { interpolateSlices } from '../editing/interpolate-slices.js';
import type { MaskGrid } from '../editing/mask-grid.js';
import { referencedNames } from '../editing/rules/rule-ast.js';
import { evaluateExpression, checkNames } from '../editing/rules/evaluate-rules.js';
import { parseRule } from '../editing/rules/rule-parser.js';
import { smoothMask } from '../editing/smooth.js';
import { vec3 } from '../geometry/spaces.js';
import { nearestAxis, permuteGrid } from './slice-axis.js';
import { newNameProblem, usableName } from '../rt/roi-name.js';
import { countVoxels, type LiveStructure, type StructureContent } from './structure-content.js';
import { ruleResolutionWarnings } from '../editing/rules/rule-resolution.js';
import { EditRefused } from './edit-refused.js';

/** What an edit did, before it is saved: the new state of each structure it touched. */
export interface EditOutcome {
  readonly label: string;
  /** Whole new structures (content and mask), created or changed. */
  readonly changed: readonly LiveStructure[];
  readonly deleted: readonly string[];
  /** Ids in `changed` that this edit created, with how (for their review records). */
  readonly created: readonly { readonly id: string; readonly how: 'drawn' | 'assisted'; readonly tool: string }[];
  /** Ids whose contour (mask) changed: each gets an 'edit' in its review record. */
  readonly contourChanged: readonly string[];
  readonly warnings: readonly string[];
}

export interface EditContext {
  readonly grid: MaskGrid;
  readonly structures: ReadonlyMap<string, LiveStructure>;
  newId(): string;
  /** Whether a structure is locked (approved or rejected), with the reason. */
  locked(id: string): string | null;
  /** Why a structure may not be read or changed yet (sequential reading hides it), or null. */
  hidden(id: string): string | null;
  /** Whether a structure is a model's output or built from one (a rule result then is too). */
  fromAiDraft(id: string): boolean;
  /** Who rejected a structure and why, when it is rejected (a rule that reads it is told so); null otherwise. */
  rejected(id: string): string | null;
}

/** Colours for new structures, in turn: distinct on grey images and for the common colour-vision deficiencies. */
const PALETTE: readonly Triple[] = [[230, 159, 0], [86, 180, 233], [0, 158, 115], [240, 228, 66], [0, 114, 178], [213, 94, 0], [204, 121, 167]];

/** Longest stroke step, as a fraction of the brush radius, before points are filled in between. */
const STROKE_STEP = 0.25;

export function applyEdit(command: EditCommand, ctx: EditContext): EditOutcome {
  switch (command.kind) {
    case 'create': {
      const name = checkName(command.name, ctx);
      const id = ctx.newId();
      const content: StructureContent = {
        id, name, color: command.color ?? PALETTE[ctx.structures.size % PALETTE.length]!, interpretedType: command.interpretedType ?? interpretedTypeFor(name),
        source: 'drawn', origin: 'drawn', rule: '', warnings: [],
      };
      const mask = new Uint8Array(ctx.grid.dims[0] * ctx.grid.dims[1] * ctx.grid.dims[2]);
      return { label: `create ${name}`, changed: [{ content, mask, voxelCount: 0 }], deleted: [], created: [{ id, how: 'drawn', tool: 'drawn' }], contourChanged: [], warnings: [] };
    }
    case 'update': {
      const s = target(command.structureId, ctx);
      const name = command.name !== undefined && command.name !== s.content.name ? checkName(command.name, ctx, s.content.id) : s.content.name;
      const content = { ...s.content, name, color: command.color ?? s.content.color, interpretedType: command.interpretedType ?? s.content.interpretedType };
      const what = [name !== s.content.name ? `rename ${s.content.name} to ${name}` : '', command.color ? 'recolour' : '', command.interpretedType !== undefined ? `type ${content.interpretedType}` : '']
        .filter((w) => w !== '').join(', ');
      return { label: `${what || 'update'} (${s.content.name})`, changed: [{ ...s, content }], deleted: [], created: [], contourChanged: [], warnings: [] };
    }
    case 'delete': {
      const s = target(command.structureId, ctx);
      return { label: `delete ${s.content.name}`, changed: [], deleted: [s.content.id], created: [], contourChanged: [], warnings: [] };
    }
    case 'brush':
      return contour(command.structureId, ctx, `${command.mode === 'paint' ? 'brush' : 'erase'} ${command.radiusMm} mm ${command.shape}`, (mask) => {
        checkPositive(command.radiusMm, 'brush radius');
        const value = command.mode === 'paint' ? 1 : 0;
        const points = densify(triples(command.points), command.radiusMm * STROKE_STEP);
        if (command.shape === 'sphere') {
          for (const p of points) paintInPlace(mask, sphereVoxels(ctx.grid, vec3(p[0], p[1], p[2]), command.radiusMm), value);
          return mask;
        }
        const perm = permuteGrid(ctx.grid, nearestAxis(ctx.grid, command.normal));
        for (const p of points) {
          const voxels = discVoxels(perm.grid, vec3(p[0], p[1], p[2]), command.radiusMm);
          for (let n = 0; n < voxels.length; n++) voxels[n] = perm.toOriginalIndex(voxels[n]!);
          paintInPlace(mask, voxels, value);
        }
        return mask;
      });
    case 'polygon':
      return contour(command.structureId, ctx, `${command.mode === 'paint' ? 'polygon' : 'polygon erase'} (${command.points.length / 3} points)`, (mask) => {
        const perm = permuteGrid(ctx.grid, nearestAxis(ctx.grid, command.normal));
        const voxels = polygonVoxels(perm.grid, command.points);
        for (let n = 0; n < voxels.length; n++) voxels[n] = perm.toOriginalIndex(voxels[n]!);
        paintInPlace(mask, voxels, command.mode === 'paint' ? 1 : 0);
        return mask;
      });
    case 'fill-holes':
      return contour(command.structureId, ctx, 'fill holes', (mask) => fillHoles3d(mask, ctx.grid));
    case 'remove-islands':
      return contour(command.structureId, ctx, `remove islands < ${command.minVolumeCc} cc`, (mask) => removeIslands(mask, ctx.grid, command.minVolumeCc));
    case 'keep-largest':
      return contour(command.structureId, ctx, 'keep largest part', (mask) => keepLargestComponent(mask, ctx.grid));
    case 'smooth':
      return contour(command.structureId, ctx, `smooth ${command.sizeMm} mm`, (mask) => {
        checkPositive(command.sizeMm, 'smoothing size');
        return smoothMask(mask, ctx.grid, command.sizeMm);
      });
    case 'interpolate':
      return contour(command.structureId, ctx, 'interpolate between drawn slices', (mask) => {
        const perm = permuteGrid(ctx.grid, nearestAxis(ctx.grid, command.normal));
        return perm.toOriginal(interpolateSlices(perm.toPermuted(mask), perm.grid));
      });
    case 'rule':
      return applyRule(command.rule, ctx);
    case 'lesion':
      throw new EditRefused('one-click lesion growing needs the image; it is handled by the series workspace');
  }
}

function applyRule(text: string, ctx: EditContext): EditOutcome {
  const rule = parseRule(text);
  const byName = new Map([...ctx.structures.values()].map((s) => [s.content.name, s]));
  for (const r of referencedNames(rule.expr)) {
    const s = byName.get(r.name);
    const why = s ? ctx.hidden(s.content.id) : null;
    if (s && why) throw new EditRefused(`the rule reads '${s.content.name}', which ${why}`);
  }
  // Hidden drafts are not offered as suggestions for a mistyped name.
  checkNames(rule, [...byName.values()].filter((s) => !ctx.hidden(s.content.id)).map((s) => s.content.name));
  const operands = referencedNames(rule.expr).map((r) => byName.get(r.name)!);
  const existing = byName.get(rule.target);
  // The target becomes a structure name: the same limits as a name typed in the structure list.
  const problem = existing ? null : newNameProblem(rule.target, byName.keys());
  if (problem) throw new EditRefused(`the rule's target: ${problem}`);
  if (existing) {
    // Re-running a rule replaces what an earlier rule made; a drawn, model or imported structure is never overwritten by one.
    if (existing.content.source !== 'derived') throw new EditRefused(`'${rule.target}' already exists and was not made by a rule; give the new structure another name`);
    const why = ctx.locked(existing.content.id);
    if (why) throw new EditRefused(`'${rule.target}' ${why}`);
  }
  const masks = new Map([...byName].map(([name, s]) => [name, s.mask]));
  const result = evaluateExpression(rule.expr, masks, ctx.grid);
  const mask = result === masks.get(referencedNames(rule.expr)[0]?.name ?? '') ? result.slice() : result;
  const id = existing?.content.id ?? ctx.newId();
  const content: StructureContent = {
    id, name: rule.target, color: existing?.content.color ?? PALETTE[ctx.structures.size % PALETTE.length]!,
    interpretedType: existing?.content.interpretedType ?? interpretedTypeFor(rule.target), source: 'derived', origin: `rule: ${rule.text}`, rule: rule.text,
    ...(operands.some((s) => ctx.fromAiDraft(s.content.id)) ? { fromAiDraft: true } : {}), warnings: [],
    sources: [...new Map(operands.map((s) => [s.content.id, { id: s.content.id, name: s.content.name, maskVersion: s.content.maskVersion ?? '' }])).values()],
  };
  const voxelCount = countVoxels(mask);
  return {
    label: rule.text, changed: [{ content, mask, voxelCount }], deleted: [], created: existing ? [] : [{ id, how: 'assisted', tool: `rule ${rule.text}` }],
    contourChanged: existing ? [id] : [],
    warnings: [
      ...(existing ? [`${rule.target} was made by ${existing.content.rule}; it is replaced by ${rule.text} (Undo brings it back)`] : []),
      // A rejected contour is not fit for use: what is built from it inherits the problem, so it is said.
      ...[...new Set(operands)].flatMap((s) => {
        const why = ctx.rejected(s.content.id);
        return why === null ? [] : [`${rule.text}: it reads '${s.content.name}', which ${why}; check ${rule.target} before you approve it`];
      }),
      ...ruleResolutionWarnings(rule, ctx.grid),
      ...(voxelCount === 0 ? [`${rule.target} is empty`] : []),
    ],
  };
}

function contour(id: string, ctx: EditContext, what: string, change: (mask: Uint8Array) => Uint8Array): EditOutcome {
  const s = target(id, ctx);
  const mask = change(s.mask.slice());
  return { label: `${what} on ${s.content.name}`, changed: [{ content: s.content, mask, voxelCount: countVoxels(mask) }], deleted: [], created: [], contourChanged: [id], warnings: [] };
}

function target(id: string, ctx: EditContext): LiveStructure {
  const s = ctx.structures.get(id);
  if (!s) throw new EditRefused(`there is no structure ${id} on this series`);
  const hidden = ctx.hidden(id);
  if (hidden) throw new EditRefused(`'${s.content.name}' ${hidden}`);
  const why = ctx.locked(id);
  if (why) throw new EditRefused(`'${s.content.name}' ${why}`);
  return s;
}

/**
 * A typed name, trimmed, that is usable and reads as no other structure's (newNameProblem);
 * `renaming` is the structure being renamed (it may change the case of its own name).
 */
export function checkName(raw: string, ctx: EditContext, renaming?: string): string {
  const name = usable(raw);
  const others = [...ctx.structures.values()].filter((s) => s.content.id !== renaming).map((s) => s.content.name);
  const problem = newNameProblem(name, others);
  if (problem) throw new EditRefused(problem);
  return name;
}

function usable(raw: string): string {
  const checked = usableName(raw);
  if ('error' in checked) throw new EditRefused(checked.error);
  return checked.name;
}

function checkPositive(v: number, what: string): void {
  if (!(v > 0) || !Number.isFinite(v)) throw new EditRefused(`${what} must be a positive number of mm, got ${v}`);
}

function triples(points: readonly number[]): Triple[] {
  if (points.length === 0 || points.length % 3 !== 0 || !points.every(Number.isFinite)) throw new EditRefused('a stroke needs points as x, y, z triplets in mm');
  const out: Triple[] = [];
  for (let n = 0; n < points.length; n += 3) out.push([points[n]!, points[n + 1]!, points[n + 2]!]);
  return out;
}

/** The stroke with points filled in so that consecutive ones are at most `stepMm` apart: a fast drag still paints a continuous band. */
function densify(points: readonly Triple[], step: number): Triple[] {
  const out: Triple[] = [points[0]!];
  for (let n = 1; n < points.length; n++) {
    const a = points[n - 1]!, b = points[n]!;
    const parts = Math.max(1, Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / Math.max(step, 1e-3)));
    for (let t = 1; t <= parts; t++) out.push([a[0] + ((b[0] - a[0]) * t) / parts, a[1] + ((b[1] - a[1]) * t) / parts, a[2] + ((b[2] - a[2]) * t) / parts]);
  }
  return out;
}

