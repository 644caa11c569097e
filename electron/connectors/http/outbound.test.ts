import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDanted, type TestSocksProxy } from '../../testing/danted';
import { testCa } from '../../testing/testCa';
import { startTinyproxy, type TestHttpProxy } from '../../testing/tinyproxy';
import { X509Certificate } from 'node:crypto';
import { addOutboundCa, fetchFailure, fetchVia, outboundFetch, pinMismatchOf, setProxyProvider } from './outbound';
import { bypassed, routeFor, type ResolvedProxy } from './proxy';

/** Real proxies (Debian tinyproxy, Dante) and real servers on 127.0.0.1; the proxies' logs prove the route. */
let httpProxy: TestHttpProxy;
let openProxy: TestHttpProxy;
let socks: TestSocksProxy;
let plain: Server;
let secure: Server;
let plainUrl = '';
let secureUrl = '';
/** A server whose certificate no trusted root signed (a CUCM's self-signed Tomcat certificate). */
let selfSigned: Server;
let selfSignedUrl = '';
let selfSignedSha = '';
const auth = { user: 'ccmproxy', password: 'Pr0xy-secret' };
/** Paths the test servers answered: proves whether a request reached the target. */
const served: string[] = [];

const listen = (s: Server) =>
  new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));

beforeAll(async () => {
  const ca = testCa();
  addOutboundCa(ca.caPem);
  [httpProxy, openProxy, socks] = await Promise.all([startTinyproxy({ auth }), startTinyproxy(), startDanted()]);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    served.push(req.url ?? '');
    res.setHeader('content-type', 'text/plain');
    res.end(`hello ${req.url}`);
  };
  plain = createHttpServer(handler);
  secure = createHttpsServer({ cert: ca.server.certPem, key: ca.server.keyPem }, handler);
  plainUrl = `http://127.0.0.1:${await listen(plain)}`;
  secureUrl = `https://localhost:${await listen(secure)}`;
  selfSigned = createHttpsServer({ cert: ca.untrusted.certPem, key: ca.untrusted.keyPem }, handler);
  selfSignedUrl = `https://127.0.0.1:${await listen(selfSigned)}`;
  selfSignedSha = new X509Certificate(ca.untrusted.certPem).fingerprint256;
}, 30_000);

afterAll(async () => {
  setProxyProvider(null);
  await Promise.all([httpProxy?.stop(), openProxy?.stop(), socks?.stop()]);
  plain?.close();
  secure?.close();
  selfSigned?.close();
});

const viaHttp = (over: Partial<NonNullable<ResolvedProxy['http']>> = {}): ResolvedProxy => ({
  http: { host: '127.0.0.1', port: httpProxy.port, username: auth.user, password: auth.password, ...over },
  socks: null,
  bypass: [],
});
const viaSocks = (version: 4 | 5): ResolvedProxy => ({
  http: null,
  socks: { host: '127.0.0.1', port: socks.port, username: '', password: '', version },
  bypass: [],
});

describe('bypass list', () => {
  it('matches <local>, exact names, *.domain, .domain and IPv4 networks', () => {
    expect(bypassed('intranet', ['<local>'])).toBe(true);
    expect(bypassed('intranet.corp', ['<local>'])).toBe(false);
    expect(bypassed('LOCALHOST', ['localhost'])).toBe(true);
    expect(bypassed('a.b.corp.local', ['*.corp.local'])).toBe(true);
    expect(bypassed('corp.local', ['*.corp.local'])).toBe(false);
    expect(bypassed('corp.local', ['.corp.local'])).toBe(true);
    expect(bypassed('127.9.8.7', ['127.0.0.0/8'])).toBe(true);
    expect(bypassed('128.0.0.1', ['127.0.0.0/8'])).toBe(false);
    expect(bypassed('[::1]', ['::1'])).toBe(true);
    expect(bypassed('example.com', ['10.0.0.0/8', 'localhost'])).toBe(false);
  });
  it('routes by the setting: HTTP/HTTPS proxy first, SOCKS otherwise, bypassed hosts direct', () => {
    const both: ResolvedProxy = { ...viaHttp(), socks: viaSocks(5).socks, bypass: ['localhost'] };
    expect(routeFor(new URL('https://example.com/'), both)).toBe('http');
    expect(routeFor(new URL('https://localhost/'), both)).toBe('direct');
    expect(routeFor(new URL('https://example.com/'), { ...both, http: null })).toBe('socks');
    expect(routeFor(new URL('https://example.com/'), null)).toBe('direct');
  });
});

