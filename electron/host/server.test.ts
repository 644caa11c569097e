import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ANONYMOUS, CcmErrorShape, type EventBatch } from '../contract';
import { parseFlags } from '../cli/flags';
import { startCore, type Core } from '../services';
import { hostCoreOf } from './browserCore';
import { scriptsNamedIn, startHost, type Host } from './server';

// The real host on a real loopback port, the real router and services behind it.
let core: Core;
let host: Host;
let staticDir: string;

function launch(argv: string[]) {
  const parsed = parseFlags(argv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.options;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-host-'));
  staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  core = startCore({
    launchOptions: launch(['/user:admin', '/password:S3cret!pw', '/tenantid:7']),
    userDataDir: join(dir, 'data'),
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
    connect: false,
  });
  host = await startHost({
    core: { ...hostCoreOf(core), router: core.router, principal: () => ANONYMOUS },
    staticDir,
    port: 0,
  });
});
afterAll(async () => {
  await host.close();
  await core.dispose();
});

/** Raw request, so tests can set Host/Origin/Cookie exactly. */
function raw(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      // Node does not resolve *.localhost: connect to 127.0.0.1 and name the run's host, as a browser would.
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'GET',
        headers: { host: `${host.hostName}:${host.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}
const auth = () => ({ authorization: `Bearer ${host.token}` });
const api = (svc: string, m: string, args: unknown, headers: Record<string, string> = auth()) =>
  raw(`/api/${svc}/${m}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(args),
  });

