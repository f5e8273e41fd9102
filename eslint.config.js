import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Dependency direction (docs/architecture.md): renderer → shared, electron → shared, never the reverse,
// never renderer ↔ electron. Only renderer/storage touches dexie; only renderer/map touches the map libraries.
const mapLibraries = ['maplibre-gl', 'maplibre-gl/*', 'terra-draw', 'terra-draw-maplibre-gl-adapter'];
const restrict = (...patterns) => ['error', { patterns }];
const group = (names, message) => ({ group: names, message });

// Zones inside shared/ (architecture.md): a folder imports only the folders listed for it, so the kernel
// never depends on what is built on it (Excalidraw's no-restricted-imports between packages).
// model ← geometry ← codes ← commands ← validate, divide ← formats ← diff ← review ← report ← city ← cli.
const SHARED_ZONES = {
  model: [],
  geometry: ['model'],
  codes: ['model', 'geometry'],
  commands: ['model', 'geometry', 'codes'],
  validate: ['model', 'geometry', 'codes'],
  divide: ['model', 'geometry', 'codes', 'commands'],
  formats: ['model', 'geometry', 'codes', 'validate'],
  diff: ['model', 'geometry', 'codes', 'validate', 'formats'],
  review: ['model', 'geometry', 'codes', 'validate', 'formats', 'diff'],
  report: ['model', 'geometry', 'codes', 'validate', 'formats', 'diff', 'review'],
  city: ['model', 'geometry', 'codes', 'validate', 'formats', 'diff', 'review', 'report'],
  ipc: ['model', 'city'],
  cli: [
    'model',
    'geometry',
    'codes',
    'commands',
    'validate',
    'divide',
    'formats',
    'diff',
    'review',
    'report',
    'city',
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'dist-electron/**',
      'dist-cli/**',
      '.tsbuild/**',
      'release/**',
      'resources/demo/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...Object.entries(SHARED_ZONES).map(([folder, allowed]) => ({
    files: [`shared/${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        group(
          ['**/renderer/**', '**/electron/**'],
          'shared/ is pure: it imports neither renderer nor electron.',
        ),
        group(
          ['electron', 'dexie', 'react', 'react-dom', ...mapLibraries, 'node:*', 'fs', 'path'],
          'shared/ is pure TypeScript: no DOM, Node, Electron or Dexie.',
        ),
        ...Object.keys(SHARED_ZONES)
          .filter((other) => other !== folder && !allowed.includes(other))
          .map((other) =>
            group(
              [`../${other}`, `../${other}/**`, `**/shared/${other}`, `**/shared/${other}/**`],
              `shared/${folder} may import only ${allowed.join(', ') || 'nothing else in shared/'} (docs/architecture.md: dependency zones).`,
            ),
          ),
      ),
    },
  })),
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/storage/**', 'renderer/map/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': restrict(
        group(
          ['**/electron/**', 'electron'],
          'The renderer never imports the Electron shell: use the preload bridge.',
        ),
        group(['dexie', 'dexie/*'], 'Only renderer/storage imports dexie.'),
        group(mapLibraries, 'Only renderer/map imports maplibre-gl and terra-draw.'),
      ),
    },
  },
  {
    files: ['renderer/storage/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        group(['**/electron/**', 'electron'], 'The renderer never imports the Electron shell.'),
        group(mapLibraries, 'Only renderer/map imports maplibre-gl and terra-draw.'),
      ),
    },
  },
  {
    files: ['renderer/map/**/*.ts', 'renderer/map/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': restrict(
        group(['**/electron/**', 'electron'], 'The renderer never imports the Electron shell.'),
        group(['dexie', 'dexie/*'], 'Only renderer/storage imports dexie.'),
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        group(['**/renderer/**'], 'The Electron shell never imports the renderer.'),
        group(
          ['dexie', 'react', 'react-dom', ...mapLibraries],
          'The shell stays thin: no UI or storage libraries.',
        ),
      ),
    },
  },
  {
    // Tool configuration files must default-export their config.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
