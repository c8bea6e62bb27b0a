import { describe, expect, it } from 'vitest';
import { ReviewError } from '../../core/review/review-error.js';
import { auditInputsBetween } from '../../core/review/review-audit.js';
import {
  approveStructure, approveStructures, createReviewSession, editStructure, findStructure, newRevision, openStructure, recordImageLook, visibleStructures,
} from '../../core/review/review-session.js';
import { aiDraft, drawn, OTHER_SERIES, PHYSICIAN, SERIES, T } from './support/fixtures.js';

function session(sequentialReading = true) {
  return createReviewSession(PHYSICIAN, [aiDraft('brain', 'Brain'), aiDraft('stem', 'Brainstem'), aiDraft('hip', 'Hippocampus_L', OTHER_SERIES), drawn('ptv', 'PTV')], { sequentialReading });
}

function caught(fn: () => unknown): ReviewError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReviewError) return error;
    throw error;
  }
  throw new Error('expected a ReviewError');
}

describe('review session', () => {
  it('sequential reading (the default) hides AI drafts until the images of their series are viewed', () => {
    let s = session();
    expect(s.settings.sequentialReading).toBe(true);
    expect(visibleStructures(s).map((x) => x.id)).toEqual(['ptv']);
    expect(caught(() => openStructure(s, 'brain', T(1))).code).toBe('hidden');
    s = recordImageLook(s, SERIES, T(1));
    expect(visibleStructures(s).map((x) => x.id)).toEqual(['brain', 'stem', 'ptv']);
    s = recordImageLook(s, OTHER_SERIES, T(2));
    expect(visibleStructures(s).map((x) => x.id)).toEqual(['brain', 'stem', 'hip', 'ptv']);
  });

  it('a colleague having looked at the images does not reveal the drafts to this reviewer', () => {
    const s = createReviewSession(PHYSICIAN, [aiDraft('brain')], {}, [{ seriesUid: SERIES, by: { name: 'Other^Person', role: 'physicist' }, at: T(0) }]);
    expect(visibleStructures(s)).toEqual([]);
  });

  it('concurrent reading shows AI drafts at once', () => {
    expect(visibleStructures(session(false)).map((x) => x.id)).toEqual(['brain', 'stem', 'hip', 'ptv']);
  });

  it('bulk approval refuses, all or nothing, when any listed draft was not opened by the reviewer', () => {
    let s = recordImageLook(session(), SERIES, T(1));
    s = openStructure(s, 'brain', T(2));
    const e = caught(() => approveStructures(s, ['brain', 'stem', 'hip', 'ptv'], T(3)));
    expect(e.code).toBe('not-reviewed');
    expect(e.structureIds).toEqual(['stem', 'hip', 'ptv']);
    expect(e.message).toMatch(/^nothing was approved: 3 of 4 structure\(s\) cannot be approved — 'Brainstem' \(ai-draft\) has not been opened by Marie Curie; 'Hippocampus_L' is hidden/);
    // Nothing changed: the session value is untouched and 'brain' is still a draft.
    expect(findStructure(s, 'brain').state).toBe('ai-draft');

    s = openStructure(openStructure(s, 'stem', T(4)), 'ptv', T(4));
    s = approveStructures(s, ['brain', 'stem', 'ptv'], T(5));
    expect(['brain', 'stem', 'ptv'].map((id) => findStructure(s, id).state)).toEqual(['approved', 'approved', 'approved']);
    // Each approval is its own event on its own structure.
    expect(findStructure(s, 'stem').history.at(-1)).toMatchObject({ type: 'approve', by: PHYSICIAN, at: T(5) });
    expect(caught(() => approveStructures(s, ['brain'], T(6))).code).toBe('locked');
  });

  it('editing an approved structure is refused until a new revision returns it to draft', () => {
    let s = recordImageLook(session(), SERIES, T(1));
    s = approveStructure(openStructure(s, 'brain', T(2)), 'brain', T(3));
    expect(caught(() => editStructure(s, 'brain', T(4))).code).toBe('locked');
    s = editStructure(newRevision(s, 'brain', T(5), 'tumour progression'), 'brain', T(6));
    expect(findStructure(s, 'brain')).toMatchObject({ state: 'edited', revision: 2 });
  });
});

describe('review events in the audit log', () => {
  it('every act between two session states becomes an audit entry, in time order', () => {
    const before = session();
    let after = recordImageLook(before, SERIES, T(1));
    after = approveStructure(openStructure(after, 'brain', T(2)), 'brain', T(3), 'fine');
    expect(auditInputsBetween(before, after).map((e) => [e.action, e.subject, e.actor, e.details])).toEqual([
      ['open', `series:${SERIES}`, 'Curie^Marie (physician)', { event: 'image-look' }],
      ['open', 'structure:brain', 'Curie^Marie (physician)', { event: 'open', name: 'Brain', seriesUid: SERIES, revision: 1, from: 'ai-draft', to: 'ai-draft' }],
      ['state-change', 'structure:brain', 'Curie^Marie (physician)', { event: 'approve', name: 'Brain', seriesUid: SERIES, revision: 1, from: 'ai-draft', to: 'approved', comment: 'fine' }],
    ]);
  });
});
