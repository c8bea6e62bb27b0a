import type { CliIo } from './command.js';
import { CliError } from './command.js';
import { loadCommands } from './registry.js';
import { productVersion } from '../core/version.js';

const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Run `delineate ARGS`; returns the exit code. Failures print one line naming the problem. */
export async function main(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = commands.find((c) => c.name === rest[0]);
    if (topic) {
      io.out(`Usage: ${topic.usage}\n\n${topic.summary}`);
      return 0;
    }
    io.out(`Delineate ${productVersion()}\nUsage: delineate <command> [options]   (delineate help <command> for one)\n`);
    for (const c of commands) io.out(`  ${c.usage}\n      ${c.summary}`);
    return name === undefined ? 1 : 0;
  }
  if (name === 'version' || name === '--version' || name === '-V') {
    io.out(`delineate ${productVersion()}`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`delineate: unknown command '${name}' (try 'delineate help')`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`delineate ${name}: ${error.message}`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`delineate ${name}: ${message}`);
    return 1;
  }
}
