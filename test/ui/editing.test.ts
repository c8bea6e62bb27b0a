import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Triple, VolumeMeta } from '../../core/api/contract.js';
import { invert } from '../../core/geometry/mat4.js';
import { mat4, vec3 } from '../../core/geometry/spaces.js';
import { applyEdit } from '../../core/workspace/apply-edit.js';
import { BrushStroke } from '../../renderer/src/editing/brush-stroke.js';
import { allocateResliced, reslice } from '../../renderer/src/viewer/reslice.js';
import { planeFor, VIEW_AXES } from '../../renderer/src/viewer/view-geometry.js';
import type { Rgba } from './support/png.js';
import { decodePng } from './support/png.js';
import { colourFraction } from './support/pixels.js';
import type { UiSession } from './support/ui-session.js';
import { ARTEFACTS, framesOf, sampleStudySession } from './support/ui-session.js';

/**
 * Contour editing in headless Chromium against the real backend (loopback web host), on the
 * bundled mirp-sts CT (161×143×48, 0.977×0.977×3.27 mm): a structure is created in the structure
 * panel, painted with the brush and drawn as a polygon with the mouse on the axial view, grown by a
 * margin, combined by a Boolean, erased, undone and redone; the volumes in the structure list are
 * checked against the drawn geometry, and the pixels against the structure colours.
 *
 * Tolerances: a 2D shape rasterised by voxel centres has a voxel count within about one voxel row
 * along its outline of its area (PS: both shapes are drawn at 45° to the grid, so the outline error
 * averages out instead of adding up along a straight grid-aligned edge); 5 % covers that for these
 * sizes. Undo and redo are exact: the backend restores the saved masks.
 */
const BRUSH_COLOUR: Triple = [0, 255, 0];
const POLY_COLOUR: Triple = [255, 0, 255];
const BRUSH_RADIUS_MM = 6;
/** The stroke: 40 mm along the diagonal, centred 30 mm anterior of the view centre. */
const STROKE_MM = 40;
/** The polygon: a square standing on a corner (a diamond), centre to corner 15 mm, 30 mm posterior of the view centre. */
const DIAMOND_MM = 15;
const MARGIN_MM = 2;
const ERASER_RADIUS_MM = 3;

let session: UiSession;
let meta: VolumeMeta;

const hex = (c: Triple): string => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
/** Volume of a 2D area (mm²) drawn on one slice: the slice spacing is the third voxel side. */
const sliceCc = (areaMm2: number): number => (areaMm2 * meta.spacingMm[2]) / 1000;

async function shot(name: string, testId: string): Promise<Rgba> {
  const png = await session.page.getByTestId(testId).screenshot();
  writeFileSync(join(ARTEFACTS, `${name}.png`), png);
  return decodePng(png);
}

/** The volume the structure list shows (cc, two decimals). */
async function listedCc(name: string): Promise<number> {
  return Number(await session.page.locator(`[data-testid="structure-row"][data-name="${name}"] td.num`).textContent());
}

/** Every structure's exact volume, as the backend has it saved. */
async function savedVolumes(): Promise<Record<string, number>> {
  const state = await session.backend.api.workspace({ seriesUid: meta.seriesInstanceUid });
  return Object.fromEntries(state.changed.map((s) => [s.name, s.volumeCc]));
}

/** The voxel indices (i, j, k) of a saved structure. */
async function savedVoxels(name: string): Promise<Triple[]> {
  const state = await session.backend.api.workspace({ seriesUid: meta.seriesInstanceUid });
  const s = state.changed.find((p) => p.name === name)!;
  if (!s.box) return [];
  const mask = new Uint8Array(s.mask);
  const [i0, j0, k0] = s.box.lo;
  const [nx, ny] = [s.box.hi[0] - i0 + 1, s.box.hi[1] - j0 + 1];
  const out: Triple[] = [];
  mask.forEach((v, n) => {
    if (v === 1) out.push([i0 + (n % nx), j0 + (Math.floor(n / nx) % ny), k0 + Math.floor(n / (nx * ny))]);
  });
  return out;
}

