/**
 * The one-click lesion tool in headless Chromium against the real backend: a copy of the sample's
 * real T1 MR series (mirp-sts STS_002, 0.98×0.98×3.27 mm) with an enhancing 14 mm sphere written
 * into its pixels at the centre of the volume, imported as its own series. Choosing the lesion tool
 * and clicking the lesion on the axial view gives GTV_1 (typed GTV, SEMIAUTOMATIC) whose volume is
 * the sphere's; a click outside the image is refused with the reason and changes nothing.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StructurePayload } from '../../core/api/contract.js';
import { fixture, tempDir } from '../support/paths.js';
import { rewriteDicom } from '../support/rewrite-dicom.js';
import { readDicomFile } from '../../core/dicom/read-dicom-file.js';
import type { UiSession } from './support/ui-session.js';
import { framesOf, sampleStudySession } from './support/ui-session.js';

const SOURCE = fixture('mirp-sts/STS_002/MR_T1/dicom/image');
const RADIUS_MM = 7;
/** Brighter than anything in this T1 (its 99th percentile is about 1,000). */
const LESION_LEVEL = 3000;
const UID_ROOT = '1.2.826.0.1.3680043.10.1.99';

let session: UiSession;
sampleStudySession('lesion-window.png', (s) => (session = s));

/**
 * The series copied with new series and instance UIDs and the sphere written into its pixels:
 * every pixel whose centre is within RADIUS_MM of the volume's centre. Returns the folder and how
 * many voxels the sphere covers.
 */
function phantomSeries(): { folder: string; voxels: number } {
  const folder = join(tempDir('delineate-lesion-series-'), 'series');
  mkdirSync(folder);
  const files = readdirSync(SOURCE).sort();
  // Geometry from the files themselves: axial, rows along +y, columns along +x (checked below).
  const headers = files.map((name) => readDicomFile(join(SOURCE, name)).dataset);
  const positions = headers.map((d) => d['ImagePositionPatient'] as number[]);
  const rows = headers[0]!['Rows'] as number, cols = headers[0]!['Columns'] as number;
  const spacing = headers[0]!['PixelSpacing'] as number[];
  for (const d of headers) expect(d['ImageOrientationPatient']).toEqual([1, 0, 0, 0, 1, 0]);
  const zs = positions.map((p) => p[2]!).sort((a, b) => a - b);
  const centre = [positions[0]![0]! + ((cols - 1) / 2) * spacing[1]!, positions[0]![1]! + ((rows - 1) / 2) * spacing[0]!, (zs[0]! + zs.at(-1)!) / 2];
  let voxels = 0;
  files.forEach((name, n) => rewriteDicom(join(SOURCE, name), join(folder, name), (meta, ds) => {
    const z = (ds['ImagePositionPatient'] as number[])[2]!;
    const pixels = new Int16Array((ds['PixelData'] as ArrayBuffer[])[0]!);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x = positions[0]![0]! + c * spacing[1]!, y = positions[0]![1]! + r * spacing[0]!;
        if ((x - centre[0]!) ** 2 + (y - centre[1]!) ** 2 + (z - centre[2]!) ** 2 > RADIUS_MM ** 2) continue;
        pixels[r * cols + c] = LESION_LEVEL;
        voxels++;
      }
    }
    ds['SeriesInstanceUID'] = `${UID_ROOT}.1`;
    ds['SeriesDescription'] = 'Lesion phantom';
    ds['SeriesNumber'] = 99;
    ds['SOPInstanceUID'] = `${UID_ROOT}.2.${n + 1}`;
    meta['MediaStorageSOPInstanceUID'] = ds['SOPInstanceUID'];
  }));
  return { folder, voxels };
}

async function structures(seriesUid: string): Promise<readonly StructurePayload[]> {
  return (await session.backend.api.workspace({ seriesUid })).changed;
}

describe('one-click lesion through the web host (headless Chromium, real backend)', () => {
  it('a click on an enhancing lesion gives GTV_1 with its volume; a click outside the image is refused', async () => {
    const { page } = session;
    const phantom = phantomSeries();
    await page.getByTestId('settings-family').fill('Dosimetrist');
    await page.getByTestId('settings-given').fill('Test');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('reviewer-current').textContent()).toContain('Test Dosimetrist');
    await page.getByTestId('import-path').fill(phantom.folder);
    await page.getByTestId('import-start').click();
    const series = page.getByTestId('series-MR').filter({ hasText: 'Lesion phantom' });
    await expect.poll(() => series.count(), { timeout: 60_000 }).toBe(1);
    await series.click();
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 90_000 }).toBeGreaterThan(0);
    const seriesUid = `${UID_ROOT}.1`;
    expect(await structures(seriesUid)).toEqual([]);

    await page.getByTestId('tool-lesion').click();
    const canvas = page.getByTestId('canvas-axial');
    const box = (await canvas.boundingBox())!;
    // The axial view opens on the centre of the volume: the lesion's centre.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="GTV_1"]').count(), { timeout: 30_000 }).toBe(1);
    const [gtv] = await structures(seriesUid);
    expect(gtv!.name).toBe('GTV_1');
    expect(gtv!.interpretedType).toBe('GTV');
    expect(gtv!.review.generationAlgorithm).toBe('SEMIAUTOMATIC');
    expect(gtv!.voxelCount).toBe(phantom.voxels);

    // The view's corner lies outside the image (the grid is drawn fitted, black round it): refused, nothing added.
    await page.mouse.click(box.x + 3, box.y + 3);
    await expect.poll(() => page.getByTestId('edit-error').textContent(), { timeout: 30_000 }).toMatch(/outside the image/);
    expect((await structures(seriesUid)).map((s) => s.name)).toEqual(['GTV_1']);
    expect(session.pageErrors).toEqual([]);
  });
});
