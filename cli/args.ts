import { CliError } from './command.js';

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

/**
 * Parse `--name value`, `--name=value` and boolean `--flag` arguments.
 * `valued` lists the options that take a value; anything else starting with `--` is a flag,
 * and an unknown one is an error so a typo never silently changes what runs.
 */
export function parseArgs(args: readonly string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  const seenFlags = new Set<string>();
  for (let n = 0; n < args.length; n++) {
    const arg = args[n] as string;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valued.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++n];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else if (flags.includes(name) && eq < 0) {
      seenFlags.add(name);
    } else {
      throw new CliError(`unknown option --${name}`);
    }
  }
  return { positional, options, flags: seenFlags };
}

export function single(parsed: ParsedArgs, name: string): string | undefined {
  const values = parsed.options.get(name);
  if (values && values.length > 1) throw new CliError(`--${name} given more than once`);
  return values?.[0];
}

export function required(parsed: ParsedArgs, name: string): string {
  const value = single(parsed, name);
  if (value === undefined) throw new CliError(`--${name} is required`);
  return value;
}
