/**
 * Everything the study store refuses or fails at surfaces as a StoreError that names the file, so
 * the user (or a support ticket) learns *which* database is damaged or too new, not just that
 * "SQLITE_CORRUPT" happened somewhere.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    /** The database file (or data folder) the problem is about. */
    readonly file: string,
    /** What is wrong, in words a user can act on. */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`Study database ${file}: ${problem}`, options);
  }
}

/** The message of an unknown thrown value, for wrapping low-level errors into a StoreError. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
