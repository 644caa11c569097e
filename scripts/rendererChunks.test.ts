import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtMainFile } from '../electron/paths';

/**
 * The first paint loads only the shell and the sign-in form (issue: fast to open). This builds the
 * renderer as `npm start` does and reads what the page's entry script holds: a static import of the
 * areas (an area's view reaching App.tsx or the shell) would pull every view into it, and nothing else
 * would notice but the start-up benchmark.
 */
const root = resolve(__dirname, '..');
let out = '';
let entry = '';
let assets = '';

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'ccm-chunks-'));
  await promisify(execFile)(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], {
    cwd: root,
    // Without vitest's NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production', CCM_OUT: out },
  });
  assets = join(out, 'renderer', 'assets');
  const html = readFileSync(join(out, 'renderer', 'index.html'), 'utf8');
  const src = /<script[^>]+src="\.\/assets\/([^"]+\.js)"/.exec(html)?.[1];
  expect(src, 'index.html names its entry script').toBeTruthy();
  entry = join(assets, src!);
}, 180_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('the renderer’s entry chunk', () => {
  it('holds the sign-in form and the shell, and none of the areas’ views', () => {
    const js = readFileSync(entry, 'utf8');
    expect(js).toContain('signin-logonId');
    expect(js).toContain('areas-loading'); // the shell's placeholder while the areas load
    // One view of several areas (their testids appear nowhere else).
    for (const viewOnly of ['sg-table', 'ot-table', 'rf-list', 'users-grid']) expect(js).not.toContain(viewOnly);
    // The areas arrive by import(), in chunks of their own.
    expect(js).toMatch(/import\(`\.\/workspace-[\w-]+\.js`\)|import\("\.\/workspace-[\w-]+\.js"\)/);
  });

  it('stays within its size budget (1.25 MiB; it was 1.11 MiB when this test was written)', () => {
    expect(statSync(entry).size).toBeLessThan(1.25 * 1024 * 1024);
    const chunks = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
  });
});

describe('the built main process finds its worker threads', () => {
  // The trap receiver and the response-file parser run in workers built next to main.cjs; the code that
  // starts them is bundled into a shared chunk one folder down. Found from neither place, the console
  // silently did their work on main's event loop.
  for (const worker of ['alarmsReceiver.cjs', 'responseFilesWorker.cjs', 'userSyncLdapWorker.cjs']) {
    it(`finds ${worker} from every file that names it`, () => {
      const main = join(out, 'main');
      const files = [main, join(main, 'chunks')].flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith('.cjs') && f !== worker)
          .map((f) => join(d, f)),
      );
      const askers = files.filter((f) => readFileSync(f, 'utf8').includes(`"${worker}"`));
      expect(askers.length).toBeGreaterThan(0);
      for (const f of askers) expect(builtMainFile(worker, dirname(f)), f).toBe(join(main, worker));
    });
  }

  it('finds nothing when running from sources', () => {
    expect(builtMainFile('alarmsReceiver.cjs')).toBeNull();
  });
});
