/**
 * - locked: the structure is approved or rejected; changing it needs a new revision.
 * - not-reviewed: approval or rejection without a recorded first look by that reviewer.
 * - hidden: sequential reading hides the AI draft until the reviewer has looked at the images.
 * - role: the reviewer's role may not approve under the session's settings.
 * - invalid: any other transition the state machine does not have.
 * - unknown: no structure with that id.
 */
export type ReviewErrorCode = 'locked' | 'not-reviewed' | 'hidden' | 'role' | 'invalid' | 'unknown';

/** A refused review action. `structureIds` names every structure the refusal is about. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';

  constructor(
    readonly code: ReviewErrorCode,
    message: string,
    readonly structureIds: readonly string[],
  ) {
    super(message);
  }
}
