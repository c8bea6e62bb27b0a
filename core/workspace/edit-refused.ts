/** An edit or review act the workspace will not do, with the reason a person can act on. */
export class EditRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditRefused';
  }
}
