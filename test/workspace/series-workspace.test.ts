import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings, StructurePayload, WorkspaceChange } from '../../core/api/contract.js';
import { openAuditLog } from '../../core/audit/index.js';
import { expandMask } from '../../core/editing/margins.js';
import { mat4 } from '../../core/geometry/spaces.js';
import { createAiDraft } from '../../core/review/structure-state.js';
import { SeriesWorkspace, uniqueName } from '../../core/workspace/series-workspace.js';
import { nameKey } from '../../core/rt/roi-name.js';
import { WorkspaceDb } from '../../core/workspace/workspace-db.js';
import { tempDir } from '../support/paths.js';

/**
 * The editing workspace on a synthetic anisotropic grid (1 × 1 × 3 mm, 40 × 40 × 20), where every
 * expected voxel set is counted independently of the code under test.
 */
const DIMS = [40, 40, 20] as const;
const SPACING = [1, 1, 3] as const;
const grid = { dims: DIMS, spacingMm: SPACING, ijkToLps: mat4<'IJK', 'LPS'>([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0, 1]) };
const SERIES = '1.2.826.0.1.3680043.10.1.1';
const AXIAL = [0, 0, 1] as const;
const CORONAL = [0, 1, 0] as const;
const ME = { name: 'Ada Tester', role: 'dosimetrist' as const };
const DOCTOR = { name: 'Grace Oncologist', role: 'physician' as const };
const SHA = 'a'.repeat(64);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open(file?: string, settings: Settings = { reviewer: ME, sequentialReading: true }): { ws: SeriesWorkspace; db: WorkspaceDb; file: string; set: (s: Settings) => void } {
  let path = file;
  if (!path) {
    const dir = tempDir('workspace-');
    dirs.push(dir);
    path = join(dir, 'delineate.sqlite');
  }
  let current = settings;
  const db = new WorkspaceDb(path);
  return { ws: new SeriesWorkspace(db, SERIES, grid, () => current), db, file: path, set: (s) => (current = s) };
}

const only = (c: WorkspaceChange): StructurePayload => {
  expect(c.changed).toHaveLength(1);
  return c.changed[0]!;
};

/** Voxels whose centre is within r of (cx, cy) on slice k: counted directly. */
function discCount(cx: number, cy: number, r: number): number {
  let n = 0;
  for (let j = 0; j < DIMS[1]; j++) for (let i = 0; i < DIMS[0]; i++) if ((i - cx) ** 2 + (j - cy) ** 2 <= r * r) n++;
  return n;
}

/** A one-voxel AI draft of the Brainstem from model m 1, as auto-contouring adds it. */
function addBrainstemDraft(ws: SeriesWorkspace): WorkspaceChange {
  const mask = new Uint8Array(40 * 40 * 20);
  mask[20 + 40 * (20 + 40 * 10)] = 1;
  return ws.add('auto-contour', [{
    content: { name: 'Brainstem', color: [1, 1, 1], interpretedType: 'ORGAN', source: 'model', origin: 'm 1', rule: '', warnings: [] },
    mask, keepAsDraft: true,
    review: (id, at) => createAiDraft({ id, name: 'Brainstem', seriesUid: SERIES, model: { id: 'm', version: '1', weightsSha256: SHA }, at }),
  }], true);
}