describe('browser-mode host: the token', () => {
  it('prints a URL on its own *.localhost name that carries the token', () => {
    expect(host.url).toMatch(
      new RegExp(`^http://ccm-[0-9a-f]{16}\\.localhost:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`),
    );
    expect(host.origin).toBe(`http://${host.hostName}:${host.port}`);
  });

  it('answers 401 to an API call, a page and an asset without the token', async () => {
    expect((await api('app', 'getInfo', {}, {})).status).toBe(401);
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/index.html')).status).toBe(401);
    expect((await api('app', 'getInfo', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api('app', 'getInfo', {}, { cookie: `ccm_${host.port}=wrong` })).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
  });

  it('trades the URL token for an HttpOnly cookie and drops it from the address', async () => {
    const res = await raw(`/?token=${host.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`ccm_${host.port}=${host.token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw('/', { headers: { cookie: `ccm_${host.port}=${host.token}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const call = await api('app', 'getInfo', {}, { cookie: `ccm_${host.port}=${host.token}` });
    expect(JSON.parse(call.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
  });
});

describe('browser-mode host: request checks', () => {
  it('refuses a foreign Host header (DNS rebinding), and 127.0.0.1 / localhost / another run too', async () => {
    for (const h of [
      'evil.example',
      `127.0.0.1:${host.port}`,
      `localhost:${host.port}`,
      `[::1]:${host.port}`,
      `ccm-0000000000000000.localhost:${host.port}`,
      `${host.hostName}:1`,
    ]) {
      const res = await raw('/', { headers: { ...auth(), host: h } });
      expect(res.status, h).toBe(421);
      expect(res.body).toContain(`http://${host.hostName}:${host.port}/`);
    }
    expect((await api('app', 'getInfo', {}, { ...auth(), host: `127.0.0.1:${host.port}` })).status).toBe(421);
    expect(
      (await raw('/', { headers: { ...auth(), host: `${host.hostName.toUpperCase()}:${host.port}` } })).status,
    ).toBe(200);
  });
  it('refuses a cross-origin API call, including from 127.0.0.1 and localhost on the same port', async () => {
    for (const o of [
      'http://evil.example',
      `http://127.0.0.1:${host.port}`,
      `http://localhost:${host.port}`,
      `https://${host.hostName}:${host.port}`,
    ]) {
      expect((await api('app', 'getInfo', {}, { ...auth(), origin: o })).status, o).toBe(403);
    }
    expect((await api('app', 'getInfo', {}, { ...auth(), origin: host.origin })).status).toBe(200);
  });
  it('refuses a non-JSON body type (no simple cross-site form posts)', async () => {
    const res = await raw('/api/app/getInfo', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });
  it('refuses GET on the API', async () => {
    expect((await raw('/api/app/getInfo', { headers: auth() })).status).toBe(405);
  });
  it('does not serve files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await raw(p, { headers: auth() });
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });
  it('answers invalid JSON and bad arguments with the error envelope', async () => {
    const bad = await raw('/api/prefs/save', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '{',
    });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS' } });
    const res = await api('prefs', 'save', { expectedVersion: 0, value: { theme: 'pink' } });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENTS', field: 'value.theme' } });
  });
  it('carries the error details over HTTP as data (the field path and the rule)', async () => {
    const res = await api('prefs', 'save', { expectedVersion: 0, value: { theme: 'pink' } });
    const error = CcmErrorShape.parse(JSON.parse(res.body).error);
    expect(error.details).toMatchObject({ path: ['value', 'theme'], rule: 'invalid_value' });
    expect(error.details?.fieldMessage).toBeTruthy();
    expect(error.message).toBe(`value.theme: ${error.details?.fieldMessage}`);
  });
});

/** A POST whose body is written in chunks (no Content-Length unless given), answered before or after it ends. */
function post(
  path: string,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: { host: `${host.hostName}:${host.port}`, 'content-type': 'application/json', ...auth(), ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    if (!headers['content-length']) req.end();
  });
}
const jsonOf = (text: string) => Buffer.from(JSON.stringify({ text }));

describe('browser-mode host: request size', () => {
  const MiB = 1024 * 1024;
  it('answers 413 with a sentence (not a reset) when the announced length is over the 4 MiB default', async () => {
    const body = Buffer.alloc(5 * MiB, 0x20);
    const res = await post('/api/app/getInfo', [body], { 'content-length': String(body.length) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({
      ok: false,
      error: {
        code: 'INVALID',
        message:
          'The request is too large (5.0 MB): at most 4.0 MB can be sent for this action. Use a smaller file or fewer rows.',
        details: { rule: 'max_body_bytes', limit: 4 * MiB },
      },
    });
  });
  it('answers 413 to a chunked body once it passes the cap', async () => {
    const chunk = Buffer.alloc(MiB, 0x20);
    const res = await post('/api/app/getInfo', [chunk, chunk, chunk, chunk, chunk]);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/^The request is too large: at most 4\.0 MB/);
    // The connection was drained, not reset: the next call on the host works.
    expect((await api('app', 'getInfo', {})).status).toBe(200);
  });
  it('lets a method that declares more take more: the CSV import reads 6 MB and answers its envelope', async () => {
    const csv = 'Logon ID\n' + 'x'.repeat(6 * MiB);
    const res = await post('/api/users/importCsv', [jsonOf(csv)]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } }); // read and routed; this host has no session
    const xml = await post('/api/responseFiles/parse', [
      Buffer.from(JSON.stringify({ content: '<a>' + 'x'.repeat(6 * MiB) + '</a>' })),
    ]);
    expect(xml.status).toBe(200);
  });
  it('refuses the CSV import over its own cap, up front, naming it', async () => {
    const res = await post('/api/users/importCsv', [Buffer.from('{"text":"')], { 'content-length': String(200 * MiB) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.message).toMatch(/at most 96 MB can be sent/);
  });
});

describe('browser-mode host: the contract', () => {
  it('gives launch options without the password', async () => {
    const res = await api('app', 'getLaunchOptions', {});
    expect(res.body).not.toContain('S3cret!pw');
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: { user: 'admin', passwordGiven: true, tenantId: '7' },
    });
  });

  it('refuses a stale preferences save naming both versions', async () => {
    const doc = JSON.parse((await api('prefs', 'get', {})).body).value;
    const first = JSON.parse(
      (await api('prefs', 'save', { expectedVersion: doc.version, value: { ...doc.value, theme: 'dark' } })).body,
    );
    expect(first).toMatchObject({ ok: true, value: { version: doc.version + 1 } });
    const stale = JSON.parse((await api('prefs', 'save', { expectedVersion: doc.version, value: doc.value })).body);
    expect(stale.ok).toBe(false);
    expect(stale.error.code).toBe('CONFLICT');
    expect(stale.error.message).toContain(`[${doc.version}] does not match the current version [${doc.version + 1}]`);
  });
});

describe('browser-mode host: events', () => {
  it('refuses a WebSocket without the token, or with a foreign Host or Origin', async () => {
    const outcomeOf = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', () => resolve('error'));
      });
    const own = { host: `${host.hostName}:${host.port}` };
    expect(await outcomeOf({ ...own, ...auth() })).toBe('open');
    expect(await outcomeOf({ ...auth(), host: `127.0.0.1:${host.port}` })).toBe('401');
    expect(await outcomeOf({ ...own, ...auth(), origin: `http://127.0.0.1:${host.port}` })).toBe('401');
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: own });
    const outcome = await new Promise<string>((resolve) => {
      ws.on('open', () => resolve('open'));
      ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
      ws.on('error', () => resolve('error'));
    });
    expect(outcome).not.toBe('open');
  });

  it('delivers a burst of events in a few batches, not one message per item', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, {
      headers: { ...auth(), host: `${host.hostName}:${host.port}` },
    });
    await new Promise((r) => ws.on('open', r));
    const messages: EventBatch[] = [];
    ws.on('message', (m) => messages.push(JSON.parse(String(m))));
    for (let i = 0; i < 500; i++) core.notices.raise('info', `notice ${i}`);
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    const items = messages.flatMap((b) => b.events.filter((e) => e.name === 'app.notice').flatMap((e) => e.items));
    expect(items).toHaveLength(500);
    expect(messages.length).toBeLessThanOrEqual(2);
  });
});

