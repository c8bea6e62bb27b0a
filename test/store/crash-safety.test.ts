import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { openStudyStore } from '../../core/store/index.js';
import { REPO_ROOT, tempDir } from '../support/paths.js';

const SLICES = 3000;

/**
 * The child must run the store's real code, not a copy of its SQL, and tsx is not installed; so the
 * store's sources are transpiled (types stripped, nothing else) into a throwaway folder under
 * node_modules/.cache, where the bare import of better-sqlite3 still resolves to the project's copy.
 */
function transpileStoreForChild(): string {
  const cache = join(REPO_ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(join(cache, 'delineate-store-crash-'));
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  const sources = [
    // The store writes each import's audit entry in the same transaction.
    ...['core/store', 'core/audit'].flatMap((dir) => readdirSync(join(REPO_ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`)),
    'test/store/scan-fixture.ts',
  ];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(join(REPO_ROOT, source), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: source,
    });
    const target = join(out, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return out;
}

/** Records scan after scan until killed, announcing each commit after recordScan has returned. */
function childScript(build: string): string {
  const store = pathToFileURL(join(build, 'core/store/index.js')).href;
  const fixture = pathToFileURL(join(build, 'test/store/scan-fixture.js')).href;
  return `
import { openStudyStore } from ${JSON.stringify(store)};
import { planningCtScan } from ${JSON.stringify(fixture)};
const store = openStudyStore(process.argv[2]);
for (let i = 1; ; i++) {
  store.recordScan(planningCtScan({ slices: ${SLICES}, uidRoot: '1.2.3.' + i, root: '/crash/' + i, patientId: 'P' + i }));
  process.stdout.write('committed ' + i + '\\n');
}
`;
}

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('keeps every committed import, and only whole imports, when the writer is killed with SIGKILL', async () => {
    const build = transpileStoreForChild();
    cleanup.push(build);
    const work = tempDir();
    const script = join(work, 'child.mjs');
    writeFileSync(script, childScript(build));
    const file = join(work, 'data', 'delineate.sqlite');

    const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let seen = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (chunk: Buffer) => {
      seen = Math.max(seen, ...[...chunk.toString().matchAll(/committed (\d+)/g)].map((m) => Number(m[1])));
      // Two whole imports are on disk; kill while the third is most likely half-written.
      if (seen >= 2 && child.exitCode === null && !child.killed) setTimeout(() => child.kill('SIGKILL'), 20);
    });

    const signal = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    // The connection never closed, so recovery goes through the write-ahead log.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const store = openStudyStore(file, { integrityCheck: 'full' });
    try {
      const history = store.importHistory();
      // Everything announced is there; at most the one commit whose announcement the kill cut off is extra.
      expect(history.length).toBeGreaterThanOrEqual(seen);
      expect(history.length).toBeLessThanOrEqual(seen + 1);
      const instancesPerImport = SLICES + 1;
      expect(history.map((h) => h.instancesAdded)).toEqual(history.map(() => instancesPerImport));
      expect(store.totals()).toEqual({ patients: history.length, studies: history.length, series: 2 * history.length, instances: history.length * instancesPerImport, imports: history.length });
      expect(store.seriesInstances('1.2.3.1.2.1')).toHaveLength(SLICES);
    } finally {
      store.close();
    }
  });
});
