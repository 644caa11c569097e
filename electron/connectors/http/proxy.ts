import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import type * as Undici from 'undici';
import type { buildConnector, Dispatcher } from 'undici';
import type * as Socks from 'socks';
import { lazyRequire } from '../lazyRequire';

/** undici and socks are required on the first outbound request, not when main starts. */
export const undici = lazyRequire<typeof Undici>('undici');
const socks = lazyRequire<typeof Socks>('socks');

/**
 * What outboundFetch needs to route a request (System Parameters › Proxy settings, resolved by
 * the systemParameters feature with the passwords from the keychain).
 * - `http`: an HTTP/HTTPS proxy. http:// targets are forwarded (absolute-form request), https://
 *   targets are tunnelled with CONNECT, so the target's certificate reaches the console unchanged
 *   (the manual: the proxy must not "decrypt & scan").
 * - `socks`: a SOCKS v4 or v5 proxy, used when no HTTP/HTTPS proxy is set (both set: the HTTP/HTTPS
 *   proxy carries http and https; SOCKS is the fallback the manual lists second).
 * - `bypass`: targets reached directly (see `bypassed`).
 */
export interface ProxyRoute {
  host: string;
  port: number;
  username: string;
  password: string;
}
export interface ResolvedProxy {
  http: ProxyRoute | null;
  socks: (ProxyRoute & { version: 4 | 5 }) | null;
  bypass: readonly string[];
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/**
 * Whether a target host is reached directly. Entries (case-insensitive):
 * - `<local>`: a host name without a dot (an intranet name), as Windows' bypass list writes it;
 * - `*.example.com` (any sub-domain) or `.example.com` (the domain and its sub-domains);
 * - an exact host name or IP address (`localhost`, `10.0.0.5`, `::1`);
 * - an IPv4 network in CIDR form (`127.0.0.0/8`, `192.168.0.0/16`).
 */
export function bypassed(targetHost: string, bypass: readonly string[]): boolean {
  const host = bare(targetHost);
  for (const raw of bypass) {
    const entry = bare(raw.trim());
    if (!entry) continue;
    if (entry === '<local>') {
      if (!host.includes('.') && !host.includes(':')) return true;
      continue;
    }
    const cidr = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(entry);
    if (cidr) {
      if (isIP(host) !== 4) continue;
      const bits = Number(cidr[2]);
      const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
      if ((ipv4ToInt(host) & mask) === (ipv4ToInt(cidr[1]!) & mask)) return true;
      continue;
    }
    if (entry.startsWith('*.')) {
      if (host.endsWith(entry.slice(1))) return true;
      continue;
    }
    if (entry.startsWith('.')) {
      if (host === entry.slice(1) || host.endsWith(entry)) return true;
      continue;
    }
    if (host === entry) return true;
  }
  return false;
}

/** Which route a URL takes under a setting: 'direct', 'http' or 'socks'. */
export function routeFor(url: URL, proxy: ResolvedProxy | null): 'direct' | 'http' | 'socks' {
  if (!proxy || (!proxy.http && !proxy.socks)) return 'direct';
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'direct';
  if (bypassed(url.hostname, proxy.bypass)) return 'direct';
  return proxy.http ? 'http' : 'socks';
}

export interface DispatcherOptions {
  /** Extra trusted roots for the targets' TLS (besides the system's), e.g. a private CA. */
  ca?: readonly string[];
}

/** `ca` replaces Node's roots, so extra roots are added to them, never instead of them. */
const tlsOptions = (o: DispatcherOptions) => (o.ca && o.ca.length ? { ca: [...rootCertificates, ...o.ca] } : {});

/** A direct connection (no proxy) that also trusts the extra roots. */
export function directDispatcher(o: DispatcherOptions = {}): Dispatcher {
  return new (undici().Agent)({ connect: tlsOptions(o) });
}

/** An undici ProxyAgent for the HTTP/HTTPS proxy (Basic credentials when a username is set). */
export function httpProxyDispatcher(p: ProxyRoute, o: DispatcherOptions = {}): Dispatcher {
  const host = isIP(p.host) === 6 ? `[${p.host}]` : p.host;
  return new (undici().ProxyAgent)({
    uri: `http://${host}:${p.port}`,
    ...(p.username ? { token: `Basic ${Buffer.from(`${p.username}:${p.password}`, 'utf8').toString('base64')}` } : {}),
    proxyTunnel: false,
    requestTls: tlsOptions(o),
  });
}

/** A TCP connection to `host:port` relayed by a SOCKS v4/v5 proxy (the `socks` package). */
function socksTunnel(p: ProxyRoute & { version: 4 | 5 }, host: string, port: number): Promise<Socket> {
  return socks()
    .SocksClient.createConnection({
      proxy: {
        host: p.host,
        port: p.port,
        type: p.version,
        ...(p.username ? { userId: p.username, password: p.password } : {}),
      },
      command: 'connect',
      destination: { host, port },
      timeout: 10_000,
    })
    .then(({ socket }) => socket);
}

/**
 * A TCP connection to `host:port` through an HTTP proxy's CONNECT (Basic credentials when a
 * username is set); resolves with the tunnelled socket once the proxy answered 2xx.
 */
function connectTunnel(p: ProxyRoute, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: p.host, port: p.port });
    const target = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
    let head = Buffer.alloc(0);
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(new Error(`The HTTP proxy ${p.host}:${p.port} did not answer CONNECT ${target} in time`)),
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      const auth = p.username
        ? `Proxy-Authorization: Basic ${Buffer.from(`${p.username}:${p.password}`, 'utf8').toString('base64')}\r\n`
        : '';
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
    });
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384) fail(new Error(`The HTTP proxy ${p.host}:${p.port} sent no valid answer`));
        return;
      }
      socket.off('data', onData);
      const status = /^HTTP\/1\.[01] (\d{3})([^\r\n]*)/.exec(head.subarray(0, end).toString('latin1'));
      if (!status || !status[1]!.startsWith('2')) {
        const said = status ? `${status[1]}${status[2]}` : 'no HTTP answer';
        fail(new Error(`The HTTP proxy ${p.host}:${p.port} refused CONNECT ${target}: ${said}`));
        return;
      }
      socket.setTimeout(0);
      socket.off('error', fail);
      // Bytes after the answer belong to the target (its greeting): give them back to the stream.
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
  });
}

