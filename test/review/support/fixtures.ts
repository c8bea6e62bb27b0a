import { createAiDraft, createDrawnStructure } from '../../../core/review/structure-state.js';
import type { ModelIdentity, Reviewer, StructureReview } from '../../../core/review/review-types.js';

export const SERIES = '2.25.1001';
export const OTHER_SERIES = '2.25.1002';
export const MODEL: ModelIdentity = {
  id: 'brainchop-subcortical-18',
  version: '1.0.0',
  weightsSha256: '3f1c2a9be0d84c51a7e6f0b2c9d8e7f6a5b4c3d2e1f00112233445566778899a',
};
export const PHYSICIAN: Reviewer = { name: 'Curie^Marie', role: 'physician' };
export const DOSIMETRIST: Reviewer = { name: 'Roe^John', role: 'dosimetrist' };
export const T = (minute: number): string => new Date(Date.UTC(2025, 2, 4, 9, minute)).toISOString();

export function aiDraft(id: string, name = id, seriesUid = SERIES): StructureReview {
  return createAiDraft({ id, name, seriesUid, model: MODEL, at: T(0) });
}

export function drawn(id: string, name = id, by: Reviewer = DOSIMETRIST): StructureReview {
  return createDrawnStructure({ id, name, seriesUid: SERIES, drawnBy: by, at: T(0) });
}
