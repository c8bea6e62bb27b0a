import { resolve } from 'node:path';
import { parseArgs, single } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import { seriesGeometryProblems } from '../../core/import/series-check.js';
import { defaultStorePath, openStudyStore } from '../../core/store/index.js';

export const command: Command = {
  name: 'import',
  summary: 'Scan a folder and record its patients, studies, series and instances in the local study database (re-importing is idempotent).',
  usage: 'delineate import DIR [--data DATA_DIR] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, ['data'], ['json']);
    const dir = parsed.positional[0];
    if (dir === undefined || parsed.positional.length > 1) throw new CliError('usage: delineate import DIR [--data DATA_DIR] [--json]');
    const dataDir = single(parsed, 'data');
    const storePath = defaultStorePath(dataDir === undefined ? undefined : resolve(dataDir));
    const report = await scanFolder(resolve(dir));
    const store = openStudyStore(storePath);
    try {
      const summary = store.recordScan(report, { actor: 'delineate-cli' });
      const conflicts = summary.conflicts > 0 ? store.conflicts(summary.importId) : [];
      if (parsed.flags.has('json')) {
        io.out(JSON.stringify({ database: store.file, summary, skipped: report.skipped, conflicts }, null, 2));
      } else {
        io.out(
          `${store.file}: import #${summary.importId} of ${summary.root}: ${summary.filesSeen} file(s) read; added ${summary.patientsAdded} patient(s), ` +
            `${summary.studiesAdded} study(ies), ${summary.seriesAdded} series, ${summary.instancesAdded} instance(s); ` +
            `${summary.instancesUnchanged} unchanged, ${summary.instancesRelocated} now recorded at this path instead of an earlier one, ` +
            `${summary.conflicts} conflict(s), ${summary.skipped} skipped`,
        );
        for (const s of report.skipped) io.out(`  skipped ${s.path}: ${s.reason}`);
        for (const se of report.patients.flatMap((p) => p.studies.flatMap((st) => st.series))) {
          for (const problem of seriesGeometryProblems(se)) io.out(`  problem in series ${se.seriesInstanceUid}: ${problem}`);
        }
        for (const c of conflicts) io.out(`  conflict (${c.kind}) ${c.path ?? c.uid}: the database holds ${c.existing}; this import found ${c.incoming}`);
      }
      if (summary.conflicts > 0) io.err(`warning: ${summary.conflicts} conflict(s) with what the database already holds; the stored records were kept`);
    } finally {
      store.close();
    }
    return 0;
  },
};
