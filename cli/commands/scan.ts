import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { scanFolder } from '../../core/import/scan-folder.js';
import type { ScanReport } from '../../core/import/scan-types.js';
import { seriesGeometryProblems } from '../../core/import/series-check.js';

function printReport(report: ScanReport, out: (line: string) => void): void {
  for (const p of report.patients) {
    out(`Patient ${p.patientName || '(no name)'} [${p.patientId || 'no ID'}]`);
    for (const st of p.studies) {
      out(`  Study ${st.studyDate || '(no date)'} ${st.studyDescription} [${st.studyInstanceUid}]`);
      for (const se of st.series) {
        const frames = se.instances.reduce((n, i) => n + i.numberOfFrames, 0);
        const sizes = [...new Set(se.instances.filter((i) => i.rows).map((i) => `${i.columns}×${i.rows}`))].join(', ');
        out(
          `    Series ${se.seriesNumber ?? '-'} ${se.modality} "${se.seriesDescription}": ${se.instances.length} file(s)` +
            `${frames > se.instances.length ? `, ${frames} frames` : ''}${sizes ? `, ${sizes} (columns×rows)` : ''} [${se.seriesInstanceUid}]`,
        );
        for (const problem of seriesGeometryProblems(se)) out(`      problem: ${problem}`);
      }
    }
  }
  const usable = report.patients.reduce((n, p) => n + p.studies.reduce((m, st) => m + st.series.reduce((k, se) => k + se.instances.length, 0), 0), 0);
  out(`${usable} DICOM object(s) found in ${report.filesSeen} file(s); ${report.skipped.length} file(s) or folder(s) skipped`);
  for (const s of report.skipped) out(`  skipped ${s.path}: ${s.reason}`);
}

export const command: Command = {
  name: 'scan',
  summary: 'List the patients, studies and series in a folder, and every file skipped with the reason.',
  usage: 'delineate scan DIR [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, [], ['json']);
    const dir = parsed.positional[0];
    if (dir === undefined || parsed.positional.length > 1) throw new CliError('usage: delineate scan DIR [--json]');
    const report = await scanFolder(dir);
    if (parsed.flags.has('json')) io.out(JSON.stringify(report, null, 2));
    else printReport(report, (line) => io.out(line));
    if (report.patients.length === 0) throw new CliError(`no DICOM objects found in ${dir} (${report.filesSeen} file(s) read, ${report.skipped.length} skipped)`);
    return 0;
  },
};
