// Flat config. The two layering rules of DESIGN.md are errors here:
//  1. the renderer imports nothing from electron/ but electron/contract (and no node:* or electron);
//  2. electron/contract imports neither node:* nor electron (nor the rest of main).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

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
        group: ['**/electron/*', '!**/electron/contract', '**/electron/*/**', '!**/electron/contract/**'],
        message: 'The renderer may import only from electron/contract, never from main.',
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
);
