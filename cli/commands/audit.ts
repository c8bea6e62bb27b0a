import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, single } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { CliError } from '../command.js';
import { openAuditLog, type AuditLog } from '../../core/audit/index.js';
import { defaultStorePath } from '../../core/store/index.js';

const USAGE = 'delineate audit verify|list [--data DATA_DIR] [--json]';

export const command: Command = {
  name: 'audit',
  summary: 'Verify the hash chain of the audit log in the local study database (exit 1 naming the first broken entry), or list its entries.',
  usage: USAGE,
  run(args, io) {
    const parsed = parseArgs(args, ['data'], ['json']);
    const [sub, ...extra] = parsed.positional;
    if ((sub !== 'verify' && sub !== 'list') || extra.length > 0) throw new CliError(`usage: ${USAGE}`);
    const dataDir = single(parsed, 'data');
    const storePath = defaultStorePath(dataDir === undefined ? undefined : resolve(dataDir));
    // Opening creates a database; checking a log must not conjure an empty one and call it intact.
    if (!existsSync(storePath)) throw new CliError(`no study database at ${storePath}`);
    const log = openAuditLog(storePath);
    try {
      return Promise.resolve(sub === 'verify' ? verify(log, io, parsed.flags.has('json')) : list(log, io, parsed.flags.has('json')));
    } finally {
      log.close();
    }
  },
};

function verify(log: AuditLog, io: CliIo, json: boolean): number {
  const result = log.verify();
  if (json) io.out(JSON.stringify({ database: log.file, ...result }, null, 2));
  if (result.ok) {
    if (!json) io.out(`audit chain intact: ${result.entries} entries${result.head ? ` (head: entry ${result.head.seq}, ${result.head.hash})` : ''}`);
    return 0;
  }
  if (!json) {
    if (result.firstBroken) {
      io.err(`audit chain broken at entry ${result.firstBroken.seq}: ${result.firstBroken.problem}`);
      for (const p of result.problems.slice(1)) io.err(`  also entry ${p.seq}: ${p.problem}`);
    }
    if (result.missingGuards.length > 0) io.err(`audit log is no longer append-only: trigger(s) ${result.missingGuards.join(', ')} removed`);
    io.err(`${log.file}: ${result.entries} entries checked`);
  }
  return 1;
}

function list(log: AuditLog, io: CliIo, json: boolean): number {
  const entries = log.list();
  if (json) {
    io.out(JSON.stringify(entries, null, 2));
    return 0;
  }
  for (const e of entries) io.out(`${e.seq}\t${e.time}\t${e.actor}\t${e.action}\t${e.subject}\t${JSON.stringify(e.details)}`);
  io.out(`${entries.length} entries in ${log.file}`);
  return 0;
}