/**
 * An isotropic margin by brute force, independent of core/editing: every voxel whose centre lies
 * within `mm` of a voxel centre of the structure (distance in patient space through the affine).
 */
function bruteForceMargin(voxels: readonly Triple[], mm: number): number {
  const L = meta.ijkToLps;
  const reach = [0, 1, 2].map((a) => Math.ceil(mm / meta.spacingMm[a]!));
  const lo = [0, 1, 2].map((a) => Math.max(0, Math.min(...voxels.map((v) => v[a]!)) - reach[a]!));
  const hi = [0, 1, 2].map((a) => Math.min(meta.dims[a]! - 1, Math.max(...voxels.map((v) => v[a]!)) + reach[a]!));
  let count = 0;
  for (let k = lo[2]!; k <= hi[2]!; k++) for (let j = lo[1]!; j <= hi[1]!; j++) for (let i = lo[0]!; i <= hi[0]!; i++) {
    const near = voxels.some(([a, b, c]) => {
      const di = i - a, dj = j - b, dk = k - c;
      const x = L[0]! * di + L[1]! * dj + L[2]! * dk, y = L[4]! * di + L[5]! * dj + L[6]! * dk, z = L[8]! * di + L[9]! * dj + L[10]! * dk;
      return x * x + y * y + z * z <= mm * mm;
    });
    if (near) count++;
  }
  return count;
}

async function waitForEdits(): Promise<void> {
  await expect.poll(() => session.page.getByTestId('canvas-axial').getAttribute('data-pending'), { timeout: 60_000 }).toBe('0');
  await expect.poll(() => session.page.getByTestId('edit-busy').count(), { timeout: 60_000 }).toBe(0);
}

/** Screen position (CSS px) of a point given in mm right and down of the axial view's centre. */
async function axialPoint(): Promise<(rightMm: number, downMm: number) => [number, number]> {
  const canvas = session.page.getByTestId('canvas-axial');
  const box = (await canvas.boundingBox())!;
  const mmPerCanvasPx = Number(await canvas.getAttribute('data-mm-per-pixel'));
  const mmPerCssPx = (mmPerCanvasPx * Number(await canvas.getAttribute('width'))) / box.width;
  return (rightMm, downMm) => [box.x + box.width / 2 + rightMm / mmPerCssPx, box.y + box.height / 2 + downMm / mmPerCssPx];
}

async function createStructure(name: string, colour: Triple): Promise<void> {
  const { page } = session;
  await page.getByTestId('create-name').fill(name);
  await page.getByTestId('create-color').fill(hex(colour));
  await page.getByTestId('create-start').click();
  await expect.poll(() => page.locator(`[data-testid="structure-row"][data-name="${name}"]`).count(), { timeout: 30_000 }).toBe(1);
}

/** The structure the drawing tools act on, by name ('' when none). */
async function editTarget(): Promise<string> {
  const select = session.page.getByTestId('edit-structure');
  return (await select.inputValue()) === '' ? '' : ((await select.locator('option:checked').textContent()) ?? '');
}

async function blur(): Promise<void> {
  // The test project has no DOM types: the page script is given as text.
  await session.page.evaluate('document.activeElement && document.activeElement.blur()');
}

sampleStudySession('editing-window.png', (s) => (session = s));

/**
 * Mismatches between the brush preview (renderer/src/editing/brush-stroke.ts, per canvas pixel)
 * and the mask the backend paints for the same stroke (core/workspace/apply-edit.ts), over every
 * pixel of a view: a pixel disagrees when the voxel it shows is painted by one and not the other.
 */
