import { describe, expect, it } from 'vitest';
import { ReviewError } from '../../core/review/review-error.js';
import {
  applyReviewAction, approvalHistory, createAiDraft, currentDecision, hasLookedAt, isLocked,
} from '../../core/review/structure-state.js';
import { aiDraft, DOSIMETRIST, drawn, MODEL, PHYSICIAN, SERIES, T } from './support/fixtures.js';

function refusal(fn: () => unknown): ReviewError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ReviewError) return error;
    throw error;
  }
  throw new Error('expected a ReviewError');
}

describe('structure review state machine', () => {
  it('starts AI output as an AI draft and drawn contours as human drafts', () => {
    expect(aiDraft('a')).toMatchObject({ state: 'ai-draft', revision: 1, humanEdited: false, history: [] });
    expect(drawn('d')).toMatchObject({ state: 'edited', revision: 1, humanEdited: true, origin: { kind: 'manual', drawnBy: DOSIMETRIST } });
    expect(() => createAiDraft({ id: 'x', name: 'x', seriesUid: SERIES, model: { ...MODEL, weightsSha256: 'abc' }, at: T(0) })).toThrow(/64 lower-case hex/);
  });

  it('refuses to approve or reject a draft the reviewer has not opened', () => {
    const s = aiDraft('a');
    const e = refusal(() => applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(1) }));
    expect(e.code).toBe('not-reviewed');
    expect(e.message).toMatch(/Marie Curie has not opened revision 1 of this AI draft/);
    // Someone else's look does not count for this reviewer.
    const seenByOther = applyReviewAction(s, { type: 'open', by: DOSIMETRIST, at: T(1) });
    expect(hasLookedAt(seenByOther, PHYSICIAN)).toBe(false);
    expect(refusal(() => applyReviewAction(seenByOther, { type: 'reject', by: PHYSICIAN, at: T(2), comment: 'wrong side' })).code).toBe('not-reviewed');
  });

  it('a look before a colleague changed the contour does not count: the approver must see the edit', () => {
    let s = applyReviewAction(aiDraft('a'), { type: 'open', by: PHYSICIAN, at: T(1) });
    s = applyReviewAction(s, { type: 'edit', by: DOSIMETRIST, at: T(2) });
    expect(hasLookedAt(s, PHYSICIAN)).toBe(false);
    expect(refusal(() => applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(3) })).message).toMatch(/has not opened revision 1 of this draft/);
    s = applyReviewAction(s, { type: 'open', by: PHYSICIAN, at: T(4) });
    expect(applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(5) }).state).toBe('approved');
  });

  it('approves after a recorded look; the approved structure is locked against edits', () => {
    const opened = applyReviewAction(aiDraft('a', 'Parotid_L'), { type: 'open', by: PHYSICIAN, at: T(1) });
    const approved = applyReviewAction(opened, { type: 'approve', by: PHYSICIAN, at: T(2), comment: 'ok' });
    expect(approved).toMatchObject({ state: 'approved', revision: 1, humanEdited: false });
    expect(isLocked(approved)).toBe(true);
    expect(currentDecision(approved)).toMatchObject({ type: 'approve', by: PHYSICIAN, at: T(2), comment: 'ok', from: 'ai-draft', to: 'approved' });
    const e = refusal(() => applyReviewAction(approved, { type: 'edit', by: PHYSICIAN, at: T(3) }));
    expect(e.code).toBe('locked');
    expect(e.message).toBe(`'Parotid_L' (a): revision 1 is approved by Marie Curie (physician) at ${T(2)} and locked; create a new revision to change it`);
    expect(refusal(() => applyReviewAction(approved, { type: 'reject', by: PHYSICIAN, at: T(3), comment: 'x' })).code).toBe('locked');
    expect(refusal(() => applyReviewAction(approved, { type: 'approve', by: PHYSICIAN, at: T(3) })).code).toBe('invalid');
    // Looking is always allowed and recorded.
    expect(applyReviewAction(approved, { type: 'open', by: DOSIMETRIST, at: T(3) }).history).toHaveLength(3);
  });

  it('a new revision returns it to draft, increments the revision and keeps the old approval in history', () => {
    let s = applyReviewAction(aiDraft('a'), { type: 'open', by: PHYSICIAN, at: T(1) });
    s = applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(2) });
    s = applyReviewAction(s, { type: 'new-revision', by: DOSIMETRIST, at: T(3), comment: 'extend inferiorly' });
    expect(s).toMatchObject({ state: 'ai-draft', revision: 2 });
    expect(approvalHistory(s)).toEqual([expect.objectContaining({ revision: 1, by: PHYSICIAN, at: T(2) })]);
    // The look at revision 1 does not carry over: the new revision must be reviewed again.
    expect(refusal(() => applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(4) })).code).toBe('not-reviewed');
    s = applyReviewAction(s, { type: 'edit', by: DOSIMETRIST, at: T(5) });
    expect(s).toMatchObject({ state: 'edited', revision: 2, humanEdited: true });
    s = applyReviewAction(s, { type: 'open', by: PHYSICIAN, at: T(6) });
    s = applyReviewAction(s, { type: 'approve', by: PHYSICIAN, at: T(7) });
    expect(approvalHistory(s).map((e) => e.revision)).toEqual([1, 2]);
    // Once edited, a further revision returns to 'edited', never back to 'ai-draft'.
    expect(applyReviewAction(s, { type: 'new-revision', by: PHYSICIAN, at: T(8) }).state).toBe('edited');
    expect(refusal(() => applyReviewAction(aiDraft('b'), { type: 'new-revision', by: PHYSICIAN, at: T(1) })).code).toBe('invalid');
  });

  it('a rejection needs a reason and is locked like an approval', () => {
    const opened = applyReviewAction(aiDraft('a'), { type: 'open', by: PHYSICIAN, at: T(1) });
    expect(refusal(() => applyReviewAction(opened, { type: 'reject', by: PHYSICIAN, at: T(2) })).message).toMatch(/needs a comment/);
    const rejected = applyReviewAction(opened, { type: 'reject', by: PHYSICIAN, at: T(2), comment: 'misses the deep lobe' });
    expect(rejected.state).toBe('rejected');
    expect(refusal(() => applyReviewAction(rejected, { type: 'edit', by: DOSIMETRIST, at: T(3) })).code).toBe('locked');
  });

  it('applies the approver-role policy', () => {
    const opened = applyReviewAction(drawn('d'), { type: 'open', by: DOSIMETRIST, at: T(1) });
    const e = refusal(() => applyReviewAction(opened, { type: 'approve', by: DOSIMETRIST, at: T(2) }, { approverRoles: ['physician'] }));
    expect(e.code).toBe('role');
    // An edit counts as a look: the editor may approve what they just changed.
    const edited = applyReviewAction(drawn('d'), { type: 'edit', by: DOSIMETRIST, at: T(1) });
    expect(applyReviewAction(edited, { type: 'approve', by: DOSIMETRIST, at: T(2) }).state).toBe('approved');
  });
});
