import { parseArgs, required, single } from '../args.js';
import type { Command } from '../command.js';
import { CliError } from '../command.js';
import { LPS_TO_RAS, multiply } from '../../core/geometry/mat4.js';
import { loadSeriesFromFolder } from '../../core/import/load-series.js';
import { checkOutputFile, errnoText } from '../output-path.js';
import { writeNiftiFile } from '../../core/nifti/write-nifti.js';

export const command: Command = {
  name: 'convert',
  summary:
    'Write a series as NIfTI (RAS affine, values after modality rescale): the one named, or the largest image series; --stack picks another stack (echo, image type, scout) of it.',
  usage: 'delineate convert DIR --out FILE.nii[.gz] [--series SERIES_UID] [--stack N]',
  async run(args, io) {
    const parsed = parseArgs(args, ['out', 'series', 'stack']);
    const dir = parsed.positional[0];
    if (dir === undefined || parsed.positional.length > 1) throw new CliError(`usage: ${command.usage}`);
    const out = required(parsed, 'out');
    if (!/\.nii(\.gz)?$/.test(out)) throw new CliError(`--out must end in .nii or .nii.gz: ${out}`);
    checkOutputFile(out, { overwrite: true });
    const stack = single(parsed, 'stack');
    const stackIndex = stack === undefined ? undefined : Number(stack);
    if (stackIndex !== undefined && !(Number.isInteger(stackIndex) && stackIndex >= 1)) throw new CliError(`--stack must be a stack number (1, 2, …), got '${stack}'`);
    const loaded = await loadSeriesFromFolder(dir, single(parsed, 'series'), stackIndex === undefined ? {} : { stackIndex });
    const v = loaded.volume;
    try {
      writeNiftiFile(out, {
        dims: [v.dims[0], v.dims[1], v.dims[2], v.frames],
        data: v.data,
        ijkToRas: multiply(LPS_TO_RAS, v.ijkToLps),
        description: `${v.modality} ${v.seriesInstanceUid}`.slice(0, 79),
      });
    } catch (error) {
      throw new CliError(`cannot write ${out}: ${errnoText(error)}`);
    }
    for (const w of loaded.warnings) io.err(`warning: ${w}`);
    if (loaded.skipped.length > 0) io.err(`${loaded.skipped.length} file(s) skipped (see 'delineate scan ${dir}')`);
    io.out(`${out}: ${v.modality} ${v.dims.join('×')}${v.frames > 1 ? `×${v.frames}` : ''}, ${v.spacingMm.map((s) => s.toFixed(3)).join('×')} mm, series ${v.seriesInstanceUid}`);
    return 0;
  },
};
