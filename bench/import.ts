/**
 * Import benchmark: `delineate convert` against dcm2niix on the same 512×512×N CT folder, in one
 * run, with wall time and peak memory (GNU time's maximum resident set size) for each.
 *   node dist/bench/import.js [SLICES]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCtSeries } from './make-ct-series.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const slices = Number(process.argv[2] ?? 200);
const cache = join(tmpdir(), `delineate-bench-ct512x${slices}`);
if (!existsSync(cache) || readdirSync(cache).length !== slices) {
  makeCtSeries(join(repo, 'test/fixtures/mirp-sts/STS_002/CT/dicom/image'), cache, 512, slices);
}

function timed(label: string, command: string, args: string[]): { seconds: number; peakMiB: number } {
  const best = { seconds: Infinity, peakMiB: 0 };
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`${label} failed: ${r.stderr}`);
    const peakKiB = Number(r.stderr.trim().split('\n').at(-1));
    if (seconds < best.seconds) Object.assign(best, { seconds, peakMiB: peakKiB / 1024 });
  }
  console.log(`${label.padEnd(12)} ${best.seconds.toFixed(2)} s   peak ${best.peakMiB.toFixed(0)} MiB`);
  return best;
}

const out = mkdtempSync(join(tmpdir(), 'delineate-bench-out-'));
const volumeMiB = (512 * 512 * slices * 2) / 2 ** 20;
console.log(`CT series 512×512×${slices} (${volumeMiB.toFixed(0)} MiB as int16), best of 3`);
const ours = timed('delineate', process.execPath, [join(repo, 'bin/delineate.js'), 'convert', cache, '--out', join(out, 'ours.nii')]);
const ref = timed('dcm2niix', 'dcm2niix', ['-z', 'n', '-b', 'n', '-o', out, '-f', 'ref', cache]);
console.log(`time ratio delineate/dcm2niix: ${(ours.seconds / ref.seconds).toFixed(2)}`);
console.log(`peak memory delineate / volume size: ${(ours.peakMiB / volumeMiB).toFixed(2)}`);
