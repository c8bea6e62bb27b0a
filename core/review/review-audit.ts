import type { AuditInput } from '../audit/audit-types.js';
import type { ReviewSession } from './review-session.js';
import type { Reviewer, ReviewEvent, StructureReview } from './review-types.js';

/** How a person appears as an audit actor: the role is part of who acted. */
export function auditActor(reviewer: Reviewer): string {
  return `${reviewer.name} (${reviewer.role})`;
}

/** The audit entry for one review event: opens and edits as such, decisions and revisions as state changes. */
export function auditInputFor(structure: StructureReview, event: ReviewEvent): AuditInput {
  return {
    actor: auditActor(event.by),
    action: event.type === 'open' ? 'open' : event.type === 'edit' ? 'edit' : 'state-change',
    subject: `structure:${structure.id}`,
    time: new Date(event.at),
    details: {
      event: event.type,
      name: structure.name,
      seriesUid: structure.seriesUid,
      revision: event.revision,
      from: event.from,
      to: event.to,
      ...(event.comment !== undefined ? { comment: event.comment } : {}),
    },
  };
}

/**
 * The audit entries for everything that happened between two versions of a session, in event time
 * order: the caller appends them after each transition so the log misses no act. Image looks are
 * included because sequential reading depends on them.
 */
export function auditInputsBetween(before: ReviewSession, after: ReviewSession): AuditInput[] {
  const out: { at: string; input: AuditInput }[] = [];
  for (const s of after.structures) {
    const old = before.structures.find((x) => x.id === s.id);
    for (const event of s.history.slice(old?.history.length ?? 0)) out.push({ at: event.at, input: auditInputFor(s, event) });
  }
  for (const look of after.imageLooks.slice(before.imageLooks.length)) {
    out.push({ at: look.at, input: { actor: auditActor(look.by), action: 'open', subject: `series:${look.seriesUid}`, time: new Date(look.at), details: { event: 'image-look' } } });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((x) => x.input);
}
