/** Whether a failed export call refused to replace an existing file (core/files/output-file.ts). */
export function isFileExists(error: unknown): boolean {
  return error instanceof Error && error.name === 'FileExistsError';
}

/**
 * An export target that already exists: the file is replaced only when the user says so here.
 * Choosing another name is done in the path field above.
 */
export function ReplaceFilePrompt(props: { readonly path: string; readonly testId: string; readonly onReplace: () => void; readonly onCancel: () => void }): React.JSX.Element {
  return (
    <div className="warning replace-file" role="alertdialog" aria-label="Replace file?" data-testid={props.testId}>
      <p>{props.path} already exists. Replace it, or change the name above.</p>
      <div className="row">
        <button type="button" data-testid={`${props.testId}-replace`} onClick={props.onReplace}>
          Replace
        </button>
        <button type="button" data-testid={`${props.testId}-cancel`} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
