import type { CliIo, Command } from '../../cli/command.js';

/** Run a CLI command in-process: its exit code and what it printed; a thrown error counts as exit 1 with its message on stderr. */
export async function runCommand(cmd: Command, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  try {
    return { code: await cmd.run(argv, io), out: out.join('\n'), err: err.join('\n') };
  } catch (error) {
    return { code: 1, out: out.join('\n'), err: `${err.join('\n')}${error instanceof Error ? error.message : String(error)}` };
  }
}
