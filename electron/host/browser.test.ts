import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../contract';
import { parseFlags } from '../cli/flags';
import { startCore, type Core } from '../services';
import { hostCoreOf } from './browserCore';
import { startHost, type Host } from './server';

// The browser-mode host as a real browser sees it: Debian's Chromium (the one the e2e
// suite uses) opens the printed URL, then visits another local web server.

let core: Core;
let host: Host;
let other: Server;
let otherPort: number;
const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-browser-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title><p>console</p>');
  const parsed = parseFlags([]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  core = startCore({
    launchOptions: parsed.options,
    userDataDir: join(dir, 'data'),
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
    connect: false,
  });
  host = await startHost({
    core: { ...hostCoreOf(core), router: core.router, principal: () => ANONYMOUS },
    staticDir,
    port: 0,
  });
  // Some other local web server the user visits (a dev server, another tool).
  other = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>other</title><p>other</p>');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherPort = (other.address() as AddressInfo).port;
  // The e2e suite's flags (playwright.config.ts belongs to the e2e type-check project, hence the run-time import).
  const config = new URL('../../playwright.config.ts', import.meta.url).href;
  const { CHROMIUM_ARGS } = (await import(/* @vite-ignore */ config)) as { CHROMIUM_ARGS: string[] };
  browser = await chromium.launch({
    executablePath: process.env.CCM_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  context = await browser.newContext();
  page = await context.newPage();
}); // vitest.config.ts hookTimeout (120 s): room for a loaded machine

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => other?.close(r));
  await host?.close();
  await core?.dispose();
});

describe('browser mode in Chromium: the run credential stays with the console', () => {
  it('opens the printed URL: *.localhost resolves to the console without DNS, the token becomes a cookie for that name only', async () => {
    const res = await page.goto(host.url);
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe(`${host.origin}/`);
    await expect.poll(() => page.title()).toBe('console');
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ domain: host.hostName, value: host.token, httpOnly: true, sameSite: 'Strict' });
    // The page's own calls carry it.
    const call = await page.evaluate(async () => {
      const r = await fetch('/api/app/getInfo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: r.status, body: (await r.json()) as unknown };
    });
    expect(call).toMatchObject({ status: 200, body: { ok: true, value: { mode: 'browser' } } });
  });

  it('another server on 127.0.0.1 or localhost (another port) never receives the token', async () => {
    for (const url of [`http://127.0.0.1:${otherPort}/a`, `http://localhost:${otherPort}/b`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      await expect.poll(() => page.title()).toBe('other');
    }
    expect(seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/a', '/b']));
    for (const s of seen) {
      expect(s.headers.cookie, s.url).toBeUndefined();
      expect(JSON.stringify(s.headers)).not.toContain(host.token);
    }
  });

  it('the console refuses its port under another name (127.0.0.1, localhost) even with the token in the URL', async () => {
    for (const url of [`http://127.0.0.1:${host.port}/`, `http://localhost:${host.port}/?token=${host.token}`]) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(421);
      expect(await res!.text()).toContain(`http://${host.hostName}:${host.port}/`);
    }
    // No cookie was set for those names.
    expect((await context.cookies()).map((c) => c.domain)).toEqual([host.hostName]);
  });

  it('a page on another origin cannot call the console (Origin refused, no CORS)', async () => {
    await page.goto(`http://127.0.0.1:${otherPort}/c`);
    const outcome = await page.evaluate(async (url) => {
      try {
        const r = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
          credentials: 'include',
        });
        return `status ${r.status}`;
      } catch {
        return 'blocked';
      }
    }, `${host.origin}/api/app/getInfo`);
    expect(outcome).toBe('blocked');
  });

  it('a body over the cap answers 413 with the sentence in the page, not a network error', async () => {
    await page.goto(`${host.origin}/`);
    const big = await page.evaluate(async () => {
      try {
        const body = JSON.stringify({ text: 'x'.repeat(6 * 1024 * 1024) });
        const r = await fetch('/api/app/getInfo', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return { status: r.status, body: (await r.json()) as { ok: boolean; error?: { message: string } } };
      } catch (err) {
        return { status: 0, body: { ok: false, error: { message: String(err) } } };
      }
    });
    expect(big.status).toBe(413);
    expect(big.body.error?.message).toBe(
      'The request is too large (6.0 MB): at most 4.0 MB can be sent for this action. Use a smaller file or fewer rows.',
    );
    // The CSV import declares 50 MB: the same 6 MB reaches the method (which wants a session).
    const csv = await page.evaluate(async () => {
      const body = JSON.stringify({ text: 'x'.repeat(6 * 1024 * 1024) });
      const r = await fetch('/api/users/importCsv', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: r.status, body: (await r.json()) as { error?: { code: string } } };
    });
    expect(csv).toMatchObject({ status: 200, body: { error: { code: 'NOT_SIGNED_IN' } } });
  });
});
