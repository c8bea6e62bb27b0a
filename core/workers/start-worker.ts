import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from 'node:worker_threads';
import { Worker } from 'node:worker_threads';

/**
 * Module hooks that let a worker run straight from the TypeScript sources: `.ts` files are
 * transpiled on load (typescript's transpileModule, no type check) and a relative `./x.js`
 * import finds `./x.ts`, the nodenext convention. Only used when the built `.js` is absent,
 * i.e. under vitest or a development checkout; the built app never takes this path.
 */
function sourceHooks(typescriptFrom: string): string {
  return `
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
const ts = createRequire(${JSON.stringify(typescriptFrom)})('typescript');
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL) {
      const candidate = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
    }
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const fileName = fileURLToPath(url);
  const output = ts.transpileModule(await readFile(fileName, 'utf8'), {
    fileName,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
  });
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
`;
}

function dataUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

/** Node options that make a thread or process able to import the TypeScript sources. */
export function sourceModeExecArgv(): string[] {
  const hooks = dataUrl(sourceHooks(fileURLToPath(import.meta.url)));
  return ['--import', dataUrl(`import { register } from 'node:module'; register(${JSON.stringify(hooks)});`)];
}

/**
 * Start an ES-module worker. `url` names the built `.js`; when only the `.ts` source exists
 * (tests, development), the worker gets the source hooks above.
 */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (existsSync(fileURLToPath(url))) return new Worker(url, options);
  const source = new URL(url.href.replace(/\.js$/, '.ts'));
  if (!existsSync(fileURLToPath(source))) throw new Error(`worker script not found: ${fileURLToPath(url)}`);
  return new Worker(source, { ...options, execArgv: [...(options.execArgv ?? []), ...sourceModeExecArgv()] });
}
