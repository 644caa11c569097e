// Flat config. The layering rules of DESIGN.md and docs/ARCHITECTURE.md are errors here:
//  1. the renderer imports nothing from electron/ but electron/contract and electron/shared (and no node:* or
//     electron);
//  2. electron/contract imports neither node:* nor electron (nor the rest of main);
//  3. LAYERS below (rule `layering/imports`, scripts/lint/layeringRule.js): domain and shared are pure,
//     connectors do not reach up into services, only the Electron adapters import `electron`, and features
//     (main and renderer) import each other only through their index.ts.
// Proven by electron/contract/layering.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { layeringRule } from './scripts/lint/layeringRule.js';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export const rendererImportRule = [
  'error',
  {
    paths: [
      { name: 'electron', message: 'The renderer talks to main only through window.ccm (electron/contract).' },
      ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs sandboxed: no Node modules.' })),
    ],
    patterns: [
      {
        group: [
          '**/electron/*',
          '!**/electron/contract',
          '!**/electron/shared',
          '**/electron/*/**',
          '!**/electron/contract/**',
          '!**/electron/shared/**',
        ],
        message: 'The renderer may import only from electron/contract and electron/shared, never from main.',
      },
      { group: ['**/preload/**'], message: 'The renderer reaches the preload only through window.ccm.' },
    ],
  },
];

export const contractImportRule = [
  'error',
  {
    paths: [
      { name: 'electron', message: 'electron/contract is pure TypeScript + zod: no electron.' },
      ...nodeBuiltins.map((name) => ({
        name,
        message: 'electron/contract is pure TypeScript + zod: no Node modules.',
      })),
    ],
    patterns: [
      {
        group: [
          '../*',
          '!../define',
          '!../permissions',
          '!../envelope',
          '!../client',
          '!../services',
          '!../services/*',
          '../../**',
        ],
        message: 'electron/contract must not import the rest of main.',
      },
    ],
  },
];

const PURE = 'node:* and electron are not allowed';

/**
 * What each folder may import (`files`: the folders a layer covers; see layeringRule.js for the fields).
 * docs/ARCHITECTURE.md "Layering" has the same table in words.
 */
export const LAYERS = {
  layers: [
    {
      files: ['electron/domain'],
      only: ['electron/domain', 'electron/shared', 'electron/contract'],
      message: 'electron/domain is pure rules: it imports only domain, electron/shared and electron/contract',
    },
    {
      files: ['electron/domain'],
      modules: ['node', 'electron'],
      // Hashes, key derivation and X.509 parsing: computation, no I/O.
      allowModules: ['node:crypto'],
      tests: 'relaxed',
      message: `electron/domain is pure rules (no I/O): ${PURE} (node:crypto only)`,
    },
    {
      files: ['electron/shared'],
      only: ['electron/shared', 'electron/contract'],
      modules: ['node', 'electron'],
      message: `electron/shared is pure code for main and the renderer: ${PURE}, nor the rest of main`,
    },
    {
      files: ['electron/connectors'],
      folders: ['electron/services', 'electron/ipc', 'electron/host', 'electron/window', 'electron/main'],
      // ServiceError is the one error type every layer throws.
      allowFolders: ['electron/ipc/errors'],
      tests: 'relaxed',
      message: 'Connectors do not import services, ipc, host or window (the services use the connectors)',
    },
    {
      files: ['electron', 'preload'],
      except: ['electron/main.ts', 'electron/window', 'electron/ipc/electronIpc.ts', 'preload', 'electron/contract'],
      modules: ['electron'],
      message:
        'Only the Electron adapters (electron/main.ts, electron/window/, electron/ipc/electronIpc.ts, preload/) ' +
        'import electron; a service gets what it needs injected (ServiceDeps.desktop)',
    },
    {
      files: ['electron/services'],
      folders: ['electron/window', 'electron/host', 'electron/main'],
      message: 'Services run the same in both modes: they do not import window, host or main (inject instead)',
    },
  ],
  features: [
    { root: 'electron/services', shared: ['testing'] },
    { root: 'renderer/src/features', shared: [] },
  ],
};

// Lines over 120 characters (Prettier's width; it leaves long strings and comments alone). On for the folders
// that are clean so far; tests and test helpers may keep long strings (fixture data, quoted manuals).
const MAX_LEN_FOLDERS = [
  'electron/domain',
  'electron/connectors',
  'electron/shared',
  'electron/window',
  'electron/ipc',
  'preload',
  'scripts',
  'electron/services',
  'electron/contract',
  'electron/host',
  'electron/cli',
  'electron/log',
  'e2e',
  'renderer',
];
const maxLen = { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true };
const maxLenConfigs = [
  {
    files: MAX_LEN_FOLDERS.map((f) => `${f}/**/*.{ts,tsx,js,mjs}`),
    rules: { 'max-len': ['error', maxLen] },
  },
  {
    // Demo rows (demoSeed.ts, responseFiles/demo.ts: a sample response file's XML) are data too.
    files: [
      ...MAX_LEN_FOLDERS.flatMap((f) => [`${f}/**/*.test.{ts,tsx}`, `${f}/**/testing/**`]),
      'electron/connectors/db/demoSeed.ts',
      'electron/services/responseFiles/demo.ts',
      // Playwright specs are tests too (quoted on-screen texts).
      'e2e/**/*.spec.ts',
    ],
    rules: { 'max-len': ['error', { ...maxLen, ignoreStrings: true, ignoreTemplateLiterals: true }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/screenshots/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { layering: { rules: { imports: layeringRule } } },
    rules: { 'layering/imports': ['error', LAYERS] },
  },
  {
    files: ['electron/**/*.ts', 'preload/**/*.ts', 'scripts/**/*.{js,mjs}', 'e2e/**/*.ts', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': rendererImportRule,
    },
  },
  {
    files: ['electron/contract/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': contractImportRule },
  },
  ...maxLenConfigs,
);
