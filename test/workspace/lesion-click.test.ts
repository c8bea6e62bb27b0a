/**
 * One-click lesions in the editing workspace (core/workspace/lesion-edit.ts): each click on the
 * real T1 head with synthetic enhancing lesions (test/fixtures/brainchop-t1) becomes its own
 * structure GTV_1, GTV_2, … typed GTV, recorded as SEMIAUTOMATIC (a person's click, computed by a
 * tool), editable with the other tools, undoable, and listed in the lesion table.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StructurePayload } from '../../core/api/contract.js';
import { vec3 } from '../../core/geometry/spaces.js';
import { lesionTable } from '../../core/lesion/index.js';
import { structureSetProvenance } from '../../core/review/provenance.js';
import { editWithImage, nextLesionName } from '../../core/workspace/lesion-edit.js';
import { SeriesWorkspace } from '../../core/workspace/series-workspace.js';
import { WorkspaceDb } from '../../core/workspace/workspace-db.js';
import { dice } from '../../core/review/agreement.js';
import { tempDir } from '../support/paths.js';
import { headT1, insertLesion } from '../lesion/support/lesion-phantom.js';

const ME = { name: 'Ada Tester', role: 'dosimetrist' as const };
const A = vec3<'LPS'>(17.4, -2.5, 28.5);
const B = vec3<'LPS'>(-28.6, 13.5, 19.5);

const dir = tempDir('workspace-lesion-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one-click lesions in the editing workspace', () => {
  const head = headT1();
  const first = insertLesion(head, { centre: A, diameterMm: 10, level: 190 });
  const both = insertLesion(first.image, { centre: B, diameterMm: 20, level: 190 });
  const image = both.image;
  const grid = { dims: image.dims, spacingMm: [1, 1, 1] as const, ijkToLps: image.ijkToLps };
  const db = new WorkspaceDb(join(dir, 'delineate.sqlite'));
  const ws = new SeriesWorkspace(db, '1.2.826.0.1.3680043.10.1.7', grid, () => ({ reviewer: ME, sequentialReading: true }));
  const click = (seed: readonly [number, number, number], maxRadiusMm = 20): StructurePayload => {
    const change = ws.edit({ kind: 'lesion', seed: [seed[0], seed[1], seed[2]], maxRadiusMm }, editWithImage(image));
    expect(change.changed).toHaveLength(1);
    return change.changed[0]!;
  };
  const maskOf = (id: string): Uint8Array => ws.structures().find((s) => s.content.id === id)!.mask;

  it('names each click GTV_n, types it GTV and records it as SEMIAUTOMATIC by the person who clicked', () => {
    const g1 = click(A);
    const g2 = click(B);
    expect([g1.name, g2.name]).toEqual(['GTV_1', 'GTV_2']);
    expect([g1.interpretedType, g2.interpretedType]).toEqual(['GTV', 'GTV']);
    expect(g1.source).toBe('lesion');
    expect(g1.review.generationAlgorithm).toBe('SEMIAUTOMATIC');
    expect(g1.review.provenance).toContain('one-click lesion');
    expect(dice(maskOf(g1.id), first.truth)).toBeGreaterThanOrEqual(0.8);
    expect(Math.abs(g2.volumeCc / both.exactVolumeCc - 1)).toBeLessThanOrEqual(0.2);
    const provenance = structureSetProvenance([ws.review(g1.id)!, ws.review(g2.id)!]);
    expect([...provenance.rois.values()].map((r) => r.structureSetRoi.ROIGenerationAlgorithm)).toEqual(['SEMIAUTOMATIC', 'SEMIAUTOMATIC']);
  });

  it('stays editable with the usual tools, and undo removes the click', () => {
    const g1 = ws.state().changed.find((s) => s.name === 'GTV_1')!;
    const before = g1.voxelCount;
    const grown = ws.edit({ kind: 'rule', rule: 'PTV_1 = GTV_1 + 2mm' });
    expect(grown.changed[0]!.voxelCount).toBeGreaterThan(before);
    const erased = ws.edit({ kind: 'brush', structureId: g1.id, mode: 'erase', shape: 'sphere', radiusMm: 2, normal: [0, 0, 1], points: [A[0], A[1], A[2]] });
    expect(erased.changed[0]!.voxelCount).toBeLessThan(before);
    ws.undo();
    ws.undo();
    expect(ws.state().changed.find((s) => s.name === 'GTV_1')!.voxelCount).toBe(before);
    const third = click([A[0], A[1], A[2]]);
    expect(third.name).toBe('GTV_3');
    ws.undo();
    expect(ws.state().changed.map((s) => s.name).sort()).toEqual(['GTV_1', 'GTV_2']);
  });

  it('lists the clicked lesions in the lesion table, largest diameter ≈ the sphere', () => {
    const rows = lesionTable(ws.structures().map((s) => ({ name: s.content.name, type: s.content.interpretedType, mask: s.mask })), image);
    expect(rows.map((r) => r.name)).toEqual(['GTV_1', 'GTV_2']);
    expect(Math.abs(rows[1]!.diameter3dMm - 20)).toBeLessThanOrEqual(2);
  });

  it('refuses a click on background with the reason, and changes nothing', () => {
    const names = ws.state().changed.map((s) => s.name);
    // Air above the scalp: the image corner of the crop.
    const air = [image.ijkToLps[3]!, image.ijkToLps[7]!, image.ijkToLps[11]!] as const;
    expect(() => click(air)).toThrow(/does not stand out|outside/);
    expect(ws.state().changed.map((s) => s.name)).toEqual(names);
  });

  it('holds a lesion name to the limits of any typed name, and the default GTV_n skips names that read the same', () => {
    const lesion = (name: string) => ws.edit({ kind: 'lesion', seed: [A[0], A[1], A[2]], maxRadiusMm: 20, name }, editWithImage(image));
    expect(() => lesion('gtv_1')).toThrow("'gtv_1' differs from the existing 'GTV_1' only in case; choose another name");
    expect(() => lesion('G\u0422V_2')).toThrow(/looks the same as the existing 'GTV_2'/);
    expect(() => lesion('GTV\u200b_9')).toThrow(/no backslash, control or invisible characters/);
    expect(nextLesionName(['gtv_1', 'GTV_2'])).toBe('GTV_3');
  });
});
