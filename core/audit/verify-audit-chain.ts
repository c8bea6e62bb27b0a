import type Database from 'better-sqlite3';
import { canonicalJson, type JsonValue } from './canonical-json.js';
import { entryHash } from './audit-hash.js';
import { allAuditRows, hasAuditTable, highestIssuedSeq } from './audit-rows.js';
import { AUDIT_GUARDS } from './audit-schema.js';
import { GENESIS_HASH, type AuditProblem, type AuditVerification } from './audit-types.js';

/**
 * Recompute the whole chain from the first entry: every seq present and consecutive, every details
 * text exactly the canonical JSON that was hashed, every prevHash equal to the previous entry's hash,
 * every hash equal to the sha256 of its entry. Reports every problem in seq order; `firstBroken` is
 * the earliest, the one to look at (later ones are often its echoes).
 *
 * What it cannot see on its own: the whole table (with sqlite_sequence) replaced by a consistent
 * forgery, or the newest entries deleted together with a matching edit of sqlite_sequence. Anchoring
 * `head` outside the file (e.g. quoting it on an export) closes that gap.
 */
export function verifyAuditChain(db: Database.Database): AuditVerification {
  const rows = allAuditRows(db);
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    let seqGap = false;
    if (row.seq !== expectedSeq) {
      seqGap = true;
      problems.push(
        row.seq > expectedSeq
          ? { seq: expectedSeq, problem: missing(expectedSeq, row.seq - 1, `the log jumps from entry ${expectedSeq - 1} to entry ${row.seq}`) }
          : { seq: row.seq, problem: `entry ${row.seq} is out of sequence (expected entry ${expectedSeq})` },
      );
    }
    const detailsProblem = checkDetails(row.details);
    if (detailsProblem !== undefined) {
      problems.push({ seq: row.seq, problem: `entry ${row.seq} ${detailsProblem}: it was changed after it was written` });
    } else {
      const details = JSON.parse(row.details) as JsonValue;
      const recomputed = entryHash({ seq: row.seq, time: row.time, actor: row.actor, action: row.action, subject: row.subject, details, prevHash: row.prevHash });
      if (recomputed !== row.hash) {
        problems.push({ seq: row.seq, problem: `entry ${row.seq} does not match its hash: it was changed after it was written (stored ${row.hash}, recomputed ${recomputed})` });
      }
    }
    // After a gap the prevHash mismatch is the deletion's echo, already reported above.
    if (!seqGap && row.prevHash !== prevHash) {
      problems.push({
        seq: row.seq,
        problem:
          row.seq === 1
            ? `entry 1 does not start the chain (prevHash ${row.prevHash}, expected ${GENESIS_HASH})`
            : `entry ${row.seq} does not link to entry ${row.seq - 1} (its prevHash ${row.prevHash} is not that entry's hash ${prevHash})`,
      });
    }
    prevHash = row.hash;
    expectedSeq = row.seq + 1;
  }
  const issued = hasAuditTable(db) ? highestIssuedSeq(db) : 0;
  if (issued >= expectedSeq) {
    problems.push({ seq: expectedSeq, problem: missing(expectedSeq, issued, `the log ends at entry ${expectedSeq - 1} but entry ${issued} was issued`) });
  }
  const last = rows.at(-1);
  const missingGuards = hasAuditTable(db) ? AUDIT_GUARDS.filter((name) => !triggerExists(db, name)) : [];
  return {
    ok: problems.length === 0 && missingGuards.length === 0,
    entries: rows.length,
    head: last ? { seq: last.seq, hash: last.hash } : undefined,
    firstBroken: problems[0],
    problems,
    missingGuards,
  };
}

function missing(from: number, to: number, evidence: string): string {
  const which = from === to ? `entry ${from} is missing` : `entries ${from}–${to} are missing`;
  return `${which}: deleted (${evidence})`;
}

/** Details must be exactly the canonical text that was hashed: a reformatted value is a change too. */
function checkDetails(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'has details that are not valid JSON';
  }
  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch {
    return 'has details that JSON cannot hold (a number out of range)';
  }
  return canonical === text ? undefined : 'has details that are not in the form they were written in';
}

function triggerExists(db: Database.Database, name: string): boolean {
  return db.prepare<[string], number>("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(name) === 1;
}
