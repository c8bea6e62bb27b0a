import { randomUUID } from 'node:crypto';
import type { AuditInput, JsonValue } from '../audit/index.js';
import type { EditCommand, ReviewActionName, Settings, StructurePayload, WorkspaceChange, WorkspaceState } from '../api/contract.js';
import type { MaskGrid as ReviewGrid } from '../review/mask-grid.js';
import { auditActor, auditInputFor } from '../review/review-audit.js';
import { isMachineDrafted } from '../review/review-session.js';
import type { Reviewer, StructureReview } from '../review/review-types.js';
import { applyReviewAction, createAssistedStructure, createDrawnStructure, currentDecision, isLocked } from '../review/structure-state.js';
import { displayPersonName } from '../api/person-name.js';
import { applyEdit, type EditContext, type EditOutcome } from './apply-edit.js';
import { EditRefused } from './edit-refused.js';
import { decodeMask, encodeMask } from './mask-codec.js';
import { describeStructure, effortOf } from './structure-info.js';
import { nameKey } from '../rt/roi-name.js';
import { countVoxels, type LiveStructure, type StructureContent } from './structure-content.js';
import type { SavedSnapshot, SavedStep, WorkspaceDb } from './workspace-db.js';

/** A structure a model or a file produced, to be added in one step. */
export interface IncomingStructure {
  readonly content: Omit<StructureContent, 'id'>;
  readonly mask: Uint8Array;
  /** Its review record given the id it will get. */
  readonly review: (id: string, at: string) => StructureReview;
  /** For model output: kept as the draft the edit-effort metrics compare against. */
  readonly keepAsDraft: boolean;
  /** Agreement with the mirrored pass (core/workspace/mirror-confidence.ts), as JSON. */
  readonly confidence?: string;
}

/**
 * The structures on one loaded series: held in memory for speed, saved to the study database at
 * every step. The database is the authority — a step is in memory only after its transaction
 * committed — so a crash at any moment leaves every completed edit on disk.
 */
export class SeriesWorkspace {
  private readonly live = new Map<string, LiveStructure>();
  private reviews = new Map<string, StructureReview>();
  private cursor = 0;
  private steps: SavedStep[] = [];
  private warnings: string[] = [];
  /** Per model structure: its stored draft (by size and box) and that draft's voxel count (see isModelDraft). */
  private readonly draftCounts = new Map<string, { key: string; count: number }>();

