import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/app-origin.js';
import type { GuardedContents } from '../../electron/navigation-guards.js';
import { guardNavigation } from '../../electron/navigation-guards.js';

/** A stand-in for Electron's WebContents: records the listeners and the window-open handler. */
function fakeContents(): GuardedContents & { fire(event: string, url: string): boolean; open(url: string): { action: string } } {
  const listeners = new Map<string, ((e: { preventDefault(): void; url: string }) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  return {
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
    fire(event, url) {
      let prevented = false;
      for (const l of listeners.get(event) ?? []) l({ url, preventDefault: () => (prevented = true) });
      return prevented;
    },
    open(url) {
      return openHandler!({ url });
    },
  };
}

describe('electron/navigation-guards.ts', () => {
  it('denies navigation and redirects to anything but the app', () => {
    const c = fakeContents();
    guardNavigation(c);
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(c.fire(event, 'https://example.com/'), event).toBe(true);
      expect(c.fire(event, 'file:///etc/passwd'), event).toBe(true);
      expect(c.fire(event, 'app://delineate.evil/index.html'), event).toBe(true);
      expect(c.fire(event, 'app://delineate/index.html'), event).toBe(false);
    }
  });

  it('denies every new window', () => {
    const c = fakeContents();
    guardNavigation(c);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open('app://delineate/index.html')).toEqual({ action: 'deny' });
  });

  it('recognises only the app origin', () => {
    expect(isAppUrl('app://delineate/index.html')).toBe(true);
    expect(isAppUrl('app://delineate:1/index.html')).toBe(false);
    expect(isAppUrl('app://user@delineate/index.html')).toBe(false);
    expect(isAppUrl('http://delineate/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});