function fullMask(ws: SeriesWorkspace, id: string): Uint8Array {
  const s = ws.structures().find((x) => x.content.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s.mask;
}

describe('SeriesWorkspace (core/workspace)', () => {
  it('refuses every edit until the user has said who they are', () => {
    const { ws } = open(undefined, { reviewer: null, sequentialReading: true });
    expect(() => ws.edit({ kind: 'create', name: 'GTV' })).toThrow(/say who you are first/);
  });

  it('paints a circle brush stroke on the axial slice, voxel for voxel, and saves it before answering', () => {
    const { ws, db, file } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    expect(gtv.review.state).toBe('edited');
    expect(gtv.review.generationAlgorithm).toBe('MANUAL');
    const painted = only(ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'circle', radiusMm: 4, normal: AXIAL, points: [20, 20, 30] }));
    expect(painted.voxelCount).toBe(discCount(20, 20, 4));
    expect(painted.box).toEqual({ lo: [16, 16, 10], hi: [24, 24, 10] });
    // A stroke from (10,20) to (30,20): the union of discs along the segment = a 8 mm wide band with round ends.
    const stroke = only(ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'circle', radiusMm: 2, normal: AXIAL, points: [10, 10, 30, 30, 10, 30] }));
    let band = 0;
    for (let j = 0; j < 40; j++) for (let i = 0; i < 40; i++) {
      const t = Math.max(0, Math.min(1, (i - 10) / 20));
      const inBand = (i - (10 + 20 * t)) ** 2 + (j - 10) ** 2 <= 4;
      const inDisc = (i - 20) ** 2 + (j - 20) ** 2 <= 16;
      if (inBand || inDisc) band++;
    }
    expect(stroke.voxelCount).toBe(band);
    db.close();
    // Reopened from the file alone: the same structure, the same voxels, the same undo label.
    const again = open(file);
    const state = again.ws.state();
    expect(state.changed.map((s) => [s.name, s.voxelCount])).toEqual([['GTV', band]]);
    expect(state.undo).toMatch(/^brush 2 mm circle on GTV$/);
    again.db.close();
  });

  it('paints and erases on a coronal slice and fills a polygon drawn there', () => {
    const { ws, db } = open();
    const s = only(ws.edit({ kind: 'create', name: 'Cord' }));
    // A 6 mm circle on the coronal plane y = 20 centred at x = 20, z = 30 (k = 10): distance in mm, with 3 mm slices.
    const c = only(ws.edit({ kind: 'brush', structureId: s.id, mode: 'paint', shape: 'circle', radiusMm: 6, normal: CORONAL, points: [20, 20, 30] }));
    let expected = 0;
    for (let k = 0; k < DIMS[2]; k++) for (let i = 0; i < DIMS[0]; i++) if ((i - 20) ** 2 + (3 * k - 30) ** 2 <= 36) expected++;
    expect(c.voxelCount).toBe(expected);
    expect(c.box!.lo[1]).toBe(20);
    expect(c.box!.hi[1]).toBe(20);
    const erased = only(ws.edit({ kind: 'brush', structureId: s.id, mode: 'erase', shape: 'circle', radiusMm: 6, normal: CORONAL, points: [20, 20, 30] }));
    expect(erased.voxelCount).toBe(0);
    // A rectangle x 5..14.5, z 6..26.9 on y = 7: voxel centres i 5..14, k 2..8 (z = 6..24).
    const poly = only(ws.edit({ kind: 'polygon', structureId: s.id, mode: 'paint', normal: CORONAL, points: [4.5, 7, 5, 14.5, 7, 5, 14.5, 7, 25.5, 4.5, 7, 25.5] }));
    expect(poly.voxelCount).toBe(10 * 7);
    expect(poly.box).toEqual({ lo: [5, 7, 2], hi: [14, 7, 8] });
    db.close();
  });

  it('derives PTV = GTV + 2mm exactly as the margin engine does, and refuses to overwrite a drawn structure', () => {
    const { ws, db } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 5, normal: AXIAL, points: [20, 20, 30] });
    const ptv = only(ws.edit({ kind: 'rule', rule: 'PTV = GTV + 2mm' }));
    const expected = expandMask(fullMask(ws, gtv.id), grid, 2);
    expect(ptv.voxelCount).toBe(expected.reduce((a, v) => a + v, 0));
    expect(fullMask(ws, ptv.id)).toEqual(expected);
    expect(ptv.rule).toBe('PTV = GTV + 2mm');
    expect(ptv.review.generationAlgorithm).toBe('SEMIAUTOMATIC');
    expect(ptv.interpretedType).toBe('PTV');
    // Re-running a rule replaces what a rule made; a drawn structure is never overwritten by one.
    const again = only(ws.edit({ kind: 'rule', rule: 'PTV = GTV + 3mm' }));
    expect(again.id).toBe(ptv.id);
    expect(() => ws.edit({ kind: 'rule', rule: 'GTV = PTV - 1mm' })).toThrow(/already exists and was not made by a rule/);
    expect(() => ws.edit({ kind: 'rule', rule: 'X = Nothing + 1mm' })).toThrow(/Nothing/);
    db.close();
  });

  it('undoes and redoes every kind of edit exactly, and a new edit after undo drops the redo steps', () => {
    const { ws, db, file } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    const a = only(ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 4, normal: AXIAL, points: [20, 20, 30] })).voxelCount;
    const ptvId = only(ws.edit({ kind: 'rule', rule: 'PTV = GTV + 3mm' })).id;
    // GTV's changes also send PTV again (built from it: whether it is out of date may change).
    const ofGtv = (c: WorkspaceChange): StructurePayload => c.changed.find((x) => x.id === gtv.id)!;
    const erased = ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'erase', shape: 'sphere', radiusMm: 2, normal: AXIAL, points: [20, 20, 30] });
    expect(erased.changed.map((x) => x.id)).toEqual([gtv.id, ptvId]);
    const b = ofGtv(erased).voxelCount;
    ws.edit({ kind: 'update', structureId: gtv.id, name: 'GTV_1', color: [1, 2, 3] });
    const undone = ws.undo();
    expect(ofGtv(undone).name).toBe('GTV');
    expect(ofGtv(ws.undo()).voxelCount).toBe(a);
    expect(ws.undo().removed).toEqual([ptvId]);
    expect(ws.state().redo).toBe('PTV = GTV + 3mm');
    expect(only(ws.redo()).id).toBe(ptvId);
    expect(ofGtv(ws.redo()).voxelCount).toBe(b);
    // Undo is saved too: the reopened file is at the same step.
    db.close();
    const again = open(file);
    expect(again.ws.state().redo).toMatch(/rename GTV to GTV_1/);
    again.ws.undo();
    again.ws.edit({ kind: 'fill-holes', structureId: gtv.id });
    expect(again.ws.state().redo).toBeNull();
    expect(() => again.ws.redo()).toThrow(/nothing to redo/);
    again.db.close();
  });

  it('keeps AI drafts hidden under sequential reading until the reviewer records a look, then reveals them', () => {
    const { ws, db } = open();
    const added = addBrainstemDraft(ws);
    expect(added.changed).toEqual([]);
    expect(added.hiddenDrafts).toBe(1);
    const id = added.removed[0]!;
    expect(() => ws.reviewAct(id, 'approve', undefined)).toThrow(/hidden by sequential reading/);
    const revealed = ws.recordImageLook();
    expect(revealed.hiddenDrafts).toBe(0);
    expect(only(revealed).review.state).toBe('ai-draft');
    expect(only(revealed).review.generationAlgorithm).toBe('AUTOMATIC');
    db.close();
  });

  it('an AI draft a person edits becomes theirs; undone back to the model\'s exact output it is the AI draft again, and redo makes it edited', () => {
    const { ws, db } = open();
    const id = addBrainstemDraft(ws).removed[0]!;
    ws.recordImageLook();
    const state = (s: StructurePayload): [string, string] => [s.review.state, s.review.generationAlgorithm];
    const edited = only(ws.edit({ kind: 'brush', structureId: id, mode: 'paint', shape: 'circle', radiusMm: 2, normal: AXIAL, points: [5, 5, 30] }));
    expect(state(edited)).toEqual(['edited', 'SEMIAUTOMATIC']);
    expect(edited.effort).not.toBeNull();
    const undone = only(ws.undo());
    expect(state(undone)).toEqual(['ai-draft', 'AUTOMATIC']);
    expect(undone.effort).toBeNull();
    // The undo is on the record as the person's act, from their edit back to the model's draft.
    expect(undone.review.history.at(-1)).toMatchObject({ type: 'edit', by: ME.name, from: 'edited', to: 'ai-draft' });
    expect(state(only(ws.redo()))).toEqual(['edited', 'SEMIAUTOMATIC']);
    // Erasing exactly what was painted is the same: the contour is the model's again.
    const erased = only(ws.edit({ kind: 'brush', structureId: id, mode: 'erase', shape: 'circle', radiusMm: 2, normal: AXIAL, points: [5, 5, 30] }));
    expect(state(erased)).toEqual(['ai-draft', 'AUTOMATIC']);
    // A stroke that changes no voxel is not an edit: nothing goes on the record.
    const records = erased.review.history.length;
    const idle = only(ws.edit({ kind: 'brush', structureId: id, mode: 'erase', shape: 'circle', radiusMm: 2, normal: AXIAL, points: [5, 5, 30] }));
    expect([...state(idle), idle.review.history.length]).toEqual(['ai-draft', 'AUTOMATIC', records]);
    // The model run again replaces its untouched draft, and says so.
    const rerun = addBrainstemDraft(ws);
    expect(rerun.warnings).toContain(`the earlier AI draft 'Brainstem' of m 1 was replaced by this run (its ${records} review record(s) stay in the audit log)`);
    // A structure a person drew stays theirs whatever its contour becomes.
    const drawn = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: drawn.id, mode: 'paint', shape: 'circle', radiusMm: 2, normal: AXIAL, points: [30, 30, 30] });
    expect(state(only(ws.undo()))).toEqual(['edited', 'MANUAL']);
    db.close();
  });

  it('says so when a rule reads a rejected structure, naming who rejected it and why', () => {
    const { ws, db, set } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'circle', radiusMm: 3, normal: AXIAL, points: [20, 20, 30] });
    set({ reviewer: DOCTOR, sequentialReading: true });
    ws.reviewAct(gtv.id, 'open', undefined);
    ws.reviewAct(gtv.id, 'reject', 'misses the posterior extent');
    set({ reviewer: ME, sequentialReading: true });
    const made = ws.edit({ kind: 'rule', rule: 'PTV = GTV + 1mm' });
    expect(made.warnings).toContain("PTV = GTV + 1mm: it reads 'GTV', which was rejected by Grace Oncologist (physician): “misses the posterior extent”; check PTV before you approve it");
    // Nothing is said of a structure that is not rejected.
    expect(ws.edit({ kind: 'rule', rule: 'PTV2 = PTV + 1mm' }).warnings.filter((w) => /rejected/.test(w))).toEqual([]);
    // What is built from a rejected contour, directly or through another rule, cannot be approved.
    set({ reviewer: DOCTOR, sequentialReading: true });
    for (const name of ['PTV', 'PTV2']) {
      const id = ws.structures().find((x) => x.content.name === name)!.content.id;
      ws.reviewAct(id, 'open', undefined);
      expect(() => ws.reviewAct(id, 'approve', undefined)).toThrow(
        `'${name}' cannot be approved: it is built from 'GTV', which was rejected; correct 'GTV' in a new revision and run PTV = GTV + 1mm again`,
      );
    }
    db.close();
  });

  it('lets no rule or edit read a hidden draft, and hides what a rule built from a draft from a reviewer who has not looked', () => {
    const { ws, db, file } = open();
    const id = addBrainstemDraft(ws).removed[0]!;
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 3, normal: AXIAL, points: [10, 10, 30] });
    // Before the look the draft can be neither read by a rule nor edited, renamed or deleted.
    expect(() => ws.edit({ kind: 'rule', rule: 'Avoid = Brainstem + 3mm' })).toThrow(/^the rule reads 'Brainstem', which is hidden by sequential reading .*record your look at the images first$/);
    expect(() => ws.edit({ kind: 'rule', rule: 'Avoid = GTV | Brainstem' })).toThrow(/reads 'Brainstem', which is hidden/);
    // A mistyped name is not answered with the hidden draft's name.
    let typo = '';
    try {
      ws.edit({ kind: 'rule', rule: 'Avoid = brainstem + 3mm' });
    } catch (e) {
      typo = (e as Error).message;
    }
    expect(typo).toMatch(/unknown structure 'brainstem'/);
    expect(typo).not.toMatch(/Brainstem/);
    for (const command of [{ kind: 'delete', structureId: id }, { kind: 'update', structureId: id, name: 'BS' }, { kind: 'fill-holes', structureId: id }] as const) {
      expect(() => ws.edit(command)).toThrow(/^'Brainstem' is hidden by sequential reading/);
    }
    expect(ws.visibleStructures().map((s) => s.content.name)).toEqual(['GTV']);

    // After the look, a rule on the draft works; its result carries the draft's shape.
    ws.recordImageLook();
    const avoid = only(ws.edit({ kind: 'rule', rule: 'Avoid = GTV | Brainstem + 1mm' }));
    expect(avoid.voxelCount).toBe(fullMask(ws, gtv.id).reduce((a, b) => a + b, 0) + 5);
    const twice = only(ws.edit({ kind: 'rule', rule: 'Ring = Avoid - GTV' }));
    const plain = only(ws.edit({ kind: 'rule', rule: 'PTV = GTV + 1mm' }));
    db.close();

    // Another reviewer, before their own look, sees neither the draft nor anything built from it.
    const other = open(file, { reviewer: DOCTOR, sequentialReading: true });
    expect(other.ws.visibleStructures().map((s) => s.content.name).sort()).toEqual(['GTV', 'PTV']);
    const state = other.ws.state();
    expect(state.hiddenDrafts).toBe(3);
    expect(state.changed.map((s) => s.id).sort()).toEqual([gtv.id, plain.id].sort());
    expect(() => other.ws.edit({ kind: 'rule', rule: 'X = Ring + 1mm' })).toThrow(/reads 'Ring', which is hidden/);
    expect(other.ws.recordImageLook().changed.map((s) => s.id).sort()).toEqual([id, avoid.id, twice.id].sort());
    other.db.close();
  });

  it('shows AI drafts at once in concurrent reading mode', () => {
    const { ws, db } = open(undefined, { reviewer: ME, sequentialReading: false });
    const added = addBrainstemDraft(ws);
    expect(added.hiddenDrafts).toBe(0);
    expect(only(added).review.state).toBe('ai-draft');
    db.close();
  });

  it('approves only after a look, locks approved structures against edits and undo, reopens them as a new revision', () => {
    const { ws, db, set, file } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 4, normal: AXIAL, points: [20, 20, 30] });
    set({ reviewer: DOCTOR, sequentialReading: true });
    expect(() => ws.reviewAct(gtv.id, 'approve', undefined)).toThrow(/has not opened/);
    ws.reviewAct(gtv.id, 'open', undefined);
    const approved = only(ws.reviewAct(gtv.id, 'approve', 'fine'));
    expect(approved.review).toMatchObject({ state: 'approved', locked: true });
    expect(() => ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 1, normal: AXIAL, points: [5, 5, 3] })).toThrow(/approved .* locked/);
    expect(() => ws.edit({ kind: 'delete', structureId: gtv.id })).toThrow(/locked/);
    // The last step is the dosimetrist's: not the physician's to undo; and for its author, it is locked.
    expect(() => ws.undo()).toThrow(/that step is Ada Tester \(dosimetrist\)'s/);
    set({ reviewer: ME, sequentialReading: true });
    expect(() => ws.undo()).toThrow(/locked/);
    set({ reviewer: DOCTOR, sequentialReading: true });
    const reopened = only(ws.reviewAct(gtv.id, 'new-revision', 'more margin'));
    expect(reopened.review).toMatchObject({ state: 'edited', revision: 2, locked: false });
    expect(only(ws.edit({ kind: 'smooth', structureId: gtv.id, sizeMm: 1 })).review.state).toBe('edited');
    db.close();
    // Review records and the audit chain live in the same file.
    const log = openAuditLog(file);
    expect(log.verify().ok).toBe(true);
    expect(log.list().filter((e) => e.action === 'state-change').map((e) => (e.details as { event: string }).event)).toEqual(['approve', 'new-revision']);
    log.close();
  });

  it('flags a rule result once what it was built from changes; it can be neither approved nor trusted until the rule runs again', () => {
    const { ws, db, set } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 4, normal: AXIAL, points: [20, 20, 30] });
    const ptv = only(ws.edit({ kind: 'rule', rule: 'PTV = GTV + 2mm' }));
    const ring = only(ws.edit({ kind: 'rule', rule: 'Ring = (PTV + 3mm) - PTV' }));
    expect([ptv.outdated, ring.outdated]).toEqual([null, null]);
    expect(ptv.review.provenance).toMatch(/^rule PTV = GTV \+ 2mm, run by Ada Tester/);
    // A rename or recolour of GTV leaves its mask, and so PTV, as they were.
    expect(ws.edit({ kind: 'update', structureId: gtv.id, color: [9, 9, 9] }).changed.map((s) => s.outdated)).toEqual([null, null, null]);

    set({ reviewer: DOCTOR, sequentialReading: true });
    ws.reviewAct(ptv.id, 'open', undefined);
    ws.reviewAct(ptv.id, 'approve', 'ok');
    // GTV grows: PTV and Ring (built from PTV) come back flagged, in the same answer.
    const grown = ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 3, normal: AXIAL, points: [26, 20, 30] });
    const byName = new Map(grown.changed.map((s) => [s.name, s]));
    expect([...byName.keys()].sort()).toEqual(['GTV', 'PTV', 'Ring']);
    expect(byName.get('PTV')!.outdated).toBe('PTV was built from GTV, which has changed since: run PTV = GTV + 2mm again');
    expect(byName.get('Ring')!.outdated).toBe('Ring was built from PTV, which is itself out of date: run the rules again in order');
    expect(() => ws.reviewAct(ring.id, 'approve', undefined)).toThrow(/^Ring was built from PTV, which is itself out of date: .* before approving it$/);
    // Undo brings GTV back as PTV was built from it: nothing is out of date any more.
    const undone = ws.undo();
    expect(undone.changed.map((s) => [s.name, s.outdated])).toEqual([['GTV', null], ['PTV', null], ['Ring', null]]);
    ws.redo();
    // The rule is run again (PTV is approved: a new revision first); the record names the rule now in force.
    ws.reviewAct(ptv.id, 'new-revision', 'GTV grew');
    const rerun = ws.edit({ kind: 'rule', rule: 'PTV = GTV + 3mm' });
    expect(rerun.warnings).toContain('PTV was made by PTV = GTV + 2mm; it is replaced by PTV = GTV + 3mm (Undo brings it back)');
    const again = rerun.changed.find((s) => s.id === ptv.id)!;
    expect(again.outdated).toBeNull();
    expect(again.review.provenance).toMatch(/^rule PTV = GTV \+ 3mm, run by Grace Oncologist/);
    expect(rerun.changed.find((s) => s.id === ring.id)!.outdated).toBe('Ring was built from PTV, which has changed since: run Ring = (PTV + 3mm) - PTV again');
    // Deleting what a rule read leaves the result flagged, naming what went.
    const deleted = ws.edit({ kind: 'delete', structureId: gtv.id });
    expect(deleted.changed.find((s) => s.id === ptv.id)!.outdated).toBe('PTV was built from GTV, which has been deleted since: run PTV = GTV + 3mm again, or delete PTV');
    db.close();
  });

  it('undoes and redoes only the reviewer\'s own steps, and says whose the step is otherwise', () => {
    const { ws, db, file } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    const painted = only(ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 4, normal: AXIAL, points: [20, 20, 30] }));
    expect(ws.state()).toMatchObject({ undo: 'brush 4 mm sphere on GTV', redo: null, historyNote: null });
    db.close();

    // The physician opens the same series later: the dosimetrist's brush stroke is not theirs to undo.
    const other = open(file, { reviewer: DOCTOR, sequentialReading: true });
    expect(other.ws.state()).toMatchObject({
      undo: null, redo: null,
      historyNote: "The last step (brush 4 mm sphere on GTV) is Ada Tester (dosimetrist)'s: undo and redo take back only your own edits.",
    });
    expect(() => other.ws.undo()).toThrow("cannot undo brush 4 mm sphere on GTV: that step is Ada Tester (dosimetrist)'s, and undo takes back only your own edits; change the structure with an edit instead");
    expect(other.ws.structures().find((s) => s.content.id === gtv.id)!.voxelCount).toBe(painted.voxelCount);
    // Their own step undoes and redoes as usual, down to the colleague's step.
    const erased = only(other.ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'erase', shape: 'sphere', radiusMm: 1, normal: AXIAL, points: [20, 20, 30] }));
    expect(erased.voxelCount).toBeLessThan(painted.voxelCount);
    expect(other.ws.state().undo).toBe('erase 1 mm sphere on GTV');
    expect(only(other.ws.undo()).voxelCount).toBe(painted.voxelCount);
    expect(other.ws.state()).toMatchObject({ undo: null, redo: 'erase 1 mm sphere on GTV' });
    expect(() => other.ws.undo()).toThrow(/that step is Ada Tester \(dosimetrist\)'s/);
    other.db.close();

    // And the dosimetrist, back, finds the physician's undone step not theirs to redo.
    const back = open(file);
    expect(back.ws.state()).toMatchObject({ undo: 'brush 4 mm sphere on GTV', redo: null });
    expect(back.ws.state().historyNote).toBe("The step to redo (erase 1 mm sphere on GTV) is Grace Oncologist (physician)'s: undo and redo take back only your own edits.");
    expect(() => back.ws.redo()).toThrow(/cannot redo erase 1 mm sphere on GTV: that step is Grace Oncologist \(physician\)'s/);
    back.db.close();
  });

  it('measures, shows and stores how far an edited AI draft moved from the model, and logs it with the approval', () => {
    const { ws, db, file } = open(undefined, { reviewer: DOCTOR, sequentialReading: false });
    // The draft: a 3 × 3 × 3 cube of voxels; the edit erases one 1 mm disc on its middle slice.
    const mask = new Uint8Array(40 * 40 * 20);
    for (let k = 9; k <= 11; k++) for (let j = 19; j <= 21; j++) for (let i = 19; i <= 21; i++) mask[i + 40 * (j + 40 * k)] = 1;
    const [draft] = ws.add('auto-contour', [{
      content: { name: 'Brainstem', color: [1, 1, 1], interpretedType: 'ORGAN', source: 'model', origin: 'm 1', rule: '', warnings: [] },
      mask, keepAsDraft: true,
      review: (id, at) => createAiDraft({ id, name: 'Brainstem', seriesUid: SERIES, model: { id: 'm', version: '1', weightsSha256: SHA }, at }),
    }], true).changed;
    expect(draft!.effort).toBeNull();
    const edited = only(ws.edit({ kind: 'brush', structureId: draft!.id, mode: 'erase', shape: 'circle', radiusMm: 1, normal: AXIAL, points: [20, 20, 30] }));
    // 5 voxels erased (the centre and its 4 in-plane neighbours): Dice = 2·22 / (27 + 22).
    expect(edited.voxelCount).toBe(22);
    expect(edited.review.generationAlgorithm).toBe('SEMIAUTOMATIC');
    expect(edited.effort!.dice).toBeCloseTo(44 / 49, 12);
    expect(edited.effort!.hausdorff95Mm).toBeGreaterThanOrEqual(0);
    ws.reviewAct(draft!.id, 'open', undefined);
    ws.reviewAct(draft!.id, 'approve', undefined);
    db.close();
    const log = openAuditLog(file);
    const approval = log.list().find((e) => e.action === 'state-change');
    expect((approval!.details as { effort: { dice: number } }).effort.dice).toBeCloseTo(44 / 49, 12);
    log.close();
  });

  it('says when a rule\'s margin is shorter than the slice spacing, so nothing is added that way', () => {
    const { ws } = open();
    const gtv = only(ws.edit({ kind: 'create', name: 'GTV' }));
    ws.edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'sphere', radiusMm: 5, normal: AXIAL, points: [20, 20, 30] });
    const change = ws.edit({ kind: 'rule', rule: 'PTV = GTV + 2mm' });
    expect(change.warnings).toEqual([expect.stringMatching(/^PTV = GTV \+ 2mm: the superior and inferior margins \(2 mm\) are less than the 3 mm between voxel centres/)]);
    expect(ws.edit({ kind: 'rule', rule: 'PTV3 = GTV + 3mm' }).warnings).toEqual([]);
  });

  it('refuses names a structure set cannot carry and duplicate names', () => {
    const { ws, db } = open();
    ws.edit({ kind: 'create', name: 'GTV' });
    expect(() => ws.edit({ kind: 'create', name: 'GTV' })).toThrow(/already exists/);
    // Names that differ only in case are one name, for creation, renaming and rules alike.
    expect(() => ws.edit({ kind: 'create', name: 'gtv' })).toThrow("'gtv' differs from the existing 'GTV' only in case; choose another name");
    const other = only(ws.edit({ kind: 'create', name: 'CTV' }));
    expect(() => ws.edit({ kind: 'update', structureId: other.id, name: 'Gtv' })).toThrow(/differs from the existing 'GTV' only in case/);
    expect(() => ws.edit({ kind: 'rule', rule: 'gtv = CTV + 1mm' })).toThrow(/'gtv' differs from the existing 'GTV' only in case/);
    expect(only(ws.edit({ kind: 'update', structureId: other.id, name: 'ctv' })).name).toBe('ctv');
    // A structure set brought in with a case variant of a name here gets a suffix, as a duplicate does.
    expect(uniqueName('gtv', new Set(['GTV', 'GTV_2']))).toBe('gtv_3');
    expect(uniqueName('Brain', new Set(['GTV']))).toBe('Brain');
    expect(() => ws.edit({ kind: 'create', name: 'a\\b' })).toThrow(/not a usable structure name/);
    expect(() => ws.edit({ kind: 'create', name: 'x'.repeat(65) })).toThrow(/not a usable structure name/);
    db.close();
  });

  it('refuses a name that looks like an existing one or hides invisible characters, typed or as a rule target', () => {
    const { ws, db } = open();
    ws.edit({ kind: 'create', name: 'GTV' });
    const ctv = only(ws.edit({ kind: 'create', name: 'CTV' }));
    // Cyrillic Т, Greek Τ, full-width letters: each reads as GTV in a structure list.
    const cyrillic = 'G\u0422V';
    expect(() => ws.edit({ kind: 'create', name: cyrillic })).toThrow(`'${cyrillic}' looks the same as the existing 'GTV' (it differs only in look-alike or compatibility characters); choose another name`);
    expect(() => ws.edit({ kind: 'create', name: 'G\u03a4V' })).toThrow(/looks the same as the existing 'GTV'/);
    expect(() => ws.edit({ kind: 'create', name: '\uff27\uff34\uff36' })).toThrow(/looks the same as the existing 'GTV'/);
    expect(() => ws.edit({ kind: 'update', structureId: ctv.id, name: 'g\u0442v' })).toThrow(/looks the same as the existing 'GTV'/);
    expect(() => ws.edit({ kind: 'rule', rule: `"${cyrillic}" = CTV + 1mm` })).toThrow(/looks the same as the existing 'GTV'/);
    // Invisible characters, in a typed name or a quoted rule target.
    for (const hidden of ['GTV\u200b', 'G\u200dTV', 'P\ufeffTV', 'PTV\u200e']) {
      expect(() => ws.edit({ kind: 'create', name: hidden })).toThrow(/no backslash, control or invisible characters/);
      expect(() => ws.edit({ kind: 'rule', rule: `"${hidden}" = CTV + 1mm` })).toThrow(/no backslash, control or invisible characters/);
    }
    // A rule target is held to ROI Name's 64 characters like a typed name.
    expect(() => ws.edit({ kind: 'rule', rule: `"${'P'.repeat(65)}" = CTV + 1mm` })).toThrow(/not a usable structure name/);
    expect(() => ws.edit({ kind: 'rule', rule: '" PTV" = CTV + 1mm' })).toThrow("the rule's target: ' PTV' has leading or trailing spaces, which DICOM readers strip");
    // Names in another script that look like no existing name are fine.
    expect(only(ws.edit({ kind: 'create', name: 'Печень' })).name).toBe('Печень');
    expect(only(ws.edit({ kind: 'rule', rule: `"${'P'.repeat(64)}" = CTV + 1mm` })).name).toBe('P'.repeat(64));
    expect(nameKey('G\u0422V')).toBe(nameKey('gtv'));
    db.close();
  });
});
