import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error — plain ESM script shared with `npm start`
import { electronBinary } from '../scripts/electron-binary.mjs';
// @ts-expect-error — plain ESM script shared with `npm start`
import { ensureNativeAbi } from '../scripts/native-abi.mjs';
import { SCREENSHOTS } from './fixtures';

// The desktop window itself. It needs Electron's binary, which its npm package downloads
// from GitHub on first run; where that cannot happen (this CI machine has only the npm and
// Debian registries) the spec is skipped and says why. Browser mode covers the same
// renderer and services in shell.spec.ts.
const here = dirname(fileURLToPath(import.meta.url));
const binary = electronBinary() as { ok: true; path: string } | { ok: false; reason: string };

if (!binary.ok) console.log(`[electron.spec] skipped: ${binary.reason}.`);

test.describe('Electron window', () => {
  test.skip(!binary.ok, `Skipped: ${binary.ok ? '' : binary.reason}.`);

  // better-sqlite3 must match the runtime that loads it (see scripts/native-abi.mjs).
  test.beforeAll(() => ensureNativeAbi('electron', resolve(here, '..')));
  test.afterAll(() => ensureNativeAbi('node', resolve(here, '..')));

  test('opens hardened, with window.ccm and no Node', async () => {
    if (!binary.ok) return;
    const app = await electron.launch({
      executablePath: binary.path,
      args: [resolve(here, '../out/main/main.cjs'), '/user:admin', '/password:pw'],
      env: { ...process.env, CCM_USER_DATA: mkdtempSync(join(tmpdir(), 'ccm-el-')) },
    });
    const win = await app.firstWindow();
    await expect(win.getByTestId('titlebar')).toBeVisible();
    expect(win.url()).toMatch(/^app:\/\/ccm\//);
    expect(await win.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await win.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    const info = await win.evaluate(() => window.ccm!.app.getInfo({}));
    expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });
    const opts = await win.evaluate(() => window.ccm!.app.getLaunchOptions({}));
    expect(JSON.stringify(opts)).not.toContain('"pw"');
    // New windows are denied, navigation away is prevented.
    expect(await win.evaluate(() => window.open('https://example.com'))).toBeNull();
    // Main records the attempt (state), then the window must still show the app.
    await app.evaluate(({ BrowserWindow }) => {
      BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event, url) => {
        (globalThis as { ccmNavAttempt?: unknown }).ccmNavAttempt = { url, prevented: event.defaultPrevented };
      });
    });
    await win.evaluate(() => (window.location.href = 'https://example.com'));
    await expect
      .poll(() => app.evaluate(() => (globalThis as { ccmNavAttempt?: unknown }).ccmNavAttempt))
      .toEqual({ url: 'https://example.com/', prevented: true });
    expect(win.url()).toMatch(/^app:\/\/ccm\//);
    await win.screenshot({ path: join(SCREENSHOTS, 'electron-window.png') });
    await app.close();
  });
});
