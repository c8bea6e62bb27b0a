import { displayPersonName } from '../api/person-name.js';
import type { ConfidenceInfo, EditEffortInfo, ReviewerInfo, StructurePayload, StructureReviewInfo } from '../api/contract.js';
import { toPayload } from '../api/structure-payload.js';
import { editEffort } from '../review/agreement.js';
import type { MaskGrid } from '../review/mask-grid.js';
import { generationAlgorithm } from '../review/provenance.js';
import type { StructureReview } from '../review/review-types.js';
import { hasLookedAt, isLocked } from '../review/structure-state.js';
import { decodeMask } from './mask-codec.js';
import type { LiveStructure } from './structure-content.js';
import type { WorkspaceDb } from './workspace-db.js';

/** Edit-effort results by the mask they were computed for: a mask is replaced, never changed, on every edit. */
const effortCache = new WeakMap<Uint8Array, EditEffortInfo | null>();

function provenanceText(r: StructureReview): string {
  const o = r.origin;
  switch (o.kind) {
    case 'model':
      return `model ${o.model.id} ${o.model.version}, weights sha256:${o.model.weightsSha256}`;
    case 'manual':
      return `drawn by ${displayPersonName(o.drawnBy.name)} (${o.drawnBy.role})`;
    case 'assisted':
      return `${o.tool}, run by ${displayPersonName(o.by.name)} (${o.by.role})`;
    case 'imported':
      return `from ${o.file}${o.algorithm ? ` (${o.algorithm} there)` : ''}`;
  }
}

export function reviewInfo(r: StructureReview, me: ReviewerInfo | null): StructureReviewInfo {
  return {
    state: r.state,
    revision: r.revision,
    locked: isLocked(r),
    lookedAt: me !== null && hasLookedAt(r, me),
    generationAlgorithm: generationAlgorithm(r),
    provenance: provenanceText(r),
    history: r.history.map((e) => ({
      type: e.type, by: e.by.name, role: e.by.role, at: e.at, comment: e.comment ?? null, revision: e.revision, from: e.from, to: e.to,
    })),
  };
}

/** How far a model's draft has been changed: only for a model structure a person edited. */
export function effortOf(s: LiveStructure, r: StructureReview | undefined, grid: MaskGrid, db: WorkspaceDb): EditEffortInfo | null {
  if (!r || r.origin.kind !== 'model' || !r.humanEdited) return null;
  if (effortCache.has(s.mask)) return effortCache.get(s.mask)!;
  const stored = db.draft(s.content.id);
  let info: EditEffortInfo | null = null;
  if (stored) {
    try {
      const e = editEffort(decodeMask(stored, grid.dims), s.mask, grid);
      info = { dice: e.dice, hausdorff95Mm: e.hd95Mm, surfaceDice1mm: e.surfaceDice, addedPathLengthMm: e.addedPathLengthMm };
      db.saveEffort(s.content.id, JSON.stringify(info));
    } catch {
      // A sheared (gantry-tilted) grid has no separable distance metric; core/review refuses it rather than measure wrongly.
      info = null;
    }
  }
  effortCache.set(s.mask, info);
  return info;
}

function confidenceOf(id: string, db: WorkspaceDb): ConfidenceInfo | null {
  const json = db.confidence(id);
  if (json === undefined) return null;
  const saved = JSON.parse(json) as Omit<ConfidenceInfo, 'uncertainty'> & { uncertainty: string };
  const bytes = Buffer.from(saved.uncertainty, 'base64');
  return { ...saved, uncertainty: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}

/** A structure's payload; whether a rule result is out of date is the workspace's to say (SeriesWorkspace.outdated). */
export function describeStructure(
  s: LiveStructure, r: StructureReview | undefined, seriesUid: string, grid: MaskGrid, me: ReviewerInfo | null, db: WorkspaceDb,
): StructurePayload {
  const base = toPayload(
    { ...s.content, mask: s.mask, voxelCount: s.voxelCount },
    seriesUid, grid.dims, grid.ijkToLps,
  );
  const review: StructureReviewInfo = r
    ? reviewInfo(r, me)
    : { state: 'edited', revision: 1, locked: false, lookedAt: false, generationAlgorithm: '', provenance: 'no review record', history: [] };
  return { ...base, review, effort: effortOf(s, r, grid, db), confidence: r?.origin.kind === 'model' ? confidenceOf(s.content.id, db) : null, rule: s.content.rule, outdated: null };
}