function previewMismatches(shape: 'circle' | 'sphere'): { mismatches: number; covered: number } {
  // Non-square pixels and a view halfway between two slices (the grid centre of an even slice count), zoomed and panned.
  const ijkToLps = mat4<'IJK', 'LPS'>([0.9, 0, 0, -30, 0, 0.7, 0, -20, 0, 0, 2.5, 10, 0, 0, 0, 1]);
  const grid = { dims: [80, 70, 12] as [number, number, number], ijkToLps, lpsToIjk: invert(ijkToLps) };
  const crosshair = vec3<'LPS'>(-30 + 0.9 * 39.5, -20 + 0.7 * 34.5, 10 + 2.5 * 5.5);
  const plane = planeFor(VIEW_AXES.axial, crosshair, grid.dims, ijkToLps, { zoom: 1.7, panMm: [3, -2] }, 300, 260);
  const resliced = allocateResliced(plane.width, plane.height);
  reslice({ ...grid, data: new Int16Array(80 * 70 * 12) }, plane, resliced);
  const stroke = new BrushStroke({ structureId: 's', mode: 'paint', shape, radiusMm: 4.3, normal: VIEW_AXES.axial.normal }, plane, grid);
  for (let n = 0; n <= 40; n++) stroke.extend(60 + 4 * n, 80 + 60 * Math.sin(n / 7), resliced.ijk);
  const empty = new Uint8Array(80 * 70 * 12);
  const structures = new Map([['s', { content: { id: 's', name: 'S', color: [0, 255, 0] as Triple, interpretedType: '', source: 'drawn' as const, origin: '', rule: '', warnings: [] }, mask: empty, voxelCount: 0 }]]);
  const outcome = applyEdit(stroke.command(), { grid, structures, newId: () => 'n', locked: () => null, hidden: () => null, fromAiDraft: () => false, rejected: () => null });
  const mask = outcome.changed[0]!.mask;
  let mismatches = 0, covered = 0;
  for (let n = 0; n < plane.width * plane.height; n++) {
    const [i, j, k] = [0, 1, 2].map((a) => Math.round(resliced.ijk[3 * n + a]!)) as [number, number, number];
    const inGrid = i >= 0 && j >= 0 && k >= 0 && i < 80 && j < 70 && k < 12;
    const backend = inGrid && mask[i + 80 * (j + 70 * k)] === 1;
    if (backend !== (stroke.covered[n] === 1)) mismatches++;
    if (backend) covered++;
  }
  return { mismatches, covered };
}

describe('brush preview against the backend (no browser)', () => {
  it('the preview paints exactly the voxels the backend paints, for a circle and a sphere', () => {
    for (const shape of ['circle', 'sphere'] as const) {
      const { mismatches, covered } = previewMismatches(shape);
      expect(covered, shape).toBeGreaterThan(5000);
      expect(mismatches, shape).toBe(0);
    }
  });
});

