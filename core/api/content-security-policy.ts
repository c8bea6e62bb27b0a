/**
 * The one Content-Security-Policy of the UI, sent by the Electron shell (session headers) and by
 * the web host (response header). Nothing is loaded from anywhere but the app itself: no remote
 * scripts, styles, fonts or connections, no inline script, no eval, no plugins, no framing.
 * - style-src 'self': React and vtk.js set styles through the CSSOM, which CSP does not restrict.
 * - img-src data: blob: — screenshots and canvases exported as images.
 * - worker-src blob: — vtk.js starts some helpers as blob workers.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
