/**
 * UI benchmark: the renderer in headless Chromium against the real backend (loopback web host),
 * on a 512×512×200 CT built from real slices (make-ct-series.ts). Measures the frame rate of the
 * axial view while the wheel scrolls through slices and while the right button drags the window.
 *   npm run build && npm run build:renderer && node dist/bench/ui.js [STEPS, default 150]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.js';

const SLICES = 200;
/** Slices scrolled, and pointer moves dragged. */
const steps = Math.max(20, Number(process.argv[2] ?? 150));
const bench = await openBenchBrowser('ui', SLICES, { width: 1400, height: 900 });
const { series, host, context } = bench;

async function framesOf(page: Page, testId: string): Promise<number> {
  const view = page.getByTestId(testId);
  return (await view.count()) === 0 ? 0 : Number((await view.getAttribute('data-frames', { timeout: 600_000 })) ?? 0);
}
const frames = (page: Page): Promise<number> => framesOf(page, 'canvas-axial');

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * In the page: send one input, wait (animation frame by animation frame) until the axial view has
 * drawn it, repeat. Frames per second is inputs over elapsed time: each input is a new slice or
 * window, so each is one full redraw (reslice or window, structures, crosshair) shown on screen.
 */
const DRIVE = `async ({ kind, count }) => {
  const canvas = document.querySelector('[data-testid="canvas-axial"]');
  const r = canvas.getBoundingClientRect();
  const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
  const t0 = performance.now();
  for (let n = 0; n < count; n++) {
    const before = canvas.dataset.frames;
    const event = kind === 'scroll'
      ? new WheelEvent('wheel', { deltaY: Math.floor(n / 80) % 2 === 0 ? 100 : -100, clientX: cx, clientY: cy, bubbles: true, cancelable: true })
      : new PointerEvent('pointermove', { pointerId: 1, pointerType: 'mouse', buttons: 2, clientX: cx + 150 * Math.sin(n / 10), clientY: cy + 100 * Math.cos(n / 13), bubbles: true });
    canvas.dispatchEvent(event);
    while (canvas.dataset.frames === before) await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return performance.now() - t0;
}`;

async function measure(page: Page, kind: 'scroll' | 'window', count: number): Promise<{ fps: number; msPerFrame: number }> {
  const ms = Number(await page.evaluate(`(${DRIVE})(${JSON.stringify({ kind, count })})`));
  return { fps: (1000 * count) / ms, msPerFrame: ms / count };
}

try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(host.url);
  await page.getByTestId('import-path').fill(series);
  const tImport = performance.now();
  await page.getByTestId('import-start').click();
  await waitFor(async () => (await page.getByTestId('series-CT').count()) === 1, 300_000);
  const importS = (performance.now() - tImport) / 1000;
  const tLoad = performance.now();
  await page.getByTestId('series-CT').click();
  await waitFor(async () => (await frames(page)) > 0 && (await framesOf(page, 'view-3d')) > 0, 600_000);
  const loadS = (performance.now() - tLoad) / 1000;

  const box = (await page.getByTestId('canvas-axial').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  // Down 80 slices and back up, so every frame is a new slice.
  const scroll = await measure(page, 'scroll', steps);
  // The right button goes down for real (the view captures that pointer); the moves are then driven in the page.
  await page.mouse.move(cx, cy);
  await page.mouse.down({ button: 'right' });
  const window = await measure(page, 'window', steps);
  await page.mouse.up({ button: 'right' });

  const canvas = `${await page.getByTestId('canvas-axial').getAttribute('width')}×${await page.getByTestId('canvas-axial').getAttribute('height')}`;
  console.log(`CT 512×512×${SLICES} (real mirp-sts slices), headless Chromium ${context.browser()?.version() ?? ''}, SwiftShader WebGL2, axial canvas ${canvas} px`);
  console.log(`import ${importS.toFixed(1)} s; open (decode, transfer, first 2D and 3D frames) ${loadS.toFixed(1)} s`);
  console.log(`scroll:       ${scroll.fps.toFixed(1)} frames/s (${scroll.msPerFrame.toFixed(1)} ms from wheel event to drawn frame, ${steps} slices)`);
  console.log(`window/level: ${window.fps.toFixed(1)} frames/s (${window.msPerFrame.toFixed(1)} ms from pointer move to drawn frame, ${steps} moves)`);
} catch (error) {
  await context.pages()[0]?.screenshot({ path: join(tmpdir(), 'delineate-bench-ui-failure.png') });
  throw error;
} finally {
  await bench.close();
}
