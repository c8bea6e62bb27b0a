import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse, SeriesInfo, WorkspaceChange } from '../../core/api/contract.js';
import { decodeEnvelope, ENVELOPE_CONTENT_TYPE } from '../../core/api/envelope.js';
import { openAuditLog } from '../../core/audit/index.js';
import { STORE_FILE_NAME } from '../../core/store/index.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';

/**
 * Kill the real backend process (`delineate serve`, the built CLI) with SIGKILL while it is in the
 * middle of an edit, start it again on the same data folder, and every edit it had answered is
 * there, with its undo step; the edit in flight is either all there or not at all.
 */
const BIN = join(REPO_ROOT, 'bin/delineate.js');
const dataDir = tempDir('crash-edit-');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Server {
  readonly child: ChildProcess;
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
}

async function startServer(): Promise<Server> {
  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<URL>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /serving at (\S+)/.exec(line);
      if (m) resolveUrl(new URL(m[1]!));
    });
    child.on('exit', (code) => reject(new Error(`delineate serve exited with ${code}: ${stderr}`)));
  });
  const token = url.searchParams.get('token')!;
  return {
    child,
    async call(method, request) {
      const res = await fetch(new URL(`/api/${method}`, url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-delineate-token': token }, body: JSON.stringify(request) });
      const bytes = await res.arrayBuffer();
      const type = res.headers.get('content-type') ?? '';
      const outcome = (type.startsWith(ENVELOPE_CONTENT_TYPE) ? decodeEnvelope(bytes) : JSON.parse(new TextDecoder().decode(bytes))) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!outcome.ok) throw new Error(`${method}: ${outcome.error?.message}`);
      return outcome.value as never;
    },
  };
}

/** Open the CT; returns its UID and the patient position of its centre voxel. */
async function openCt(server: Server): Promise<{ seriesUid: string; centre: [number, number, number] }> {
  const [patient] = await server.call('listPatients', {});
  const [study] = await server.call('listStudies', { patientId: patient!.patientId });
  const series: readonly SeriesInfo[] = await server.call('listSeries', { studyUid: study!.studyInstanceUid });
  const ct = series.find((s) => s.modality === 'CT')!;
  const { meta } = await server.call('loadVolume', { jobId: 'load', seriesUid: ct.seriesInstanceUid });
  const [i, j, k] = meta.dims.map((d) => Math.floor(d / 2)) as [number, number, number];
  const m = meta.ijkToLps;
  const at = (r: number): number => m[4 * r]! * i + m[4 * r + 1]! * j + m[4 * r + 2]! * k + m[4 * r + 3]!;
  return { seriesUid: ct.seriesInstanceUid, centre: [at(0), at(1), at(2)] };
}

describe('editing survives a killed backend (delineate serve, SIGKILL)', () => {
  it('restores every answered edit after a restart; the edit in flight is whole or absent', async () => {
    const first = await startServer();
    await first.call('saveSettings', { settings: { reviewer: { name: 'Ada Tester', role: 'dosimetrist' }, sequentialReading: true } });
    await first.call('importSample', { jobId: 'import' });
    const { seriesUid, centre } = await openCt(first);
    const edit = (e: ApiRequest<'editStructures'>['edit']): Promise<WorkspaceChange> => first.call('editStructures', { jobId: `e-${Math.random()}`, seriesUid, edit: e });
    const gtv = (await edit({ kind: 'create', name: 'GTV' })).changed[0]!;
    const answered: { name: string; voxels: number }[] = [];
    // Brush strokes across the CT's axial slice at z = the centre slice (mirp-sts CT: 512 × 512, 0.98 mm pixels).
    for (let n = 0; n < 5; n++) {
      const c = await edit({ kind: 'brush', structureId: gtv.id, mode: 'paint', shape: 'circle', radiusMm: 5, normal: [0, 0, 1], points: [centre[0] - 30 + 15 * n, centre[1], centre[2]] });
      answered.push({ name: 'GTV', voxels: c.changed[0]!.voxelCount });
    }
    const ptv = (await edit({ kind: 'rule', rule: 'PTV = GTV + 5mm' })).changed[0]!;
    const expectedUndo = 'PTV = GTV + 5mm';
    // An edit in flight when the process dies: sent, not awaited, then SIGKILL.
    const inFlight = edit({ kind: 'smooth', structureId: ptv.id, sizeMm: 3 }).catch(() => null);
    await new Promise((r) => setTimeout(r, 30));
    first.child.kill('SIGKILL');
    await inFlight;
    await new Promise<void>((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r() : first.child.once('exit', () => r())));

    const second = await startServer();
    expect((await openCt(second)).seriesUid).toBe(seriesUid);
    const state = await second.call('workspace', { seriesUid });
    const byName = new Map(state.changed.map((s) => [s.name, s]));
    expect(byName.get('GTV')!.voxelCount).toBe(answered.at(-1)!.voxels);
    expect(byName.get('PTV')!.voxelCount === ptv.voxelCount || state.undo === 'smooth 3 mm on PTV').toBe(true);
    expect([expectedUndo, 'smooth 3 mm on PTV']).toContain(state.undo);
    // Undo works across the restart: back through the brush strokes, one by one.
    if (state.undo !== expectedUndo) await second.call('undo', { seriesUid });
    await second.call('undo', { seriesUid });
    const back = await second.call('undo', { seriesUid });
    expect(back.changed[0]!.voxelCount).toBe(answered.at(-2)!.voxels);
    second.child.kill('SIGTERM');
    await new Promise<void>((r) => second.child.once('exit', () => r()));
    const log = openAuditLog(join(dataDir, STORE_FILE_NAME));
    expect(log.verify().ok).toBe(true);
    log.close();
  }, 240_000);
});

