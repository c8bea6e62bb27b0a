// @ts-check
import tseslint from 'typescript-eslint';

/** Packages the pure core must never import: it runs in plain Node, workers and tests. */
const UI_AND_SHELL = ['electron', 'electron/*', 'react', 'react-dom', 'react/*', 'react-dom/*', '@kitware/vtk.js', '@kitware/vtk.js/*'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'renderer/dist/**', 'bin/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: UI_AND_SHELL, message: 'The core and the CLI run in plain Node: no Electron, React or vtk.js here.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'The core must not depend on the shell or the renderer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: UI_AND_SHELL, message: 'The core runs in plain Node: no Electron, React or vtk.js here.' },
            { group: ['**/electron/**', '**/renderer/**', '**/cli/**'], message: 'The core must not depend on the shell, the renderer or the CLI.' },
          ],
        },
      ],
    },
  },
  {
    // The renderer runs sandboxed and reaches the backend only through the typed API contract.
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'electron/*'], message: 'The renderer runs sandboxed: no Node or Electron.' },
            {
              group: [
                '**/core/import/**', '**/core/store/**', '**/core/dicom/**', '**/core/segmentation/**', '**/core/workers/**', '**/core/rt/**',
                '**/core/nifti/**', '**/core/contours/**', '**/core/volume/**', '**/core/api/backend.js', '**/core/api/web-host.js',
                '**/core/api/series-sessions.js', '**/core/api/tasks/**', '**/cli/**', '**/electron/**',
              ],
              message: 'The renderer reaches the backend only through core/api/contract.ts; from the core it uses only pure geometry.',
            },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
