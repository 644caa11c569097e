import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';

// `npm run lint` = eslint (the layering rules: electron/contract/layering.test.ts; line length here),
// prettier --check and knip. Each check below fails when its part of the lint is removed.
const root = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const knipConfig = JSON.parse(readFileSync(join(root, 'knip.json'), 'utf8')) as Record<string, unknown> & {
  entry: string[];
};

describe('npm run lint', () => {
  it('runs eslint, the Prettier check and knip over the whole tree', () => {
    const steps = pkg.scripts.lint!.split('&&').map((s) => s.trim());
    expect(steps).toContain('eslint .');
    expect(steps.some((s) => s.startsWith('prettier --check .'))).toBe(true);
    expect(steps.some((s) => s.startsWith('knip'))).toBe(true);
  });
});

describe('Prettier (print width 120)', () => {
  it('an unformatted file fails the check; the same code formatted passes', async () => {
    const filepath = join(root, 'electron/domain/example/rule.ts');
    const options = { ...(await prettier.resolveConfig(filepath)), filepath };
    expect(options.printWidth).toBe(120);
    const ugly = "export const a = {b:1,  c:'x'}\n";
    expect(await prettier.check(ugly, options)).toBe(false);
    expect(await prettier.check(await prettier.format(ugly, options), options)).toBe(true);
    const long = `export const f = (x: number) => compute(${Array.from({ length: 20 }, (_, i) => `x${i}`).join(', ')});\n`;
    expect(long.length).toBeGreaterThan(120);
    expect(await prettier.check(long, options)).toBe(false);
  });
});

describe('line length (eslint max-len 120)', () => {
  const eslint = new ESLint({ cwd: root });
  const maxLen = async (filePath: string, code: string) => {
    const [r] = await eslint.lintText(code, { filePath });
    return (r?.messages ?? []).filter((m) => m.ruleId === 'max-len');
  };
  it('a comment or a string over 120 characters in domain, connectors or scripts is an error', async () => {
    const comment = `// ${'word '.repeat(30)}\nexport const a = 1;\n`;
    const string = `export const m =\n  '${'x'.repeat(125)}';\n`;
    for (const file of ['electron/domain/example/rule.ts', 'electron/connectors/db/x.ts', 'scripts/bench/x.ts']) {
      expect(await maxLen(file, comment), file).toHaveLength(1);
      expect(await maxLen(file, string), file).toHaveLength(1);
    }
  });
  it('URLs, and long strings in tests (fixture data), are allowed', async () => {
    const url = `// https://example.com/${'a'.repeat(120)}\nexport const a = 1;\n`;
    expect(await maxLen('electron/domain/example/rule.ts', url)).toEqual([]);
    const fixture = `export const m =\n  '${'x'.repeat(125)}';\n`;
    expect(await maxLen('electron/domain/example/rule.test.ts', fixture)).toEqual([]);
  });
});

describe('knip: unused exports, files and dependencies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-knip-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every entry the config names exists (globs aside)', () => {
    for (const e of knipConfig.entry.filter((x) => !/[*{]/.test(x))) expect(existsSync(join(root, e)), e).toBe(true);
  });

  it('the repository config flags an unused export, an unused file and an unused dependency', () => {
    // A tiny project with the repository's knip rules (what it reports, how it treats exports used
    // in their own file); only the entry and project globs are the fixture's.
    const { entry: _entry, project: _project, ignoreBinaries: _bins, $schema: _schema, ...rules } = knipConfig;
    writeFileSync(join(dir, 'knip.json'), JSON.stringify({ ...rules, entry: ['main.ts'], project: ['**/*.ts'] }));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'fixture', private: true, type: 'module', dependencies: { 'left-pad': '1.3.0' } }),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'preserve', strict: true } }),
    );
    writeFileSync(join(dir, 'main.ts'), "import { used } from './lib';\nconsole.log(used);\n");
    writeFileSync(join(dir, 'lib.ts'), 'export const used = 1;\nexport const neverImported = 2;\n');
    writeFileSync(join(dir, 'orphan.ts'), 'export const alone = 3;\n');
    const run = spawnSync(process.execPath, [join(root, 'node_modules/knip/bin/knip.js'), '--no-progress'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const out = run.stdout + run.stderr;
    expect(run.status, out).toBe(1);
    expect(out).toMatch(/Unused exports[\s\S]*neverImported/);
    expect(out).toMatch(/Unused files[\s\S]*orphan\.ts/);
    expect(out).toMatch(/Unused dependencies[\s\S]*left-pad/);
    expect(out).not.toMatch(/\bused\b.*lib\.ts/);
  });
});
