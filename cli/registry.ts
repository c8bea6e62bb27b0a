import type { Command } from './command.js';

/** Every sub-command, in the order `delineate help` lists them. Add new commands here. */
export async function loadCommands(): Promise<Command[]> {
  const modules = await Promise.all([
    import('./commands/scan.js'),
    import('./commands/convert.js'),
    import('./commands/import.js'),
    import('./commands/audit.js'),
    import('./commands/derive.js'),
    import('./commands/rtstruct-to-nifti.js'),
    import('./commands/nifti-to-rtstruct.js'),
    import('./commands/models.js'),
    import('./commands/segment.js'),
    import('./commands/segment-nifti.js'),
    import('./commands/lesion.js'),
    import('./commands/demo.js'),
    import('./commands/serve.js'),
    import('./commands/start.js'),
  ]);
  return modules.map((m) => m.command);
}
