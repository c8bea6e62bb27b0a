import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window, secure by default (Electron's security checklist): the renderer has no Node,
 * runs in Chromium's sandbox, and sees the preload's one bridge through an isolated world.
 * Spellcheck is off because Chromium fetches spelling dictionaries from Google's servers, and
 * the app sends nothing anywhere.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Delineate',
    backgroundColor: '#101318',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: true,
    },
  };
}
