import { spawnSync } from 'node:child_process';

export interface ToolResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a reference tool (dciodvfy, plastimatch, dcm2niix, dcmtk…); a missing tool fails loudly. */
export function runTool(command: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): ToolResult {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message} (install it: see .ci/run)`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * dciodvfy's verdict on a file we wrote: the lines that start with "Error". Warnings are returned
 * separately so tests can show them without failing.
 */
export function dciodvfy(path: string): { errors: string[]; warnings: string[]; output: string } {
  const r = runTool('dciodvfy', [path]);
  const output = `${r.stdout}${r.stderr}`;
  const lines = output.split('\n');
  return {
    errors: lines.filter((l) => l.startsWith('Error')),
    warnings: lines.filter((l) => l.startsWith('Warning')),
    output,
  };
}
