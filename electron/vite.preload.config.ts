import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The preload as one CommonJS file (dist/electron/preload.cjs): a sandboxed preload cannot
 * import modules, only require('electron'). The contract's constants are bundled in.
 */
export default defineConfig({
  build: {
    outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
    emptyOutDir: false,
    minify: false,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
