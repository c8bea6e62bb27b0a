/**
 * Brush latency: the renderer in headless Chromium against the real backend (loopback web host),
 * on a 512×512 CT slice (real mirp-sts slices padded to 512×512, make-ct-series.ts). The axial
 * canvas is made larger than 512×512 px, so every voxel of the slice has at least one pixel.
 *
 * In the page, after each frame, one pointer move of a brush stroke is dispatched to the axial
 * canvas and timed:
 *   - move → pixels: until the stroke's new pixels are in the canvas (the handler repaints them
 *     before it returns; the pixel under the pointer is read back on some moves to prove it);
 *   - move → next frame: until the next animation frame, i.e. the frame that shows them.
 * Reference in the same run: the same pointer moves while the right button windows the image, the
 * viewer's path that redraws the whole slice per move (reslice kept, window, structures, crosshair),
 * timed from the move to its drawn frame (the view's frame counter, via a MutationObserver). That
 * is what painting would cost if each move redrew the slice. The budget is one 60 Hz frame, 16 ms.
 * Last, whole strokes are released and timed until the backend's answer is drawn.
 *
 *   npx tsc -p tsconfig.build.json && npx vite build --config renderer/vite.config.ts \
 *     && node dist/bench/brush-latency.js [MOVES, default 300]
 * (DELINEATE_RENDERER_DIST may name another renderer build.)
 */
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.js';

const SLICES = 40;
const moves = Math.max(50, Number(process.argv[2] ?? 300));
const STROKES = 8;
const BUDGET_MS = 16;
// Wide enough that the axial canvas is over 512×512 px with the toolbars and both sidebars shown.
const bench = await openBenchBrowser('brush', SLICES, { width: 2000, height: 1400 });
const { series, backend, host, context } = bench;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * In the page: `count` pointer moves along a circle around the canvas centre, one per frame.
 * kind 'brush' times the handler (pixels written) and the next frame; 'window' times the move to
 * the view's next drawn frame (data-frames changes). Returns milliseconds per move.
 */
const DRIVE = `async ({ kind, count, radiusPx }) => {
  const canvas = document.querySelector('[data-testid="canvas-axial"]');
  const r = canvas.getBoundingClientRect();
  const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const context = canvas.getContext('2d');
  let drawn = null;
  const observer = new MutationObserver(() => { if (drawn) drawn(performance.now()); });
  observer.observe(canvas, { attributes: true, attributeFilter: ['data-frames'] });
  const toPixels = [], toFrame = [];
  let checked = 0, painted = 0;
  for (let n = 0; n < count; n++) {
    await frame();
    // About 3 px per frame: a steady hand at 60 Hz.
    const a = (n * 3) / radiusPx;
    const x = cx + radiusPx * Math.cos(a), y = cy + radiusPx * Math.sin(a);
    const event = new PointerEvent('pointermove', { pointerId: 1, pointerType: 'mouse', buttons: kind === 'brush' ? 1 : 2, clientX: x, clientY: y, bubbles: true });
    if (kind === 'brush') {
      const t0 = performance.now();
      canvas.dispatchEvent(event);
      const t1 = performance.now();
      const t2 = await frame();
      toPixels.push(t1 - t0);
      toFrame.push(t2 - t0);
      if (n % 10 === 0) {
        const px = Math.round(((x - r.left) * canvas.width) / r.width), py = Math.round(((y - r.top) * canvas.height) / r.height);
        const [red, green] = context.getImageData(px, py, 1, 1).data;
        checked++;
        if (green > red + 8) painted++;
      }
    } else {
      const done = new Promise((resolve) => (drawn = resolve));
      const t0 = performance.now();
      canvas.dispatchEvent(event);
      const t1 = await done;
      drawn = null;
      toPixels.push(t1 - t0);
      toFrame.push(t1 - t0);
    }
  }
  observer.disconnect();
  return { toPixels, toFrame, checked, painted };
}`;

/** Before a release: resolve window.__roundTrip with the ms from the pointerup to the frame that draws the answer. */
const ROUND_TRIP = `(() => {
  const canvas = document.querySelector('[data-testid="canvas-axial"]');
  let t0 = null, frames0 = 0;
  canvas.addEventListener('pointerup', () => { t0 = performance.now(); frames0 = Number(canvas.dataset.frames); }, { once: true, capture: true });
  window.__roundTrip = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (t0 !== null && canvas.dataset.pending === '0' && Number(canvas.dataset.frames) > frames0) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    });
    observer.observe(canvas, { attributes: true, attributeFilter: ['data-frames', 'data-pending'] });
  });
})()`;

interface Drive {
  readonly toPixels: number[];
  readonly toFrame: number[];
  readonly checked: number;
  readonly painted: number;
}

