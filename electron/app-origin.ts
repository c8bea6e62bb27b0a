/**
 * The app's own origin. The renderer is served from a privileged custom scheme rather than
 * file://, so that it has a real origin to check IPC senders and navigations against (every
 * file:// page would otherwise count as the same "origin"), and so that CSP 'self' means only
 * the app's own files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'delineate';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * True for a URL on the app's own origin. Compared by protocol and host: WHATWG URL gives custom
 * schemes the opaque origin 'null', so `origin` cannot be compared.
 */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
}