describe('outboundFetch through real proxies', () => {
  it('http target through tinyproxy with Basic credentials: forwarded, in its log', async () => {
    const res = await fetchVia(viaHttp(), `${plainUrl}/forwarded`);
    expect(await res.text()).toBe('hello /forwarded');
    expect(httpProxy.log()).toContain('/forwarded');
  });

  it('https target through tinyproxy: CONNECT tunnel, the target certificate checked end to end', async () => {
    const res = await fetchVia(viaHttp(), `${secureUrl}/tunnelled`);
    expect(await res.text()).toBe('hello /tunnelled');
    expect(httpProxy.log()).toMatch(/CONNECT localhost:\d+/);
  });

  it('wrong proxy password: refused by the proxy (tinyproxy answers 401), the target never reached', async () => {
    const res = await fetchVia(viaHttp({ password: 'wrong' }), `${plainUrl}/denied`, undefined, { fresh: true });
    expect([401, 407]).toContain(res.status);
    expect(res.headers.get('server')).toMatch(/tinyproxy/);
    const err = await fetchVia(viaHttp({ password: 'wrong' }), `${secureUrl}/denied`, undefined, { fresh: true }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(fetchFailure(err)).toMatch(/40[17]/);
    expect(served).not.toContain('/denied');
  });

  it('a bypassed host goes direct: not in the proxy log', async () => {
    const res = await fetchVia({ ...viaHttp(), bypass: ['127.0.0.0/8'] }, `${plainUrl}/bypassed-direct`);
    expect(await res.text()).toBe('hello /bypassed-direct');
    expect(httpProxy.log()).not.toContain('/bypassed-direct');
  });

  it('SOCKS v5 and v4 through danted: http and https, each connection in its log', async () => {
    const before = (socks.log().match(/tcp\/connect/g) ?? []).length;
    expect(await (await fetchVia(viaSocks(5), `${plainUrl}/socks5`)).text()).toBe('hello /socks5');
    expect(await (await fetchVia(viaSocks(5), `${secureUrl}/socks5s`, undefined, { fresh: true })).text()).toBe(
      'hello /socks5s',
    );
    expect(await (await fetchVia(viaSocks(4), `${plainUrl}/socks4`, undefined, { fresh: true })).text()).toBe(
      'hello /socks4',
    );
    expect((socks.log().match(/tcp\/connect \[/g) ?? []).length).toBeGreaterThanOrEqual(before + 3);
    // Each relayed connection names its destination: ours are the two test servers' ports.
    const relayed = (url: string) => socks.log().includes(`127.0.0.1.${new URL(url).port}`);
    expect(relayed(plainUrl) && relayed(secureUrl)).toBe(true);
  });

  it('outboundFetch uses the installed provider on every call', async () => {
    let setting: ResolvedProxy | null = {
      ...viaHttp(),
      http: { host: '127.0.0.1', port: openProxy.port, username: '', password: '' },
    };
    setProxyProvider(async () => setting);
    expect(await (await outboundFetch(`${plainUrl}/provider-1`)).text()).toBe('hello /provider-1');
    expect(openProxy.log()).toContain('/provider-1');
    setting = null;
    expect(await (await outboundFetch(`${plainUrl}/provider-2`)).text()).toBe('hello /provider-2');
    expect(openProxy.log()).not.toContain('/provider-2');
    setProxyProvider(async () => {
      throw new Error('Database unavailable');
    });
    await expect(outboundFetch(`${plainUrl}/provider-3`)).rejects.toThrow(/unavailable/);
    setProxyProvider(null);
  });

  it('a pinned certificate: exactly that one is accepted on the request’s own connection, direct, via CONNECT and via SOCKS', async () => {
    const wrongPin = Array(32).fill('AB').join(':');
    const routes: [string, ResolvedProxy | null][] = [
      ['direct', null],
      ['http', viaHttp()],
      ['socks5', viaSocks(5)],
    ];
    for (const [name, proxy] of routes) {
      // Not signed by a trusted root: refused without the pin…
      const plainErr = await fetchVia(proxy, `${selfSignedUrl}/unpinned-${name}`, undefined, { fresh: true }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(fetchFailure(plainErr)).toMatch(/self[- ]signed|unable to verify|CERT/i);
      // …accepted with its own fingerprint (lower case is the same pin)…
      const ok = await fetchVia(proxy, `${selfSignedUrl}/pinned-${name}`, undefined, {
        pinnedSha256: selfSignedSha.toLowerCase(),
      });
      expect(await ok.text()).toBe(`hello /pinned-${name}`);
      // …and a certificate a trusted root signed is still refused when another one is pinned.
      const err = await fetchVia(proxy, `${secureUrl}/mispinned-${name}`, undefined, { pinnedSha256: wrongPin }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(pinMismatchOf(err)).toEqual({
        presentedSha256: new X509Certificate(testCa().server.certPem).fingerprint256,
      });
    }
    expect(served).toEqual(expect.arrayContaining(['/pinned-direct', '/pinned-http', '/pinned-socks5']));
    expect(served.filter((p) => /unpinned|mispinned/.test(p))).toEqual([]);
    expect(httpProxy.log()).toMatch(/CONNECT 127\.0\.0\.1:\d+/);
    await expect(fetchVia(null, `${plainUrl}/pinned-plain`, undefined, { pinnedSha256: wrongPin })).rejects.toThrow();
    expect(served).not.toContain('/pinned-plain');
  });
});
