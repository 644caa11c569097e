import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

describe('the built browser mode at start-up', () => {
  // Packages only some sites use are required on first use (connectors/lazyRequire.ts): each is tens of
  // milliseconds before the sign-in form can show. A static import of one of them anywhere on the start-up path
  // would bring it back, and only the start-up benchmark would notice.
  const LATER = ['pg', 'undici', 'socks', 'openid-client'];

  it(
    'listens before main’s services are loaded, and does not load ' + LATER.join(', '),
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ccm-start-'));
      const hook = join(dir, 'hook.cjs');
      // Says each watched package the first time Node loads it, and when main's services are required.
      writeFileSync(
        hook,
        `const M = require('module'); const load = M._load; const seen = new Set();
       M._load = function (id, ...rest) {
         const name = ${JSON.stringify(LATER)}.find((p) => id === p || id.startsWith(p + '/'));
         if (name && !seen.has(name)) { seen.add(name); process.stderr.write('LOADED ' + name + '\\n'); }
         if (/browserCore/.test(id) && !seen.has('core')) { seen.add('core'); process.stderr.write('CORE\\n'); }
         return load.call(this, id, ...rest);
       };`,
      );
      const child = spawn(process.execPath, ['-r', hook, join(out, 'main', 'browser.cjs')], {
        // Built under the temporary folder: the packages are the checkout's.
        env: {
          ...process.env,
          NODE_ENV: 'production',
          CCM_USER_DATA: join(dir, 'data'),
          NODE_PATH: join(root, 'node_modules'),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (c) => (text += c));
      child.stderr.on('data', (c) => (text += c));
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no "Ready:" line:\n${text}`)), 90_000);
          const check = () => {
            if (/Ready: /.test(text)) {
              clearTimeout(timer);
              resolve();
            }
          };
          child.stdout.on('data', check);
          child.once('exit', (code) => reject(new Error(`console exited (${code}):\n${text}`)));
        });
      } finally {
        child.kill('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      }
      // The URL is printed before the services are required (the page loads meanwhile).
      expect(text.indexOf('Open: http')).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('Open: http')).toBeLessThan(text.indexOf('CORE'));
      expect(text.match(/LOADED \S+/g) ?? []).toEqual([]);
    },
    120_000,
  );
});
