import { isAppUrl } from './app-origin.js';

/** The part of Electron's WebContents the guards use (a test double provides the same). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * No navigation away from the app and no new windows: a link or a script in shown DICOM text can
 * neither load remote content in the app's window nor open one. Reloads of the app's own page
 * stay possible.
 */
export function guardNavigation(contents: GuardedContents): void {
  const refuseForeign = (event: { preventDefault(): void; url: string }): void => {
    if (!isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