async function drive(page: Page, kind: 'brush' | 'window', radiusPx: number): Promise<Drive> {
  return page.evaluate<Drive>(`(${DRIVE})(${JSON.stringify({ kind, count: moves, radiusPx })})`);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const fmt = (values: readonly number[]): string => `p50 ${percentile(values, 50).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`;

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.url);
  await page.getByTestId('settings-name').fill('Benchmark');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('import-path').fill(series);
  await page.getByTestId('import-start').click();
  await waitFor(async () => (await page.getByTestId('series-CT').count()) === 1, 300_000);
  await page.getByTestId('series-CT').click();
  const canvas = page.getByTestId('canvas-axial');
  await waitFor(async () => Number((await canvas.getAttribute('data-frames')) ?? 0) > 0, 600_000);
  await page.getByTestId('create-name').fill('Stroke');
  await page.getByTestId('create-color').fill('#00ff00');
  await page.getByTestId('create-start').click();
  await waitFor(async () => (await page.getByTestId('edit-structure').inputValue()) !== '', 60_000);
  await page.getByTestId('tool-brush').click();

  const size = `${await canvas.getAttribute('width')}×${await canvas.getAttribute('height')}`;
  const mmPerPixel = Number(await canvas.getAttribute('data-mm-per-pixel'));
  const box = (await canvas.boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  const results: { label: string; run: Drive }[] = [];
  for (const radiusMm of [5, 20]) {
    await page.getByTestId('brush-radius').fill(String(radiusMm));
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    // The button goes down for real (the view captures that pointer); the moves are dispatched in the page.
    await page.mouse.move(cx + 80, cy);
    await page.mouse.down();
    results.push({ label: `brush ${radiusMm} mm (${(radiusMm / mmPerPixel).toFixed(1)} px)`, run: await drive(page, 'brush', 80) });
    await page.mouse.up();
    await waitFor(async () => (await canvas.getAttribute('data-pending')) === '0', 60_000);
  }
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'right' });
  const reference = await drive(page, 'window', 80);
  await page.mouse.up({ button: 'right' });

  // Whole strokes: release → the backend's answer drawn in the axial view (saved to the study
  // database first), timed in the page from the pointerup to the frame that draws the new mask.
  await page.getByTestId('brush-radius').fill('5');
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  const roundTrips: number[] = [];
  for (let s = 0; s < STROKES; s++) {
    const y = cy - 150 + 40 * s;
    await page.mouse.move(cx - 100, y);
    await page.mouse.down();
    await page.mouse.move(cx + 100, y, { steps: 20 });
    await page.evaluate(ROUND_TRIP);
    await page.mouse.up();
    roundTrips.push(Number(await page.evaluate('window.__roundTrip')));
  }
  // The backend's share, called directly in Node: the same stroke (21 points, 5 mm) on the same structure.
  const uid = (await backend.api.listSeries({ studyUid: (await backend.api.listStudies({ patientId: (await backend.api.listPatients({}))[0]!.patientId }))[0]!.studyInstanceUid }))[0]!.seriesInstanceUid;
  const state = await backend.api.workspace({ seriesUid: uid });
  const target = state.changed.find((p) => p.name === 'Stroke')!;
  const volume = await backend.api.loadVolume({ jobId: 'bench-meta', seriesUid: uid });
  const m = volume.meta.ijkToLps;
  const backendMs: number[] = [];
  for (let s = 0; s < STROKES; s++) {
    const points: number[] = [];
    for (let n = 0; n <= 20; n++) points.push(m[3]! + m[0]! * (156 + 10 * n), m[7]! + m[5]! * (100 + 40 * s), m[11]! + m[10]! * (SLICES / 2 - 1));
    const t0 = performance.now();
    await backend.api.editStructures({ jobId: `bench-${s}`, seriesUid: uid, edit: { kind: 'brush', structureId: target.id, mode: 'paint', shape: 'circle', radiusMm: 5, normal: [0, 0, 1], points } });
    backendMs.push(performance.now() - t0);
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`CT 512×512×${SLICES} (real mirp-sts slices), headless Chromium ${context.browser()?.version() ?? ''}, axial canvas ${size} px (${mmPerPixel.toFixed(3)} mm/px), ${moves} moves per run`);
  console.log(`machine: ${cpus().length} × ${cpu}`);
  for (const { label, run } of results) {
    console.log(`${label}: move → pixels in canvas ${fmt(run.toPixels)}; move → next frame ${fmt(run.toFrame)}; pixel under the pointer painted in ${run.painted}/${run.checked} checks`);
    console.log(`  p95 move → pixels is ${((100 * percentile(run.toPixels, 95)) / BUDGET_MS).toFixed(1)} % of the ${BUDGET_MS} ms budget; ${(percentile(reference.toPixels, 95) / percentile(run.toPixels, 95)).toFixed(1)}× faster than the full-slice redraw at p95`);
  }
  console.log(`reference, full-slice redraw per move (window/level drag): move → drawn frame ${fmt(reference.toPixels)}`);
  console.log(`release → backend answer drawn in the view (${STROKES} strokes of 200 px, 5 mm): ${fmt(roundTrips)}`);
  console.log(`  of which the backend's edit (apply, save, answer; called in Node): ${fmt(backendMs)}`);
} catch (error) {
  await context.pages()[0]?.screenshot({ path: join(tmpdir(), 'delineate-bench-brush-failure.png') });
  throw error;
} finally {
  await bench.close();
}
