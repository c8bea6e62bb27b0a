import { createHash } from 'node:crypto';
import type { JsonValue } from './canonical-json.js';
import { canonicalJson } from './canonical-json.js';

/** The fields an entry's hash covers: all of them except the hash itself. */
export interface HashedFields {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: JsonValue;
  readonly prevHash: string;
}

/** sha256 (lower-case hex) of the canonical JSON of the entry, prevHash included: the chain link. */
export function entryHash(fields: HashedFields): string {
  const { seq, time, actor, action, subject, details, prevHash } = fields;
  return createHash('sha256').update(canonicalJson({ seq, time, actor, action, subject, details, prevHash }), 'utf8').digest('hex');
}
