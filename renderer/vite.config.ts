import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the renderer into renderer/dist with relative asset URLs ('./'), so the same files load
 * from the Electron app:// protocol and from the loopback web host. Run from the repository root:
 * `vite build --config renderer/vite.config.ts`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps stay out of the shipped app; the sources are public anyway.
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
