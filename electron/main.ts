/**
 * The Electron main process, kept thin: it wires Electron's objects to plain modules that are
 * unit-tested in Node (window options, navigation guards, IPC validation, the app protocol and
 * its CSP) and to the same backend the web host serves. Nothing here talks to the network: no
 * update checks, no crash uploads, no telemetry, spellcheck off, every non-app request cancelled.
 */
import { app, BrowserWindow, dialog, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../core/api/backend.js';
import type { Api } from '../core/api/contract.js';
import { rendererDist, repositorySampleStudy } from '../core/api/package-root.js';
import { currentDataDirContext, defaultDataDir } from '../core/store/data-dir.js';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin.js';
import { appFileFor, appResponseHeaders, isAllowedRequest, withCsp } from './app-protocol.js';
import { registerIpc } from './ipc-main.js';
import { guardNavigation } from './navigation-guards.js';
import { mainWindowOptions } from './window-options.js';

// Must precede 'ready': a standard, secure scheme gets a real origin, fetch and CSP 'self'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();

const here = dirname(fileURLToPath(import.meta.url));

async function start(): Promise<void> {
  await app.whenReady();
  const resources = app.isPackaged ? process.resourcesPath : null;
  const dataDir = defaultDataDir(undefined, { ...currentDataDirContext(), ...(app.isPackaged ? { installDir: app.getAppPath() } : {}) });
  const backend = createBackend({
    shell: 'electron',
    dataDir,
    sampleStudyDir: resources ? join(resources, 'sample-study') : repositorySampleStudy(),
    ...(resources ? { builtInModelRoot: join(resources, 'native-models') } : {}),
  });
  const rendererDir = rendererDist();

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, request.method, rendererDir);
    if (!file) return new Response('not found', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: appResponseHeaders(file) });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));

  const window = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs')));
  const api: Api = {
    ...backend.api,
    chooseFolder: async (r) => {
      const chosen = await dialog.showOpenDialog(window, { title: r.title, properties: ['openDirectory'] });
      return { path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) };
    },
    chooseSavePath: async (r) => {
      const chosen = await dialog.showSaveDialog(window, { title: r.title, defaultPath: r.defaultPath, filters: [{ name: 'DICOM', extensions: ['dcm'] }] });
      return { path: chosen.canceled ? null : (chosen.filePath ?? null) };
    },
  };
  const unregister = registerIpc(api, backend, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  window.once('ready-to-show', () => window.show());
  app.on('window-all-closed', () => {
    unregister();
    backend.close();
    app.quit();
  });
  await window.loadURL(APP_ENTRY_URL);
}

start().catch((error: unknown) => {
  dialog.showErrorBox('Delineate could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
