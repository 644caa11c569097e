import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { Agent, ProxyAgent, buildConnector, type Dispatcher } from 'undici';
import { SocksClient } from 'socks';

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
  return new Agent({ connect: tlsOptions(o) });
}

/** An undici ProxyAgent for the HTTP/HTTPS proxy (Basic credentials when a username is set). */
export function httpProxyDispatcher(p: ProxyRoute, o: DispatcherOptions = {}): Dispatcher {
  const host = isIP(p.host) === 6 ? `[${p.host}]` : p.host;
  return new ProxyAgent({
    uri: `http://${host}:${p.port}`,
    ...(p.username ? { token: `Basic ${Buffer.from(`${p.username}:${p.password}`, 'utf8').toString('base64')}` } : {}),
    proxyTunnel: false,
    requestTls: tlsOptions(o),
  });
}

/**
 * An undici Agent whose connections go through a SOCKS v4/v5 proxy (the `socks` package); TLS
 * for https targets is then set up over the SOCKS socket by undici's own connector, so
 * certificate checks are exactly those of a direct connection.
 */
export function socksDispatcher(p: ProxyRoute & { version: 4 | 5 }, o: DispatcherOptions = {}): Dispatcher {
  const tls = buildConnector({ ...tlsOptions(o) });
  return new Agent({
    connect(opts, callback) {
      const port = Number(opts.port) || (opts.protocol === 'https:' ? 443 : 80);
      SocksClient.createConnection({
        proxy: {
          host: p.host,
          port: p.port,
          type: p.version,
          ...(p.username ? { userId: p.username, password: p.password } : {}),
        },
        command: 'connect',
        destination: { host: bare(opts.hostname), port },
        timeout: 10_000,
      }).then(
        ({ socket }) => {
          if (opts.protocol === 'https:') tls({ ...opts, httpSocket: socket }, callback);
          else callback(null, socket);
        },
        (err: Error) => callback(err, null),
      );
    },
  });
}
