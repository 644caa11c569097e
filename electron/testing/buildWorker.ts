import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/**
 * Builds one worker entry the way scripts/build.mjs builds main's (Vite, Node target, CJS,
 * npm packages left external), so tests drive the worker as it ships. The folder is inside
 * the repository (.out/, git-ignored) so the bundle's require() finds node_modules.
 */
export async function buildWorkerForTest(name: string, entry: string): Promise<{ file: string; remove(): void }> {
  const root = resolve(__dirname, '../..');
  mkdirSync(join(root, '.out'), { recursive: true });
  const out = mkdtempSync(join(root, '.out', `${name}-test-`));
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    ssr: { external: ['electron'] },
    build: {
      ssr: true,
      target: 'node20',
      outDir: out,
      minify: false,
      rollupOptions: {
        input: { [name]: entry },
        external: ['electron', /^node:/],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  });
  return { file: join(out, `${name}.cjs`), remove: () => rmSync(out, { recursive: true, force: true }) };
}
