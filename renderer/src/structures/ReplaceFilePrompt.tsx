import { useState } from 'react';
import type { AppInfo } from '../../../core/api/contract.js';
import { useApi } from '../api/api-context.js';

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

export interface ConfirmedExport {
  /** The path waiting for the user to say "Replace", or null. */
  readonly replace: string | null;
  /** Export to the typed path (web) or the system save dialog's choice (Electron). */
  start(): Promise<void>;
  /** Write over the waiting path: the user confirmed. */
  confirm(): Promise<void>;
  /** Drop the question (Cancel, or the path was edited). */
  dismiss(): void;
}

/**
 * One export flow for every file the application writes from a window. `write` calls the backend
 * with `overwrite`, and reports its own success; a FileExistsError becomes a question to the user,
 * any other failure goes to `onError`. In Electron the system save dialog has already asked before
 * replacing a file, so its choice is written over.
 */
export function useConfirmedExport(options: {
  readonly info: AppInfo;
  readonly title: string;
  readonly path: string;
  readonly setPath: (path: string) => void;
  readonly write: (path: string, overwrite: boolean) => Promise<void>;
  readonly onError: (error: unknown) => void;
}): ConfirmedExport {
  const api = useApi();
  const [replace, setReplace] = useState<string | null>(null);
  const attempt = async (target: string, overwrite: boolean): Promise<void> => {
    setReplace(null);
    try {
      await options.write(target, overwrite);
    } catch (e) {
      if (isFileExists(e)) setReplace(target);
      else options.onError(e);
    }
  };
  return {
    replace,
    start: async () => {
      if (options.info.shell !== 'electron') return attempt(options.path.trim(), false);
      const chosen = await api.chooseSavePath({ title: options.title, defaultPath: options.path });
      if (!chosen.path) return;
      options.setPath(chosen.path);
      return attempt(chosen.path, true);
    },
    confirm: () => (replace === null ? Promise.resolve() : attempt(replace, true)),
    dismiss: () => setReplace(null),
  };
}