describe('contour editing through the web host (headless Chromium, real backend)', () => {
  it('imports the sample, names the reviewer and opens the CT', async () => {
    const { page } = session;
    await page.getByTestId('import-sample').click();
    await expect.poll(() => page.getByTestId('series-CT').count(), { timeout: 60_000 }).toBe(1);
    // Edits are refused until the reviewer is named; the form is open on first run.
    await page.getByTestId('settings-family').fill('Dosimetrist');
    await page.getByTestId('settings-given').fill('Test');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('reviewer-current').textContent()).toContain('Test Dosimetrist');
    await page.getByTestId('series-CT').click();
    await expect.poll(() => framesOf(page, 'canvas-axial'), { timeout: 90_000 }).toBeGreaterThan(0);
    const patients = await session.backend.api.listPatients({});
    const studies = await session.backend.api.listStudies({ patientId: patients[0]!.patientId });
    const series = await session.backend.api.listSeries({ studyUid: studies[0]!.studyInstanceUid });
    const ct = series.find((s) => s.modality === 'CT')!;
    meta = (await session.backend.api.loadVolume({ jobId: 'test-meta', seriesUid: ct.seriesInstanceUid })).meta;
    expect(meta.dims).toEqual([161, 143, 48]);
    await expect.poll(() => page.getByTestId('edit-toolbar').count()).toBe(1);
  });

  it('paints a brush stroke: drawn at once, then one edit whose volume is the stroke area times the slice spacing', async () => {
    const { page } = session;
    await createStructure('Brush', BRUSH_COLOUR);
    // A structure just created becomes the drawing target.
    await expect.poll(editTarget).toBe('Brush');
    expect(await page.getByTestId('undo').getAttribute('title')).toContain('Brush');
    await page.getByTestId('tool-brush').click();
    await page.getByTestId('brush-radius').fill(String(BRUSH_RADIUS_MM));
    await blur();
    const at = await axialPoint();
    const half = STROKE_MM / 2 / Math.SQRT2;
    const start = at(-half, -30 - half);
    const end = at(half, -30 + half);
    await page.mouse.move(...start);
    await page.mouse.down();
    await page.mouse.move(...end, { steps: 25 });
    // Before the release nothing has been sent: what shows is the local preview.
    expect(await page.getByTestId('canvas-axial').getAttribute('data-pending')).toBe('0');
    const preview = colourFraction(await shot('edit-brush-preview', 'view-axial'), BRUSH_COLOUR, 10);
    expect(preview, 'preview outline pixels in the structure colour').toBeGreaterThan(0.0005);
    await page.mouse.up();
    await waitForEdits();
    const expected = sliceCc(2 * BRUSH_RADIUS_MM * STROKE_MM + Math.PI * BRUSH_RADIUS_MM ** 2);
    await expect.poll(() => listedCc('Brush'), { timeout: 30_000 }).toBeGreaterThan(0);
    const cc = await listedCc('Brush');
    expect(Math.abs(cc - expected) / expected, `brush ${cc} cc, expected ${expected.toFixed(3)} cc`).toBeLessThan(0.05);
    // The backend's mask draws the same outline the preview drew.
    const final = colourFraction(await shot('edit-brush', 'view-axial'), BRUSH_COLOUR, 10);
    expect(final / preview).toBeGreaterThan(0.9);
    expect(final / preview).toBeLessThan(1.1);
  });

  it('keeps the wheel and right-drag window working with a drawing tool', async () => {
    const { page } = session;
    const position = page.getByTestId('position-axial');
    const before = await position.textContent();
    const window = await page.locator('.view-window').first().textContent();
    await page.getByTestId('canvas-axial').hover();
    await page.mouse.wheel(0, 100);
    await expect.poll(() => position.textContent()).not.toBe(before);
    await page.mouse.wheel(0, -100);
    await expect.poll(() => position.textContent()).toBe(before);
    const [x, y] = (await axialPoint())(60, 0);
    await page.mouse.move(x, y);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(x + 40, y + 10, { steps: 4 });
    await page.mouse.up({ button: 'right' });
    await expect.poll(() => page.locator('.view-window').first().textContent()).not.toBe(window);
    // Windowing sent no edit.
    expect(await page.getByTestId('canvas-axial').getAttribute('data-pending')).toBe('0');
  });

  it('draws a polygon closed on its first vertex: the area of the diamond', async () => {
    const { page } = session;
    await createStructure('Poly', POLY_COLOUR);
    await expect.poll(editTarget).toBe('Poly');
    await page.getByTestId('tool-polygon').click();
    const at = await axialPoint();
    const corners: [number, number][] = [[0, 30 - DIAMOND_MM], [DIAMOND_MM, 30], [0, 30 + DIAMOND_MM], [-DIAMOND_MM, 30]];
    for (const [r, d] of corners) {
      await page.mouse.click(...at(r, d));
      await page.waitForTimeout(300); // two quick clicks would be a double-click, which closes the polygon
    }
    await page.mouse.click(...at(corners[0]![0], corners[0]![1]));
    await waitForEdits();
    const expected = sliceCc(2 * DIAMOND_MM ** 2);
    await expect.poll(() => listedCc('Poly'), { timeout: 30_000 }).toBeGreaterThan(0);
    const cc = await listedCc('Poly');
    expect(Math.abs(cc - expected) / expected, `polygon ${cc} cc, expected ${expected.toFixed(3)} cc`).toBeLessThan(0.05);
    expect(colourFraction(await shot('edit-polygon', 'view-axial'), POLY_COLOUR, 10)).toBeGreaterThan(0.0005);
  });

  it('grows the stroke by a margin and unites it with the polygon', async () => {
    const { page } = session;
    await page.getByTestId('open-margin').click();
    await page.getByTestId('margin-source').selectOption('Brush');
    await page.getByTestId('margin-mm').fill(String(MARGIN_MM));
    await page.getByTestId('margin-output').fill('Brush_PRV');
    await page.getByTestId('margin-run').click();
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Brush_PRV"]').count(), { timeout: 60_000 }).toBe(1);
    // Exactly the voxels within 2 mm of the stroke's voxels, counted by brute force.
    const saved = await savedVolumes();
    const voxelCc = saved['Brush']! / (await savedVoxels('Brush')).length;
    const expectedVoxels = bruteForceMargin(await savedVoxels('Brush'), MARGIN_MM);
    expect((await savedVoxels('Brush_PRV')).length).toBe(expectedVoxels);
    expect(Math.abs((await listedCc('Brush_PRV')) - expectedVoxels * voxelCc)).toBeLessThanOrEqual(0.005);
    // And in geometry: 2 mm is less than the slice spacing (3.27 mm), so the margin stays on the
    // slice: a stroke of radius r + 2 mm less up to half a voxel diagonal (the margin is measured
    // from the voxel centres, and the outermost centres of the stroke lie up to that far inside its edge).
    const grown = (r: number): number => sliceCc(2 * r * STROKE_MM + Math.PI * r * r);
    const halfDiagonal = Math.hypot(meta.spacingMm[0], meta.spacingMm[1]) / 2;
    const cc = await listedCc('Brush_PRV');
    expect(cc, 'margin volume').toBeGreaterThan(0.97 * grown(BRUSH_RADIUS_MM + MARGIN_MM - halfDiagonal));
    expect(cc, 'margin volume').toBeLessThan(1.03 * grown(BRUSH_RADIUS_MM + MARGIN_MM));

    await page.getByTestId('open-boolean').click();
    await page.getByTestId('boolean-a').selectOption('Brush');
    await page.getByTestId('boolean-op').selectOption('|');
    await page.getByTestId('boolean-b').selectOption('Poly');
    await page.getByTestId('boolean-output').fill('Both');
    await page.getByTestId('boolean-run').click();
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Both"]').count(), { timeout: 60_000 }).toBe(1);
    // The two are disjoint: the union holds exactly the voxels of both.
    const united = await savedVolumes();
    expect(united['Both']).toBeCloseTo(united['Brush']! + united['Poly']!, 9);
    expect(Math.abs((await listedCc('Both')) - ((await listedCc('Brush')) + (await listedCc('Poly'))))).toBeLessThanOrEqual(0.011);
  });

  it('undoes and redoes with the keyboard and the buttons; the volumes return exactly', async () => {
    const { page } = session;
    await waitForEdits();
    const withBoth = await savedVolumes();
    const beforeBoth = Object.fromEntries(Object.entries(withBoth).filter(([name]) => name !== 'Both'));
    const beforeMargin = Object.fromEntries(Object.entries(beforeBoth).filter(([name]) => name !== 'Brush_PRV'));
    expect(await page.getByTestId('undo').getAttribute('title')).toContain('Both');
    await blur();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Both"]').count(), { timeout: 30_000 }).toBe(0);
    expect(await savedVolumes()).toEqual(beforeBoth);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Brush_PRV"]').count(), { timeout: 30_000 }).toBe(0);
    expect(await savedVolumes()).toEqual(beforeMargin);
    await page.keyboard.press('Control+y');
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Brush_PRV"]').count(), { timeout: 30_000 }).toBe(1);
    await waitForEdits();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Both"]').count(), { timeout: 30_000 }).toBe(1);
    await waitForEdits();
    expect(await savedVolumes()).toEqual(withBoth);
    await expect.poll(() => page.getByTestId('redo').isDisabled()).toBe(true);
  });

  it('erases a disc from the polygon, and undo puts it back exactly', async () => {
    const { page } = session;
    await page.getByTestId('edit-structure').selectOption({ label: 'Poly' });
    await page.getByTestId('tool-eraser').click();
    await page.getByTestId('brush-radius').fill(String(ERASER_RADIUS_MM));
    await blur();
    const before = (await savedVolumes())['Poly']!;
    const at = await axialPoint();
    await page.mouse.move(...at(0, 30));
    await page.mouse.down();
    await page.mouse.up();
    await waitForEdits();
    await expect.poll(async () => (await savedVolumes())['Poly']!, { timeout: 30_000 }).toBeLessThan(before);
    const removed = before - (await savedVolumes())['Poly']!;
    // A 3 mm disc holds 25–33 voxel centres of 0.977 mm pixels wherever it is put.
    const expected = sliceCc(Math.PI * ERASER_RADIUS_MM ** 2);
    expect(Math.abs(removed - expected) / expected, `erased ${removed} cc, expected ${expected.toFixed(4)} cc`).toBeLessThan(0.15);
    // Both was built from Poly: the list flags it out of date, saying why.
    const bothFlag = page.locator('[data-testid="structure-row"][data-name="Both"] [data-testid="structure-outdated"]');
    await expect.poll(() => bothFlag.count(), { timeout: 30_000 }).toBe(1);
    expect(await bothFlag.getAttribute('title')).toBe('Both was built from Poly, which has changed since: run Both = Brush | Poly again');
    // The export panel names it before any click, and Export waits for the rule to run again.
    expect(await page.getByTestId('export-outdated').textContent()).toBe('Out of date, so not exportable until their rules run again: Both.');
    expect(await page.getByTestId('export-start').isDisabled()).toBe(true);
    await shot('edit-eraser', 'view-axial');
    await blur();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await savedVolumes())['Poly'], { timeout: 30_000 }).toBe(before);
    await expect.poll(() => bothFlag.count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('export-outdated').count()).toBe(0);
  });

  it('never offers a locked structure as the target, and shows a refused edit in the toolbar', async () => {
    const { page } = session;
    // Poly is selected already (choosing the drawing target selects it in the list); select it if not.
    const select = page.locator('[data-testid="structure-row"][data-name="Poly"] [data-testid="structure-select"]');
    if ((await select.getAttribute('aria-pressed')) !== 'true') await select.click();
    await page.getByTestId('review-open').click();
    await expect.poll(() => page.getByTestId('review-approve').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('review-approve').click();
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Poly"]').getAttribute('data-state'), { timeout: 30_000 }).toBe('approved');
    const offered = await page.getByTestId('edit-structure').locator('option').allTextContents();
    expect(offered).not.toContain('Poly');
    expect(offered).toContain('Brush');
    expect(await editTarget()).toBe('');
    // A second structure named Brush is refused by the backend; the reason shows in the toolbar.
    await page.getByTestId('create-name').fill('Brush');
    await page.getByTestId('create-start').click();
    await expect.poll(() => page.getByTestId('edit-error').textContent(), { timeout: 30_000 }).toMatch(/already exists/);
    expect(await page.getByTestId('edit-error').getAttribute('role')).toBe('alert');
    // The next edit clears that reason as it starts, not when it ends (held back here, so the
    // moment between is long enough to look at).
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/editStructures', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId('create-name').fill('Brush_2');
    await page.getByTestId('create-start').click();
    await expect.poll(() => page.getByTestId('edit-busy').count()).toBe(1);
    expect(await page.getByTestId('edit-error').count()).toBe(0);
    release();
    await expect.poll(() => page.locator('[data-testid="structure-row"][data-name="Brush_2"]').count(), { timeout: 30_000 }).toBe(1);
    await page.unroute('**/api/editStructures');
    await page.screenshot({ path: join(ARTEFACTS, 'editing-toolbar.png') });
    expect(session.pageErrors).toEqual([]);
  });
});
