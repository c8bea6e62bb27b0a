import type { JsonValue } from './canonical-json.js';

/**
 * What happened. The known actions are listed for callers' type safety; the table stores any
 * non-empty text so that an older build can still list and verify entries a newer one wrote.
 */
export const AUDIT_ACTIONS = ['import', 'model-run', 'open', 'edit', 'state-change', 'export', 'settings'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What a caller supplies; the log adds seq, time (unless given), prevHash and hash. */
export interface AuditInput {
  /** Who did it, e.g. "Jane Doe (physician)", or "delineate-cli" for an unattended step. */
  readonly actor: string;
  readonly action: AuditAction;
  /** What it was done to, e.g. a Series Instance UID, "structure:<id>", a file path. */
  readonly subject: string;
  readonly details?: JsonValue;
  /** Defaults to the log's clock. */
  readonly time?: Date;
}

/** One stored entry, as verifyAuditChain recomputes it. */
export interface AuditEntry {
  /** 1, 2, 3… with no gaps; a gap is a deleted entry. */
  readonly seq: number;
  /** ISO 8601 UTC. */
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: JsonValue;
  /** The previous entry's hash; GENESIS_HASH for entry 1. */
  readonly prevHash: string;
  /** sha256 (hex) of the canonical JSON of every field above. */
  readonly hash: string;
}

/** 64 zeros: the prevHash of the first entry, so every entry has the same shape. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditProblem {
  /** The entry the problem is found at (for a deletion: the seq that is missing). */
  readonly seq: number;
  readonly problem: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries present in the table. */
  readonly entries: number;
  /** The last entry's seq and hash: quote it elsewhere (an export receipt) to anchor the log's end. */
  readonly head: { readonly seq: number; readonly hash: string } | undefined;
  /** The first broken entry; undefined when the chain is intact. */
  readonly firstBroken: AuditProblem | undefined;
  /** Every problem found, in seq order (a damaged log usually shows one cause and its echoes). */
  readonly problems: readonly AuditProblem[];
  /** Append-only guards (triggers) that are missing: the log is no longer protected from rewrites. */
  readonly missingGuards: readonly string[];
}
