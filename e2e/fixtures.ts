import type { Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const SCREENSHOTS = resolve(here, 'screenshots');

/** Starts the real console in browser mode (built out/main/browser.cjs) on a free port. */
export async function startConsole(
  args: string[] = [],
  env: Record<string, string> = {},
  /** Resolve at the printed URL, before the database is ready (first run: while the demo database is created). */
  early = false,
): Promise<{ url: string; origin: string; output: () => string; stop: () => Promise<void> }> {
  const userData = mkdtempSync(join(tmpdir(), 'ccm-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(process.env.CCM_OUT ?? resolve(here, '../out'), 'main/browser.cjs'), ...args],
    {
      env: { ...process.env, CCM_USER_DATA: userData, CCM_BROWSER_REASON: 'e2e test', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`console did not print its URL:\n${out}`)), 45_000);
    const check = () => {
      const m = /Open: (http:\/\/[a-z0-9.-]+:\d+\/\?token=\S+)/.exec(out);
      // The URL is printed before the database is ready; the tests start once it is (the "Ready:" line).
      if (m && (early || /^Ready: /m.test(out))) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => fail(new Error(`console exited (${code}):\n${out}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => out,
    stop: () =>
      new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

/** Resolves when no finite animation or transition (a dialog fading in) is running: state, not a sleep. */
export async function settled(page: Page) {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
  );
}

export async function shot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
