import type { Dispatcher, fetch as UndiciFetch } from 'undici';
import {
  directDispatcher,
  httpProxyDispatcher,
  pinnedDispatcher,
  routeFor,
  socksDispatcher,
  undici,
  type ResolvedProxy,
} from './proxy';

export interface OutboundOptions {
  /**
   * The SHA-256 (colon hex) of the one certificate this https server may present: checked on the
   * request's own connection, whatever the route (direct, HTTP proxy CONNECT, SOCKS).
   */
  pinnedSha256?: string | null;
}

/**
 * The one way main makes an outbound HTTP(S) request to a server outside the console (OpenID
 * discovery, Microsoft identity platform and Graph, Genesys Cloud, Google, remote response-file
 * sources). Every such call goes through `outboundFetch` so that the System Parameters proxy
 * setting (HTTP/HTTPS or SOCKS, with its bypass list) applies to all of them in one place.
 *
 * Same signature as the global fetch. The proxy wiring lives in this folder; callers never pick a
 * dispatcher themselves. The setting comes from a provider the systemParameters feature installs
 * (`setProxyProvider`): it reads the stored setting of the connected database on each call (one
 * primary-key read; passwords from the keychain, cached per stored version). Not connected, or no
 * provider: direct, as before. A provider that fails (database unavailable) fails the request
 * rather than silently going around the proxy.
 */
export type ProxyProvider = () => Promise<ResolvedProxy | null>;

let provider: ProxyProvider | null = null;
const extraCa: string[] = [];
let cache: { key: string; http: Dispatcher | null; socks: Dispatcher | null } | null = null;
let direct: Dispatcher | null = null;

/** Installed by the systemParameters feature at start; `null` on dispose. */
export function setProxyProvider(p: ProxyProvider | null): void {
  provider = p;
  void closeCached();
}

/**
 * Extra trusted roots for outbound TLS besides the system's (tests add their private CA; the
 * proxy does not replace the target's certificate, so no proxy CA is ever needed).
 */
export function addOutboundCa(pem: string): void {
  if (extraCa.includes(pem)) return;
  extraCa.push(pem);
  void direct?.close().catch(() => {});
  direct = null;
  void closeCached();
}

async function closeCached(): Promise<void> {
  const old = cache;
  cache = null;
  await Promise.all([old?.http?.close(), old?.socks?.close()]).catch(() => {});
}

function dispatchersFor(proxy: ResolvedProxy): { http: Dispatcher | null; socks: Dispatcher | null } {
  const key = JSON.stringify([proxy.http, proxy.socks, extraCa.length]);
  if (cache?.key === key) return cache;
  void closeCached();
  const o = { ca: extraCa };
  cache = {
    key,
    http: proxy.http ? httpProxyDispatcher(proxy.http, o) : null,
    socks: proxy.socks ? socksDispatcher(proxy.socks, o) : null,
  };
  return cache;
}

/** Fetch through an explicit setting (the Test button tries a setting before it is saved). */
export async function fetchVia(
  proxy: ResolvedProxy | null,
  input: string | URL,
  init?: RequestInit,
  opts: { fresh?: boolean } & OutboundOptions = {},
): Promise<Response> {
  const url = new URL(typeof input === 'string' ? input : input.href);
  const route = routeFor(url, proxy);
  let dispatcher: Dispatcher | undefined;
  let owned: Dispatcher | undefined;
  if (opts.pinnedSha256) {
    // Never pooled: a kept-alive connection made under another pin must not carry this request.
    owned = pinnedDispatcher(opts.pinnedSha256, {
      http: route === 'http' ? proxy?.http : null,
      socks: route === 'socks' ? proxy?.socks : null,
    });
    dispatcher = owned;
  } else if (route === 'direct' && extraCa.length === 0) return fetch(input, init);
  else if (route !== 'direct' && proxy) {
    if (opts.fresh) {
      owned =
        route === 'http'
          ? httpProxyDispatcher(proxy.http!, { ca: extraCa })
          : socksDispatcher(proxy.socks!, { ca: extraCa });
      dispatcher = owned;
    } else dispatcher = dispatchersFor(proxy)[route] ?? undefined;
  } else dispatcher = direct ??= directDispatcher({ ca: extraCa });
  try {
    const res = await undici().fetch(url, {
      ...(init as object),
      ...(dispatcher ? { dispatcher } : {}),
    } as Parameters<typeof UndiciFetch>[1]);
    if (!owned) return res as unknown as Response;
    // A one-off dispatcher is closed once the body has been read.
    const body = await res.arrayBuffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers as never });
  } finally {
    if (owned) await owned.close().catch(() => {});
  }
}

/**
 * The System Parameters proxy setting now (null: none, not connected, or no provider), for
 * connections that are not HTTP (SMTP through `tcpVia`). A provider that fails throws, as for
 * outboundFetch: never silently around the proxy.
 */
export async function outboundProxy(): Promise<ResolvedProxy | null> {
  return provider ? provider() : null;
}

export async function outboundFetch(
  input: string | URL,
  init?: RequestInit,
  opts: OutboundOptions = {},
): Promise<Response> {
  const proxy = provider ? await provider() : null;
  return fetchVia(proxy, input, init, opts);
}

/** The PinMismatchError somewhere in fetch's chain of causes, or null. */
export function pinMismatchOf(err: unknown): { presentedSha256: string } | null {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const x = e as { code?: string; presentedSha256?: string; cause?: unknown };
    if (x.code === 'ERR_CCM_PIN_MISMATCH' && x.presentedSha256) return { presentedSha256: x.presentedSha256 };
    e = x.cause;
  }
  return null;
}

/** fetch's "fetch failed" with its causes spelled out (code and message of each), one line. */
export function fetchFailure(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const x = e as { message?: string; code?: string; cause?: unknown };
    const text = [x.code, x.message].filter(Boolean).join(' ');
    if (text && !parts.includes(text)) parts.push(text);
    e = x.cause;
  }
  return (parts.join(': ') || String(err)).slice(0, 400);
}
