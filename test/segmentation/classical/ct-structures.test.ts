import { describe, expect, it } from 'vitest';
import { loadSeriesFromFolder } from '../../../core/import/load-series.js';
import { segmentCtClassical, externalContour } from '../../../core/segmentation/classical/ct-structures.js';
import type { ImageVolume } from '../../../core/volume/image-volume.js';
import { fixture } from '../../support/paths.js';

function dice(a: Uint8Array, b: Uint8Array): number {
  let both = 0, sa = 0, sb = 0;
  for (let n = 0; n < a.length; n++) {
    both += a[n]! & b[n]!;
    sa += a[n]!;
    sb += b[n]!;
  }
  return (2 * both) / (sa + sb);
}

function count(m: Uint8Array): number {
  return m.reduce((s, v) => s + v, 0);
}

/** Deterministic noise (xorshift) so the test holds exact values. */
function noisy(v: ImageVolume, sigma: number): Float32Array {
  let x = 2463534242;
  const next = (): number => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
  const out = new Float32Array(v.data.length);
  for (let n = 0; n < out.length; n++) {
    // Box–Muller
    const u = Math.max(next(), 1e-12), w = next();
    out[n] = (v.data[n] as number) + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }
  return out;
}

describe('classical CT auto-contours on a real CT (mirp-sts STS_002)', async () => {
  const { volume } = await loadSeriesFromFolder(fixture('mirp-sts/STS_002/CT/dicom/image'));
  const [nx, ny, nz] = volume.dims;
  const structures = segmentCtClassical(volume.data, volume);
  const byName = new Map(structures.map((s) => [s.name, s]));

  it('External holds the body: every voxel above -350 HU in the main body, with its internal air filled', () => {
    const external = byName.get('External')!.mask;
    let soft = 0, softInside = 0;
    for (let n = 0; n < external.length; n++) {
      if ((volume.data[n] as number) > 0) {
        soft++;
        softInside += external[n]!;
      }
    }
    // This crop of a thigh has no couch in view; the body fills much of it.
    expect(softInside / soft).toBeGreaterThan(0.999);
    const fraction = count(external) / (nx * ny * nz);
    expect(fraction).toBeGreaterThan(0.3);
    expect(fraction).toBeLessThan(1);
  });

  it('Bones lie inside External and are dense', () => {
    const bones = byName.get('Bones')!.mask;
    const external = byName.get('External')!.mask;
    let outside = 0, sum = 0;
    for (let n = 0; n < bones.length; n++) {
      if (bones[n] && !external[n]) outside++;
      if (bones[n]) sum += volume.data[n] as number;
    }
    expect(outside).toBe(0);
    expect(count(bones)).toBeGreaterThan(1000);
    expect(sum / count(bones)).toBeGreaterThan(300);
  });

  it('is robust to noise: σ = 40 HU changes External and Bones by little', () => {
    const noisyHu = noisy(volume, 40);
    const again = new Map(segmentCtClassical(noisyHu, volume).map((s) => [s.name, s.mask]));
    expect(dice(again.get('External')!, byName.get('External')!.mask)).toBeGreaterThan(0.99);
    expect(dice(again.get('Bones')!, byName.get('Bones')!.mask)).toBeGreaterThan(0.9);
  });

  it('excludes a couch joined to the body by a thin contact, and streak artefacts outside the body', () => {
    // The crop reaches the image edge, so extend the grid posteriorly (+j is +y, posterior) with
    // 60 rows of air, and lay a 2 cm couch top there, 8 mm below the body, joined to it by a
    // 2 mm strut; add bright streaks through the air.
    const extra = 60;
    const py = ny + extra;
    const hu = new Float32Array(nx * py * nz).fill(-1000);
    const cut = new Uint8Array(hu.length);
    for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) hu[i + nx * (j + py * k)] = volume.data[i + nx * (j + ny * k)] as number;
    const couchTop = ny + 8;
    for (let k = 0; k < nz; k++) for (let j = ny; j < py; j++) for (let i = 0; i < nx; i++) {
      const n = i + nx * (j + py * k);
      if (j >= couchTop && j < couchTop + 20) { hu[n] = 100; cut[n] = 1; }
      if (i >= Math.floor(nx / 2) && i < Math.floor(nx / 2) + 2 && j < couchTop) { hu[n] = 100; cut[n] = 1; }
      if (j > couchTop + 25 && i % 7 === 0) hu[n] = 800; // streaks in the air
    }
    const grid = { dims: [nx, py, nz] as const, ijkToLps: volume.ijkToLps };
    const withCouch = externalContour(hu, grid);
    let leaked = 0, streaks = 0, bodyKept = 0, bodyTotal = 0;
    const original = byName.get('External')!.mask;
    for (let k = 0; k < nz; k++) for (let j = 0; j < py; j++) for (let i = 0; i < nx; i++) {
      const n = i + nx * (j + py * k);
      if (withCouch[n] && cut[n]) leaked++;
      if (withCouch[n] && j > couchTop + 25) streaks++;
      if (j < ny && original[i + nx * (j + ny * k)]) {
        bodyTotal++;
        bodyKept += withCouch[n]!;
      }
    }
    expect(leaked).toBe(0);
    expect(streaks).toBe(0);
    // The body next to the removed couch keeps its surface (only the strut goes).
    expect(bodyKept / bodyTotal).toBeGreaterThan(0.995);
  });
});
