import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { DelineateBridge } from '../../core/api/bridge.js';
import { BRIDGE_GLOBAL } from '../../core/api/bridge.js';
import { apiFromBridge } from './api/api-from-bridge.js';
import { ApiContext } from './api/api-context.js';
import { createWebBridge, tokenFromLocation } from './api/web-bridge.js';
import { App } from './App.js';
import './styles.css';

/** In the desktop app the preload has put the IPC bridge on window; in a browser, use the web host. */
function bridge(): DelineateBridge {
  const fromPreload = (window as unknown as Record<string, DelineateBridge | undefined>)[BRIDGE_GLOBAL];
  return fromPreload ?? createWebBridge(tokenFromLocation());
}

const b = bridge();
const value = { api: apiFromBridge(b), bridge: b };
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiContext.Provider value={value}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