describe('browser-mode host: main still loading', () => {
  it('serves the page at once and answers the calls once the core is there', async () => {
    let provide!: () => void;
    const late = new Promise<void>((r) => (provide = r)).then(() => ({
      ...hostCoreOf(core),
      router: core.router,
      principal: () => ANONYMOUS,
    }));
    const early = await startHost({ core: late, staticDir, port: 0 });
    try {
      const get = (path: string, method = 'GET', body?: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: early.port,
              path,
              method,
              headers: {
                host: `${early.hostName}:${early.port}`,
                authorization: `Bearer ${early.token}`,
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              },
            },
            (res) => {
              let text = '';
              res.on('data', (c) => (text += c));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      // The renderer's files while main's services are not loaded yet.
      expect((await get('/')).status).toBe(200);
      let answered = false;
      const call = get('/api/app/getInfo', 'POST', '{}').then((r) => ((answered = true), r));
      await new Promise((r) => setTimeout(r, 100));
      expect(answered).toBe(false); // waits for the core, not an error
      provide();
      const res = await call;
      expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    } finally {
      provide();
      await early.close();
    }
  });
});

describe('browser-mode host: when the page has its scripts', () => {
  it('scriptsNamedIn finds the module script and the modulepreloads, nothing else', () => {
    const html =
      '<script type="module" crossorigin src="./assets/index-A.js"></script>' +
      '<link rel="modulepreload" crossorigin href="./assets/runtime-B.js">' +
      '<link rel="stylesheet" href="./assets/x.css"><link rel="icon" href="data:,">';
    expect([...scriptsNamedIn(html)]).toEqual(['index-A.js', 'runtime-B.js']);
  });

  it('onPageScriptsSent fires once, after the last script index.html names has gone out (not the first)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-host-scripts-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<script type="module" src="./assets/a.js"></script><link rel="modulepreload" href="./assets/b.js">',
    );
    for (const f of ['a.js', 'b.js', 'later.js']) writeFileSync(join(dir, 'assets', f), '// x');
    let calls = 0;
    const h = await startHost({
      core: { ...hostCoreOf(core), router: core.router, principal: () => ANONYMOUS },
      staticDir: dir,
      port: 0,
      onPageScriptsSent: () => calls++,
    });
    try {
      const get = (path: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: h.port,
              path,
              headers: { host: `${h.hostName}:${h.port}`, authorization: `Bearer ${h.token}` },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end();
        });
      expect(await get('/assets/a.js')).toBe(200); // before index.html: the page's list is not known yet
      expect(await get('/')).toBe(200);
      expect(await get('/assets/later.js')).toBe(200);
      expect(await get('/assets/a.js')).toBe(200);
      expect(calls).toBe(0);
      expect(await get('/assets/b.js')).toBe(200);
      await new Promise((r) => setImmediate(r));
      expect(calls).toBe(1);
      expect(await get('/assets/b.js')).toBe(200);
      expect(calls).toBe(1);
    } finally {
      await h.close();
    }
  });
});