  constructor(
    private readonly db: WorkspaceDb,
    readonly seriesUid: string,
    readonly grid: ReviewGrid,
    private readonly settings: () => Settings,
  ) {
    const saved = db.load(seriesUid);
    this.cursor = saved.cursor;
    this.steps = [...saved.steps];
    this.reviews = new Map(saved.reviews);
    for (const s of saved.structures) {
      try {
        this.putLive(s);
      } catch (error) {
        // A damaged row must not hide the rest: the structure is named and left out; the database keeps it untouched.
        this.warnings.push(`structure '${s.content.name}' could not be restored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private putLive(s: SavedSnapshot): void {
    if (s.mask === null) {
      this.live.delete(s.content.id);
      return;
    }
    const mask = decodeMask(s.mask, this.grid.dims);
    this.live.set(s.content.id, { content: s.content, mask, voxelCount: countVoxels(mask) });
  }

  /** The person at the workstation; refuses when nobody has said who they are. */
  requireReviewer(): Reviewer {
    return this.reviewer();
  }

  private reviewer(): Reviewer {
    const r = this.settings().reviewer;
    if (!r) throw new EditRefused('say who you are first (Settings: name and role): every edit and review act is recorded with its author');
    return r;
  }

  /** A model's output, an imported ROI another system's AI made, or a rule result built from either. */
  private fromAiDraft(id: string): boolean {
    const review = this.reviews.get(id);
    return (review !== undefined && isMachineDrafted(review)) || this.live.get(id)?.content.fromAiDraft === true;
  }

  private hidden(id: string): boolean {
    if (!this.settings().sequentialReading || !this.fromAiDraft(id)) return false;
    return !this.imagesLooked();
  }

  /** Reviewers who have recorded a look at this series' images, read once (hidden() asks per structure). */
  private lookers: Set<string> | null = null;

  imagesLooked(): boolean {
    const me = this.settings().reviewer;
    if (me === null) return false;
    this.lookers ??= new Set(this.db.looks(this.seriesUid).map((l) => l.reviewer));
    return this.lookers.has(me.name);
  }

  /** The live structures a caller may use (export, lesion table), hidden ones included. */
  structures(): readonly LiveStructure[] {
    return [...this.live.values()];
  }

  /** The structures the current reviewer may see (sequential reading hides AI drafts until the look). */
  visibleStructures(): readonly LiveStructure[] {
    return [...this.live.values()].filter((s) => !this.hidden(s.content.id));
  }

  review(id: string): StructureReview | undefined {
    return this.reviews.get(id);
  }

  private payload(s: LiveStructure): StructurePayload {
    return { ...describeStructure(s, this.reviews.get(s.content.id), this.seriesUid, this.grid, this.settings().reviewer, this.db), outdated: this.outdated(s.content.id) };
  }

  /**
   * Why a rule result no longer matches what it was built from (an operand changed, was deleted,
   * or is itself out of date), or null. Such a structure is shown flagged, cannot be approved and
   * is not exported until its rule runs again.
   */
  outdated(id: string, seen: Set<string> = new Set()): string | null {
    const s = this.live.get(id);
    if (!s?.content.sources || seen.has(id)) return null;
    seen.add(id);
    const rerun = `run ${s.content.rule} again`;
    for (const src of s.content.sources) {
      const now = this.live.get(src.id);
      if (!now) return `${s.content.name} was built from ${src.name}, which has been deleted since: ${rerun}, or delete ${s.content.name}`;
      if ((now.content.maskVersion ?? '') !== src.maskVersion) return `${s.content.name} was built from ${now.content.name}, which has changed since: ${rerun}`;
      if (this.outdated(src.id, seen)) return `${s.content.name} was built from ${now.content.name}, which is itself out of date: run the rules again in order`;
    }
    return null;
  }

  /**
   * Why a rule result may not be approved because of what it was built from: an operand (directly
   * or through other rule results) that a reviewer rejected. A contour judged unfit does not become
   * fit by being grown or combined; reopen it with a new revision, correct it and run the rule again.
   */
  private rejectedSource(id: string, seen: Set<string> = new Set()): string | null {
    const s = this.live.get(id);
    if (!s?.content.sources || seen.has(id)) return null;
    seen.add(id);
    for (const src of s.content.sources) {
      const r = this.reviews.get(src.id);
      if (r?.state === 'rejected') return `it is built from '${r.name}', which was rejected; correct '${r.name}' in a new revision and run ${s.content.rule} again`;
      const deeper = this.rejectedSource(src.id, seen);
      if (deeper) return deeper;
    }
    return null;
  }

  /** The live rule results built, directly or through others, from any of `ids`. */
  private dependents(ids: readonly string[]): string[] {
    const found = new Set<string>();
    let frontier = new Set(ids);
    while (frontier.size > 0) {
      const next = new Set<string>();
      for (const s of this.live.values()) {
        if (found.has(s.content.id) || !s.content.sources?.some((src) => frontier.has(src.id))) continue;
        found.add(s.content.id);
        next.add(s.content.id);
      }
      frontier = next;
    }
    return [...found].filter((id) => !ids.includes(id));
  }

  private change(given: readonly string[], removed: readonly string[], warnings: readonly string[] = []): WorkspaceChange {
    const changed: StructurePayload[] = [];
    const gone = [...removed];
    // What was built from a changed structure is sent again: whether it is out of date may have changed.
    const ids = [...given, ...this.dependents([...given, ...removed])];
    for (const id of ids) {
      const s = this.live.get(id);
      if (!s) gone.push(id);
      else if (this.hidden(id)) gone.push(id);
      else changed.push(this.payload(s));
    }
    return {
      seriesUid: this.seriesUid,
      changed,
      removed: gone,
      hiddenDrafts: [...this.live.keys()].filter((id) => this.hidden(id)).length,
      imagesLooked: this.imagesLooked(),
      ...this.history(),
      warnings: [...this.warnings, ...warnings],
    };
  }

  /**
   * Whether a contour of `voxelCount` voxels is, voxel for voxel, the draft the model gave this
   * structure (an undo of every change a person made). The draft's voxel count is kept after the
   * first look, so an edit that changes the count — nearly every edit — never inflates the draft.
   */
  private isModelDraft(r: StructureReview, mask: Uint8Array, voxelCount: number): boolean {
    if (r.origin.kind !== 'model') return false;
    const stored = this.db.draft(r.id);
    if (stored === undefined) return false;
    const key = `${stored.bytes.length}:${JSON.stringify(stored.box)}`;
    let known = this.draftCounts.get(r.id);
    let draft: Uint8Array | undefined;
    if (known?.key !== key) {
      draft = decodeMask(stored, this.grid.dims);
      known = { key, count: countVoxels(draft) };
      this.draftCounts.set(r.id, known);
    }
    if (known.count !== voxelCount) return false;
    return sameBytes(draft ?? decodeMask(stored, this.grid.dims), mask);
  }

  state(): WorkspaceState {
    const ids = [...this.live.keys()];
    return { ...this.change(ids, []), order: ids };
  }

  /** Save a step whose outcome is known, then make it live. */
  private commit(given: EditOutcome, reviews: StructureReview[], by: Reviewer, at: string, drafts: readonly { id: string; mask: Uint8Array; confidence?: string }[] = []): WorkspaceChange {
    // A new mask gets a new version; what rules built from the old one can then tell they are out of date.
    const outcome: EditOutcome = {
      ...given,
      changed: given.changed.map((s) => {
        const before = this.live.get(s.content.id);
        const same = before !== undefined && before.content.maskVersion !== undefined && sameContour(before, s);
        return { ...s, content: { ...s.content, maskVersion: same ? before.content.maskVersion : randomUUID() } };
      }),
    };
    const snapshots: SavedSnapshot[] = [
      ...outcome.changed.map((s) => ({ content: s.content, mask: encodeMask(s.mask, this.grid.dims) })),
      ...outcome.deleted.map((id) => ({ content: this.live.get(id)!.content, mask: null })),
    ];
    const audit: AuditInput = {
      actor: auditActor(by),
      action: 'edit',
      subject: this.seriesUid,
      time: new Date(at),
      details: { edit: outcome.label, structures: snapshots.map((s) => ({ id: s.content.id, name: s.content.name, deleted: s.mask === null })) },
    };
    const seq = this.db.commitEdit(this.seriesUid, { label: outcome.label, actor: auditActor(by), at }, snapshots, reviews, audit,
      drafts.map((d) => ({ id: d.id, mask: encodeMask(d.mask, this.grid.dims), ...(d.confidence !== undefined ? { confidence: d.confidence } : {}) })));
    this.steps = [...this.steps.slice(0, seq - 1), { label: outcome.label, actor: auditActor(by) }];
    this.cursor = seq;
    for (const s of outcome.changed) this.live.set(s.content.id, s);
    for (const id of outcome.deleted) this.live.delete(id);
    for (const r of reviews) this.reviews.set(r.id, r);
    return this.change(outcome.changed.map((s) => s.content.id), outcome.deleted, outcome.warnings);
  }

  edit(command: EditCommand, compute: (command: EditCommand, ctx: EditContext) => EditOutcome = applyEdit): WorkspaceChange {
    const by = this.reviewer();
    const at = new Date().toISOString();
    const outcome = compute(command, {
      grid: this.grid,
      structures: this.live,
      newId: () => `st-${randomUUID()}`,
      locked: (id) => {
        const r = this.reviews.get(id);
        return r && isLocked(r) ? `is ${r.state} (revision ${r.revision}) and locked; create a new revision to change it` : null;
      },
      hidden: (id) => (this.hidden(id) ? HIDDEN : null),
      fromAiDraft: (id) => this.fromAiDraft(id),
      rejected: (id) => {
        const r = this.reviews.get(id);
        const decision = r?.state === 'rejected' ? currentDecision(r) : undefined;
        return decision ? `was rejected by ${displayPersonName(decision.by.name)} (${decision.by.role})${decision.comment ? `: “${decision.comment}”` : ''}` : null;
      },
    });
    const reviews: StructureReview[] = [];
    for (const c of outcome.created) {
      const name = outcome.changed.find((s) => s.content.id === c.id)!.content.name;
      reviews.push(c.how === 'drawn'
        ? createDrawnStructure({ id: c.id, name, seriesUid: this.seriesUid, drawnBy: by, at })
        : createAssistedStructure({ id: c.id, name, seriesUid: this.seriesUid, tool: c.tool, by, at }));
    }
    for (const id of outcome.contourChanged) {
      const r = this.reviews.get(id);
      if (!r) continue;
      const before = this.live.get(id);
      const now = outcome.changed.find((s) => s.content.id === id);
      // A stroke that changed no voxel is no edit of the contour: nothing goes on the review record.
      if (before && now && sameContour(before, now)) continue;
      const edited = applyReviewAction(r, { type: 'edit', by, at, comment: outcome.label, restoresModelDraft: now !== undefined && this.isModelDraft(r, now.mask, now.voxelCount) });
      // A rule run again: the record names the rule that made the contour now, and who ran it.
      const rule = now?.content.rule ?? '';
      reviews.push(rule !== '' && edited.origin.kind === 'assisted' ? { ...edited, origin: { kind: 'assisted', tool: `rule ${rule}`, by: { ...by } } } : edited);
    }
    for (const s of outcome.changed) {
      const r = reviews.find((x) => x.id === s.content.id) ?? this.reviews.get(s.content.id);
      if (r && r.name !== s.content.name) {
        const renamed = { ...r, name: s.content.name };
        const at2 = reviews.findIndex((x) => x.id === r.id);
        if (at2 >= 0) reviews[at2] = renamed;
        else reviews.push(renamed);
      }
    }
    return this.commit(outcome, reviews, by, at);
  }

  /** Structures from a model run or a structure set, added as one undoable step. */
  add(label: string, incoming: readonly IncomingStructure[], replaceSameOrigin: boolean): WorkspaceChange {
    const by = this.reviewer();
    const at = new Date().toISOString();
    const changed: LiveStructure[] = [];
    const reviews: StructureReview[] = [];
    const drafts: { id: string; mask: Uint8Array; confidence?: string }[] = [];
    const deleted: string[] = [];
    const warnings: string[] = [];
    for (const m of incoming) {
      // A re-run of the same model replaces its earlier, untouched drafts rather than duplicating names.
      if (replaceSameOrigin) {
        for (const [id, s] of this.live) {
          const r = this.reviews.get(id);
          if (s.content.origin === m.content.origin && s.content.name === m.content.name && r?.state === 'ai-draft' && !deleted.includes(id)) {
            deleted.push(id);
            // Said, not silent: the earlier draft goes with its record (a look, an edit undone).
            warnings.push(`the earlier AI draft '${s.content.name}' of ${m.content.origin} was replaced by this run${r.history.length > 0 ? ` (its ${r.history.length} review record(s) stay in the audit log)` : ''}`);
          }
        }
      }
      const id = `st-${randomUUID()}`;
      // Names stay unique on a series (rules and the planning system address structures by name).
      const taken = new Set([...[...this.live.values()].filter((s) => !deleted.includes(s.content.id)).map((s) => s.content.name), ...changed.map((s) => s.content.name)]);
      const name = uniqueName(m.content.name, taken);
      if (name !== m.content.name) warnings.push(`'${m.content.name}' already exists on this series; the new one is named '${name}'`);
      changed.push({ content: { ...m.content, id, name }, mask: m.mask, voxelCount: countVoxels(m.mask) });
      const review = m.review(id, at);
      reviews.push(name === review.name ? review : { ...review, name });
      if (m.keepAsDraft) drafts.push({ id, mask: m.mask, ...(m.confidence !== undefined ? { confidence: m.confidence } : {}) });
    }
    return this.commit({ label, changed, deleted, created: [], contourChanged: [], warnings }, reviews, by, at, drafts);
  }

  /**
   * What undo and redo would do for the person at the workstation. They take back only that
   * person's own steps: a colleague's edit on a shared series is not undone by a keystroke (it is
   * changed by an edit, which is recorded as one).
   */
  private history(): Pick<WorkspaceChange, 'undo' | 'redo' | 'historyNote'> {
    const me = this.settings().reviewer;
    const mine = (step: SavedStep | undefined): boolean => step !== undefined && me !== null && step.actor === auditActor(me);
    const last = this.steps[this.cursor - 1];
    const next = this.steps[this.cursor];
    const other = me === null ? undefined : [last, next].find((s) => s !== undefined && !mine(s));
    return {
      undo: last && mine(last) ? last.label : null,
      redo: next && mine(next) ? next.label : null,
      historyNote: other ? `${other === last ? 'The last step' : 'The step to redo'} (${other.label}) is ${other.actor}'s: undo and redo take back only your own edits.` : null,
    };
  }

  private checkOwnStep(step: SavedStep, what: 'undo' | 'redo'): void {
    const me = this.reviewer();
    if (step.actor !== auditActor(me)) {
      throw new EditRefused(`cannot ${what} ${step.label}: that step is ${step.actor}'s, and ${what} takes back only your own edits; change the structure with an edit instead`);
    }
  }

  undo(): WorkspaceChange {
    const step = this.steps[this.cursor - 1];
    if (!step) throw new EditRefused('there is nothing to undo');
    this.checkOwnStep(step, 'undo');
    return this.move(this.cursor - 1, this.cursor, `undo ${step.label}`);
  }

  redo(): WorkspaceChange {
    const step = this.steps[this.cursor];
    if (!step) throw new EditRefused('there is nothing to redo');
    this.checkOwnStep(step, 'redo');
    return this.move(this.cursor + 1, this.cursor + 1, `redo ${step.label}`);
  }

  /** Move to step `to`; `step` is the step whose structures change (the one undone or redone). */
  private move(to: number, step: number, label: string): WorkspaceChange {
    const by = this.reviewer();
    const at = new Date().toISOString();
    const ids = this.db.idsChangedAt(this.seriesUid, step);
    const after = this.db.snapshotsAt(this.seriesUid, to, ids);
    const reviews: StructureReview[] = [];
    for (const id of ids) {
      const r = this.reviews.get(id);
      if (r && isLocked(r) && (this.live.has(id) || after.get(id)?.mask)) {
        throw new EditRefused(`cannot ${label}: it would change '${r.name}', which is ${r.state} and locked; create a new revision first`);
      }
    }
    const decoded = new Map<string, LiveStructure | null>();
    for (const id of ids) {
      const snap = after.get(id);
      if (!snap || snap.mask === null) decoded.set(id, null);
      else {
        const mask = decodeMask(snap.mask, this.grid.dims);
        decoded.set(id, { content: snap.content, mask, voxelCount: countVoxels(mask) });
      }
      const before = this.live.get(id);
      const next = decoded.get(id);
      const r = this.reviews.get(id);
      // Undo and redo are edits by the person who asks for them: a contour they bring back is theirs to answer for.
      if (r && before && next && !sameContour(before, next)) {
        reviews.push(applyReviewAction(r, { type: 'edit', by, at, comment: label, restoresModelDraft: this.isModelDraft(r, next.mask, next.voxelCount) }));
      }
      else if (r && next && r.name !== next.content.name) reviews.push({ ...r, name: next.content.name });
    }
    this.db.moveCursor(this.seriesUid, to, reviews, { actor: auditActor(by), action: 'edit', subject: this.seriesUid, time: new Date(at), details: { edit: label, structures: ids } });
    this.cursor = to;
    for (const [id, s] of decoded) {
      if (s) this.live.set(id, s);
      else this.live.delete(id);
    }
    for (const r of reviews) this.reviews.set(r.id, r);
    return this.change(ids.filter((id) => decoded.get(id)), ids.filter((id) => !decoded.get(id)));
  }

  reviewAct(id: string, action: ReviewActionName, comment: string | undefined): WorkspaceChange {
    const by = this.reviewer();
    const r = this.reviews.get(id);
    if (!r || !this.live.has(id)) throw new EditRefused(`there is no structure ${id} on this series`);
    if (this.hidden(id)) throw new EditRefused(`'${r.name}' ${HIDDEN}`);
    const stale = action === 'approve' ? this.outdated(id) : null;
    if (stale) throw new EditRefused(`${stale} before approving it`);
    const rejectedSource = action === 'approve' ? this.rejectedSource(id) : null;
    if (rejectedSource) throw new EditRefused(`'${r.name}' cannot be approved: ${rejectedSource}`);
    const at = new Date().toISOString();
    const next = applyReviewAction(r, { type: action, by, at, ...(comment !== undefined && comment.trim() !== '' ? { comment } : {}) });
    const event = next.history[next.history.length - 1]!;
    const audit = auditInputFor(next, event);
    // An approval of a model's structure records how far the approved contour is from the model's draft.
    const effort = action === 'approve' ? effortOf(this.live.get(id)!, next, this.grid, this.db) : null;
    this.db.saveReviews(this.seriesUid, [next], [effort ? { ...audit, details: { ...(audit.details as Record<string, JsonValue>), effort: { ...effort } } } : audit]);
    this.reviews.set(id, next);
    return this.change([id], []);
  }

  recordImageLook(): WorkspaceChange {
    const by = this.reviewer();
    const at = new Date().toISOString();
    const hiddenBefore = [...this.live.keys()].filter((id) => this.hidden(id));
    this.db.addLook(this.seriesUid, by.name, by.role, at, { actor: auditActor(by), action: 'open', subject: this.seriesUid, time: new Date(at), details: { look: 'images', revealed: hiddenBefore.length } });
    this.lookers?.add(by.name);
    return this.change(hiddenBefore, []);
  }
}

const HIDDEN = 'is hidden by sequential reading (an AI draft, or built from one): record your look at the images first';

/** `name`, or `name_2`, `name_3`… — the first not taken, kept within ROI Name's 64 characters. */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  const folded = new Set([...taken].map(nameKey));
  if (!folded.has(nameKey(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${[...name].slice(0, 64 - suffix.length).join('')}${suffix}`;
    if (!folded.has(nameKey(candidate))) return candidate;
  }
}

/** The same contour: the same array, or equal bytes (a stroke that painted nothing); a voxel count that differs settles it at once. */
function sameContour(a: LiveStructure, b: LiveStructure): boolean {
  return a.mask === b.mask || (a.voxelCount === b.voxelCount && sameBytes(a.mask, b.mask));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let n = 0; n < a.length; n++) if (a[n] !== b[n]) return false;
  return true;
}
