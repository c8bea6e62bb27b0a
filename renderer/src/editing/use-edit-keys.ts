import { useEffect, useRef } from 'react';

export interface EditKeyActions {
  undo(): void;
  redo(): void;
  /** `[` (−1) and `]` (+1). */
  brushSize(direction: -1 | 1): void;
}

/** Typing in a field keeps its own keys (Ctrl+Z undoes the text there, not the contour). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color'].includes(target.type);
}

/**
 * The editing keys, as planning systems have them: Ctrl+Z undo, Ctrl+Y and Ctrl+Shift+Z redo
 * (Cmd on macOS), `[` and `]` brush size — unless the focus is in a text field.
 */
export function useEditKeys(actions: EditKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && !event.altKey && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) latest.current.redo();
        else latest.current.undo();
      } else if (command && !event.altKey && !event.shiftKey && key === 'y') {
        event.preventDefault();
        latest.current.redo();
      } else if (!command && !event.altKey && (event.key === '[' || event.key === ']')) {
        event.preventDefault();
        latest.current.brushSize(event.key === '[' ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
