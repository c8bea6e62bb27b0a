import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRtStruct } from '../../core/rt/read-rtstruct.js';
import { dciodvfy } from '../support/tools.js';
import { fixture } from '../support/paths.js';
import { seriesWithGap } from '../support/series-gap.js';
import { openAuditLog } from '../../core/audit/index.js';
import { STORE_FILE_NAME } from '../../core/store/index.js';
import type { Rgba } from './support/png.js';
import { decodePng } from './support/png.js';
import { colourFraction, imageStats, looksRendered, redFraction } from './support/pixels.js';
import type { UiSession } from './support/ui-session.js';
import { ARTEFACTS, framesOf, sampleStudySession } from './support/ui-session.js';

/**
 * The renderer in headless Chromium against the real backend through the loopback web host:
 * the bundled sample study (mirp-sts STS_002) is imported from the first-run offer, the CT opens
 * in three 2D views and the 3D view, the pixels prove each view drew the image, the study's
 * RTSTRUCT is drawn on them; then the MR is auto-contoured and the result exported and validated.
 * The steps run in order in one window, as a user would take them.
 */
const VIEWS = ['axial', 'sagittal', 'coronal'] as const;
/** Views draw outside the grid black; the 3D view's background is (0.06, 0.07, 0.1). */
const BLACK = [0, 0, 0] as const;
const BACKGROUND_3D = [15, 18, 26] as const;

let session: UiSession;

async function shot(name: string, testId: string): Promise<Rgba> {
  const png = await session.page.getByTestId(testId).screenshot();
  writeFileSync(join(ARTEFACTS, `${name}.png`), png);
  return decodePng(png);
}

async function waitForNewFrame(testId: string, after: number): Promise<void> {
  await expect.poll(() => framesOf(session.page, testId), { timeout: 90_000 }).toBeGreaterThan(after);
}

sampleStudySession('viewer-window.png', (s) => (session = s));