/**
 * A TCP connection to `host:port` (a non-HTTP protocol: SMTP) under a proxy setting: null when it
 * goes direct (no proxy, or the host is on the bypass list), else a socket through the SOCKS
 * proxy when one is set (SOCKS relays any TCP), otherwise through the HTTP/HTTPS proxy's CONNECT.
 * TLS, if any, is the caller's, over this socket, so the target's certificate is checked as on a
 * direct connection.
 */
export async function tcpVia(
  proxy: ResolvedProxy | null,
  host: string,
  port: number,
  timeoutMs = 15_000,
): Promise<Socket | null> {
  if (!proxy || (!proxy.http && !proxy.socks) || bypassed(host, proxy.bypass)) return null;
  if (proxy.socks) return socksTunnel(proxy.socks, bare(host), port);
  return connectTunnel(proxy.http!, bare(host), port, timeoutMs);
}

/**
 * An undici Agent whose connections go through a SOCKS v4/v5 proxy; TLS for https targets is then
 * set up over the SOCKS socket by undici's own connector, so certificate checks are exactly those
 * of a direct connection.
 */
export function socksDispatcher(p: ProxyRoute & { version: 4 | 5 }, o: DispatcherOptions = {}): Dispatcher {
  const tls = undici().buildConnector({ ...tlsOptions(o) });
  return new (undici().Agent)({
    connect(opts, callback) {
      const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      socksTunnel(p, bare(opts.hostname), port).then(
        (socket) => {
          if (opts.protocol === 'https:') tls({ ...opts, httpSocket: socket }, callback);
          else callback(null, socket);
        },
        (err: Error) => callback(err, null),
      );
    },
  });
}

/**
 * The server presented a certificate other than the pinned one. Carried as fetch's `cause` so a
 * caller can say so rather than "fetch failed".
 */
export class PinMismatchError extends Error {
  readonly code = 'ERR_CCM_PIN_MISMATCH';
  constructor(readonly presentedSha256: string) {
    super(`The server presented another certificate than the pinned one (SHA-256 ${presentedSha256}).`);
    this.name = 'PinMismatchError';
  }
}

/** "AB:CD:…" upper case, the form Node's `fingerprint256` and the stored pins use. */
const normalizePin = (sha: string) => sha.trim().toUpperCase();

