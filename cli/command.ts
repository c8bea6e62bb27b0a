/** One `delineate` sub-command. `run` returns the process exit code. */
export interface Command {
  readonly name: string;
  /** One line for `delineate help`. */
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A failure the user can act on: printed as one line, exit code 1 (or `exitCode`). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}
