import type { ImportResult } from '../../../core/api/contract.js';
/**
 * What an import did: each file read is a new image, unchanged, already known (now read from
 * here), skipped or in conflict; the skipped also count links and folders passed over unread, so
 * they are named as such. Nothing imported reads "0 new image(s)", never a bare "Imported 6".
 */
export function importSummary(r: ImportResult): string {
  const parts = [
    `${r.instancesAdded} new image(s)${r.seriesAdded > 0 ? ` in ${r.seriesAdded} new series` : ''}`,
    `${r.instancesUnchanged} unchanged`,
    ...(r.instancesRelocated > 0 ? [`${r.instancesRelocated} already known (now read from here)`] : []),
    `${r.skipped} skipped (files, links or folders; see the report)`,
    ...(r.conflicts > 0 ? [`${r.conflicts} conflict(s) — see the report`] : []),
  ];
  return `Imported from ${r.filesSeen} file(s) read: ${parts.join(', ')}.`;
}

/**
 * A skipped file as the report names it: its path inside the imported folder, so two files of the
 * same name in different sub-folders (CT/nifti/image.nii.gz, MR/nifti/image.nii.gz) stay apart; the
 * whole path when it lies elsewhere (a link followed out of the folder).
 */
export function pathInImport(root: string, path: string): string {
  const base = root.replace(/[\\/]+$/, '');
  const inside = path.startsWith(`${base}/`) || path.startsWith(`${base}\\`);
  return inside ? path.slice(base.length + 1) : path;
}