/**
 * A raw CONNECT through an HTTP proxy (Basic credentials when a username is set), resolving with
 * the tunnelled socket once the proxy answers 200. Used for pinned requests, whose TLS must be
 * ours rather than undici's (ProxyAgent has no hook for the tunnelled handshake).
 */
function httpConnectTunnel(p: ProxyRoute, host: string, port: number): Promise<Socket> {
  const target = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const s = netConnect({ host: p.host, port: p.port });
    let head = Buffer.alloc(0);
    const fail = (e: Error) => {
      s.destroy();
      reject(e);
    };
    s.setTimeout(10_000, () => fail(new Error(`The proxy ${p.host}:${p.port} did not answer CONNECT within 10 s.`)));
    s.once('error', fail);
    s.once('connect', () => {
      const auth = p.username
        ? `Proxy-Authorization: Basic ${Buffer.from(`${p.username}:${p.password}`, 'utf8').toString('base64')}\r\n`
        : '';
      s.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
    });
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16_384)
          fail(new Error(`The proxy ${p.host}:${p.port} answered CONNECT with an over-long header.`));
        return;
      }
      s.off('data', onData);
      s.pause();
      s.setTimeout(0);
      s.off('error', fail);
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      if (!/^HTTP\/1\.[01] 200\b/.test(statusLine))
        return fail(new Error(`Proxy response (${statusLine.slice(9, 12) || '?'}) !== 200 for CONNECT ${target}`));
      // Nothing should follow the proxy's header before our ClientHello; keep it for TLS if it does.
      if (end + 4 < head.length) s.unshift(head.subarray(end + 4));
      resolve(s);
    };
    s.on('data', onData);
  });
}

/**
 * TLS to the target over `socket` (a tunnel) or a new TCP connection, accepting exactly the
 * certificate whose SHA-256 is `pin` — the administrator downloaded and trusted it, which is how a
 * Cisco UCM's self-signed Tomcat certificate is trusted. The chain and the name are therefore not
 * what decides; the fingerprint is, checked on the very connection the request then uses.
 */
function pinnedTls(
  opts: buildConnector.Options,
  socket: Socket | undefined,
  pin: string,
  callback: buildConnector.Callback,
): void {
  const host = bare(opts.hostname);
  const port = Number(opts.port) || 443;
  let done = false;
  const finish = (err: Error | null, s: Socket | null) => {
    if (done) return;
    done = true;
    if (err) callback(err, null);
    else callback(null, s!);
  };
  const t = tlsConnect({
    ...(socket ? { socket } : { host, port }),
    ...(isIP(host) ? {} : { servername: opts.servername || host }),
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  });
  t.setTimeout(10_000, () => {
    t.destroy();
    finish(new Error(`No TLS answer from ${host}:${port} within 10 s.`), null);
  });
  t.once('error', (e) => finish(e, null));
  t.once('secureConnect', () => {
    t.setTimeout(0);
    const presented = t.getPeerCertificate()?.fingerprint256;
    if (!presented || normalizePin(presented) !== normalizePin(pin)) {
      t.destroy();
      return finish(new PinMismatchError(presented ? normalizePin(presented) : 'none'), null);
    }
    finish(null, t);
  });
}

/**
 * A one-off dispatcher for requests to a pinned https server, on the route the setting gives:
 * direct, through the HTTP/HTTPS proxy (CONNECT) or through SOCKS. http:// targets are refused: a
 * pin without TLS would protect nothing.
 */
export function pinnedDispatcher(
  pin: string,
  via: { http?: ProxyRoute | null; socks?: (ProxyRoute & { version: 4 | 5 }) | null } = {},
): Dispatcher {
  return new (undici().Agent)({
    connect(opts, callback) {
      if (opts.protocol !== 'https:')
        return callback(new Error('A pinned certificate needs an https:// address.'), null);
      const host = bare(opts.hostname);
      const port = Number(opts.port) || 443;
      const tunnel = via.http
        ? httpConnectTunnel(via.http, host, port)
        : via.socks
          ? socksTunnel(via.socks, host, port)
          : Promise.resolve(undefined);
      tunnel.then(
        (s) => pinnedTls(opts, s, pin, callback),
        (err: Error) => callback(err, null),
      );
    },
  });
}