describe('viewer through the web host (headless Chromium, real backend)', () => {
  it('the pixel checks reject a black and a uniform image', () => {
    const black: Rgba = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(0) };
    const grey: Rgba = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(128) };
    expect(looksRendered(imageStats(black, BLACK))).toBe(false);
    expect(looksRendered(imageStats(grey, BLACK))).toBe(false);
  });

  it('cancels an import: nothing is recorded', async () => {
    const { page } = session;
    await page.getByTestId('import-sample').click();
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 60_000 }).toBe('Import cancelled; nothing was recorded.');
    expect(await session.backend.api.listPatients({})).toEqual([]);
  });

  it('offers the bundled sample study on first run and imports it with a report', async () => {
    const { page } = session;
    await page.getByTestId('import-sample').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 60_000 }).toContain('Imported');
    await expect.poll(() => page.getByTestId('series-CT').count()).toBe(1);
    expect(await page.getByTestId('series-MR').count()).toBe(1);
    // The sample holds NIfTI copies and README files beside the DICOM: each is listed with its reason.
    const report = (await page.getByTestId('import-report').textContent()) ?? '';
    expect(report).toMatch(/Skipped file/);
  });

  it('opens the CT: each 2D view and the 3D view render the image', async () => {
    const { page } = session;
    await page.getByTestId('series-CT').click();
    for (const v of VIEWS) await waitForNewFrame(`canvas-${v}`, 0);
    await waitForNewFrame('view-3d', 0);
    for (const v of VIEWS) {
      const stats = imageStats(await shot(`ct-${v}`, `view-${v}`), BLACK);
      expect(stats, `${v} view`).toSatisfy(looksRendered);
    }
    // Position label of the axial view is in mm along z (superior +).
    expect(await page.getByTestId('position-axial').textContent()).toMatch(/^z = -?\d+\.\d mm$/);
    const stats3d = imageStats(await shot('ct-3d', 'view-3d'), BACKGROUND_3D);
    expect(stats3d, '3D view').toSatisfy((s: typeof stats3d) => looksRendered(s, 0.05));
  });

  it('scrolls, follows a click in another view (linked crosshairs), windows with a preset', async () => {
    const { page } = session;
    const before = await page.getByTestId('position-axial').textContent();
    const frames = await framesOf(page, 'canvas-axial');
    await page.getByTestId('canvas-axial').hover();
    await page.mouse.wheel(0, 100);
    await waitForNewFrame('canvas-axial', frames);
    expect(await page.getByTestId('position-axial').textContent()).not.toBe(before);
    // Linked crosshairs: a click high up in the sagittal view moves the axial plane superior.
    const axialZ = Number(/-?\d+\.\d/.exec((await page.getByTestId('position-axial').textContent()) ?? '')![0]);
    const sagittal = (await page.getByTestId('canvas-sagittal').boundingBox())!;
    await page.mouse.click(sagittal.x + sagittal.width / 2, sagittal.y + sagittal.height * 0.3);
    await expect.poll(async () => Number(/-?\d+\.\d/.exec((await page.getByTestId('position-axial').textContent()) ?? '')![0])).toBeGreaterThan(axialZ + 5);
    const bone = await framesOf(page, 'canvas-axial');
    await page.getByTestId('preset-Bone').click();
    await waitForNewFrame('canvas-axial', bone);
    expect(imageStats(await shot('ct-axial-bone', 'view-axial'), BLACK)).toSatisfy(looksRendered);
  });

  it('loads the study RTSTRUCT onto the CT and draws the GTV in red on the 2D and 3D views', async () => {
    const { page } = session;
    await page.getByTestId('preset-Soft tissue').click();
    // Back to the grid centre (the crosshair), which the sample's GTV contains.
    await page.getByTestId('reset-view').click();
    // Loading structures is recorded with who did it: say who is at the workstation first.
    await page.getByTestId('settings-family').fill('Test');
    await page.getByTestId('settings-given').fill('UI');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('reviewer-current').textContent()).toContain('UI Test');
    const frames = await framesOf(page, 'canvas-axial');
    const frames3d = await framesOf(page, 'view-3d');
    await page.getByTestId('rtstruct-load').click();
    await expect.poll(() => page.getByTestId('structure-row').count(), { timeout: 60_000 }).toBe(1);
    const row = (await page.getByTestId('structure-row').textContent()) ?? '';
    expect(row).toMatch(/GTV_Mass/);
    await waitForNewFrame('canvas-axial', frames);
    await waitForNewFrame('view-3d', frames3d);
    // The sample was cropped 5 cm around the GTV, so the grid centre (the crosshair) lies in it on every view.
    for (const v of VIEWS) {
      // The outline is drawn in the ROI Display Colour itself, one pixel wide: a few hundred pixels.
      const red = colourFraction(await shot(`ct-${v}-gtv`, `view-${v}`), [255, 0, 0], 10);
      expect(red, `${v} view: pure red outline pixels`).toBeGreaterThan(0.001);
    }
    const red3d = redFraction(await shot('ct-3d-gtv', 'view-3d'));
    expect(red3d, '3D view: red surface pixels').toBeGreaterThan(0.01);
  });

  it('auto-contours the CT with the classical contours the picker offers first: External and Bones arrive as AI drafts', async () => {
    const { page } = session;
    await expect.poll(() => page.getByTestId('model-picker').inputValue()).toBe('ct-classical');
    await page.getByTestId('segment-run').click();
    // Sequential reading: the drafts come hidden until the reviewer records a look at the images.
    await expect.poll(() => page.getByTestId('segment-message').textContent(), { timeout: 60_000 }).toMatch(/^2 AI draft\(s\) in .* hidden until you have looked at the images/);
    await page.getByTestId('reveal-drafts').click();
    await expect.poll(() => page.getByTestId('structure-row').count()).toBe(3);
    for (const name of ['External', 'Bones']) {
      const row = page.getByTestId('structure-row').filter({ hasText: name });
      expect(await row.getByTestId('structure-state').textContent(), name).toBe('AI draft r1');
    }
    expect(await page.getByTestId('ai-draft-legend').count()).toBe(1);
    await shot('ct-axial-classical', 'view-axial');
  });

  it('opens the MR with the automatic (1st–99th percentile) window', async () => {
    const { page } = session;
    const frames = await framesOf(page, 'canvas-axial');
    await page.getByTestId('series-MR').click();
    await waitForNewFrame('canvas-axial', frames);
    await expect.poll(() => page.locator('.series-title').textContent(), { timeout: 90_000 }).toMatch(/^MR /);
    for (const v of VIEWS) expect(imageStats(await shot(`mr-${v}`, `view-${v}`), BLACK), `MR ${v} view`).toSatisfy(looksRendered);
    expect(await page.getByTestId('preset-Bone').count()).toBe(0);
  });

  it('cancels an auto-contouring run', async () => {
    const { page } = session;
    await page.getByTestId('segment-run').click();
    await page.getByTestId('segment-cancel').click();
    await expect.poll(() => page.getByTestId('segment-message').textContent(), { timeout: 60_000 }).toBe('Cancelled.');
    expect(await page.getByTestId('structure-row').count()).toBe(0);
  });

  /**
   * The installed models are brain MR models (brainchop). On this thigh MR their "Brain" is not
   * anatomy, but the run exercises the whole path the user takes: picker, per-stage progress,
   * masks on the source grid, drawing, export.
   */
  it('runs a model with per-stage progress, shows its structure, and exports an RTSTRUCT that dciodvfy accepts', async () => {
    const { page } = session;
    await page.getByTestId('model-picker').selectOption('brainchop-brain-mask');
    const frames = await framesOf(page, 'canvas-axial');
    await page.getByTestId('segment-run').click();
    await expect.poll(() => page.locator('[data-testid="segment-progress"] li.seen, [data-testid="segment-progress"] li.current').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('segment-message').textContent(), { timeout: 180_000 }).toMatch(/^1 AI draft\(s\) in .* hidden until you have looked at the images/);
    // Sequential reading (the default): the draft shows only after the reviewer's own look at the images.
    expect(await page.getByTestId('structure-row').count()).toBe(0);
    await page.getByTestId('reveal-drafts').click();
    await expect.poll(() => page.getByTestId('structure-row').count()).toBe(1);
    expect(await page.getByTestId('structure-row').textContent()).toMatch(/Brain/);
    await waitForNewFrame('canvas-axial', frames);
    // The manifest's colour for Brain is (255, 230, 160); its outline is drawn in exactly that colour,
    // dashed and unfilled while it is an AI draft nobody has reviewed, and the views say what that means.
    const outline = colourFraction(await shot('mr-axial-model', 'view-axial'), [255, 230, 160], 10);
    expect(outline, 'model structure outline pixels').toBeGreaterThan(0.0005);
    expect(await page.getByTestId('ai-draft-legend').textContent()).toBe(' dashed, unfilled: AI draft, not reviewed');
    await shot('mr-3d-model', 'view-3d');

    const out = join(session.dataDir, 'export', 'RS_model.dcm');
    await page.getByTestId('export-path').fill(out);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 120_000 }).toContain('Wrote');
    const verdict = dciodvfy(out);
    expect(verdict.errors, verdict.output).toEqual([]);
    expect(readRtStruct(out).rois.map((r) => r.name)).toEqual(['Brain']);
    // The run's provenance is in the study database's audit log: model, version, hash, provider.
    const log = openAuditLog(join(session.dataDir, STORE_FILE_NAME));
    try {
      const runs = log.list().filter((e) => e.action === 'model-run');
      expect(runs.length).toBeGreaterThan(0);
      const details = JSON.stringify(runs.at(-1)!.details);
      expect(details).toMatch(/"id":"brainchop-brain-mask"/);
      expect(details).toMatch(/"provider":"cpu"/);
      expect(details).toMatch(/"weightsSha256":"[0-9a-f]{64}"/);
      expect(log.verify().ok).toBe(true);
    } finally {
      log.close();
    }
    expect(session.pageErrors).toEqual([]);
  });
  it('runs the model again with test-time augmentation: the draft is replaced, its agreement shown, its uncertainty tinted magenta', async () => {
    const { page } = session;
    await page.getByTestId('model-picker').selectOption('brainchop-brain-mask');
    await page.getByTestId('segment-tta').check();
    const frames = await framesOf(page, 'canvas-axial');
    await page.getByTestId('segment-run').click();
    await expect.poll(() => page.getByTestId('segment-message').textContent(), { timeout: 300_000 }).toMatch(/^1 structure\(s\) in /);
    // The images were looked at already, so the new draft shows at once; the untouched draft of the
    // same model is replaced, not duplicated.
    expect(await page.getByTestId('structure-row').count()).toBe(1);
    // A new AI draft is never selected (nor made the drawing target) by itself.
    expect(await page.getByTestId('structure-select').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('structure-select').click();
    await expect.poll(() => page.getByTestId('review-confidence').textContent(), { timeout: 30_000 }).toMatch(/^\d+\.\d % agreement over 2 passes/);
    const agreement = Number((await page.getByTestId('review-confidence').textContent())!.split(' ')[0]) / 100;
    // The list flags it exactly when the agreement is below 90 %.
    expect(await page.getByTestId('low-confidence').count()).toBe(agreement < 0.9 ? 1 : 0);
    await waitForNewFrame('canvas-axial', frames);
    const magenta = (img: Rgba): number => {
      let n = 0;
      for (let p = 0; p < img.data.length; p += 4) {
        const [r, g, b] = [img.data[p]!, img.data[p + 1]!, img.data[p + 2]!];
        if (r - g > 60 && b - g > 60 && Math.abs(r - b) < 40) n++;
      }
      return n / (img.width * img.height);
    };
    const tinted = magenta(await shot('mr-axial-uncertainty', 'view-axial'));
    expect(tinted, 'uncertainty tint on the axial view').toBeGreaterThan(0.0005);
    const before = await framesOf(page, 'canvas-axial');
    await page.getByTestId('show-uncertainty').uncheck();
    await waitForNewFrame('canvas-axial', before);
    expect(magenta(await shot('mr-axial-no-uncertainty', 'view-axial'))).toBeLessThan(tinted / 10);
    await page.getByTestId('show-uncertainty').check();
    expect(session.pageErrors).toEqual([]);
  });

  it('says at import which series has a missing slice, before anyone tries to open it', async () => {
    const { page } = session;
    const gap = await seriesWithGap(fixture('mirp-sts/STS_002/MR_T1/dicom/image'), 10, 'ui-gap-');
    await page.getByTestId('import-path').fill(gap);
    await page.getByTestId('import-start').click();
    await expect.poll(() => page.getByTestId('import-message').textContent(), { timeout: 60_000 }).toContain('Imported from 34 file(s) read');
    const problems = page.getByTestId('import-series-problem');
    expect(await problems.count()).toBe(1);
    expect(await problems.textContent()).toMatch(/^MR \d* 'IBSI_1_STS_002_MR_T1_image': slice positions are not on a regular grid: .*missing slices\?/);
    expect(session.pageErrors).toEqual([]);
  });
});
