import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../electron/window-options.js';

describe('electron/window-options.ts', () => {
  it('opens the window isolated, sandboxed, without Node, with only the preload', () => {
    const web = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(web).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('turns spellcheck off: Chromium would download dictionaries from Google', () => {
    expect(mainWindowOptions('p').webPreferences!.spellcheck).toBe(false);
  });
});
