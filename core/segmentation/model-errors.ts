/**
 * A model package that must not run: its manifest is invalid, asks for an input this version
 * cannot produce, or its weights do not match the manifest's sha256. The message always names
 * the package folder so a site physicist can find the offending copy.
 */
export class ModelPackageError extends Error {
  constructor(
    readonly folder: string,
    readonly problem: string,
  ) {
    super(`model package ${folder}: ${problem}`);
    this.name = 'ModelPackageError';
  }
}

/** A requested model id that no model root provides. */
export class ModelNotFoundError extends Error {
  constructor(
    readonly modelId: string,
    readonly roots: readonly string[],
  ) {
    super(`no installed model '${modelId}' (looked in ${roots.join(', ') || 'no model folders'})`);
    this.name = 'ModelNotFoundError';
  }
}
