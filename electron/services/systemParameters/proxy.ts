import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  DEFAULT_PROXY_BYPASS,
  proxyHost,
  proxyInUse,
  proxyProblems,
  type ProxyDoc,
  type ProxyDraft,
  type ProxyTestResult,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { fetchFailure, fetchVia } from '../../connectors/http/outbound';
import { routeFor, type ResolvedProxy } from '../../connectors/http/proxy';
import type { SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import { readPage } from './store';

/** What is stored for the proxy page (no passwords: those are in the keychain). */
const StoredEndpoint = z.object({ address: z.string(), port: z.number().int().nullable(), username: z.string() });
export const StoredProxy = z.object({
  http: StoredEndpoint,
  socks: StoredEndpoint.extend({ version: z.enum(['v4', 'v5']) }),
  bypass: z.array(z.string()),
});
export type StoredProxy = z.infer<typeof StoredProxy>;
export const EMPTY_PROXY: StoredProxy = {
  http: { address: '', port: null, username: '' },
  socks: { address: '', port: null, username: '', version: 'v5' },
  bypass: [...DEFAULT_PROXY_BYPASS],
};

type Kind = 'http' | 'socks';
/**
 * The keychain entry of a proxy password, bound to the address, port and username it was
 * entered for: a changed address never receives the password typed for another proxy.
 */
export const proxySecretKey = (kind: Kind, e: { address: string; port: number | null; username: string }) =>
  `proxy:${kind}:${proxyHost(e.address).toLowerCase()}:${e.port ?? ''}:${e.username}`;

export const readProxy = (k: Kysely<Database>) => readPage(k, null, 'proxy', StoredProxy, EMPTY_PROXY);

export async function proxyDoc(k: Kysely<Database>, secrets: SecretStore, mayChange: boolean): Promise<ProxyDoc> {
  const s = await readProxy(k);
  const has = async (kind: Kind) =>
    s.settings[kind].username !== '' && (await secrets.has(proxySecretKey(kind, s.settings[kind])).catch(() => false));
  return {
    http: { ...s.settings.http, passwordSet: await has('http') },
    socks: { ...s.settings.socks, passwordSet: await has('socks') },
    bypass: s.settings.bypass,
    version: s.version,
    updatedBy: s.updatedBy,
    updatedAt: s.updatedAt,
    mayChange,
  };
}

const sameBinding = (a: StoredProxy['http'], b: ProxyDraft['http']) =>
  proxySecretKey('http', a) === proxySecretKey('http', b);

/**
 * Which draft passwords can be kept (null in the draft): only where the stored password was
 * entered for the same address, port and username.
 */
export async function keptPasswords(
  stored: StoredProxy,
  draft: ProxyDraft,
  secrets: SecretStore,
): Promise<{ http: boolean; socks: boolean }> {
  const kept = async (kind: Kind) =>
    draft[kind].password === null &&
    draft[kind].username !== '' &&
    sameBinding(stored[kind], draft[kind]) &&
    (await secrets.has(proxySecretKey(kind, stored[kind])).catch(() => false));
  return { http: await kept('http'), socks: await kept('socks') };
}

/** Refuses a draft that breaks a rule: the first problem, naming the field. */
export function assertProxyDraft(draft: ProxyDraft, kept: { http: boolean; socks: boolean }): void {
  const problems = proxyProblems(draft, kept);
  if (problems.length > 0) {
    const p = problems[0]!;
    // A kept password for a changed address is the binding rule; say so rather than "mandatory".
    throw new ServiceError('INVALID', p.message, p.field, { rule: 'proxy' });
  }
}

/** The draft as outboundFetch routes it, passwords from the draft or (kept) from the keychain. */
export async function resolveDraft(
  stored: StoredProxy,
  draft: ProxyDraft,
  secrets: SecretStore,
): Promise<ResolvedProxy> {
  const route = async (kind: Kind) => {
    const e = draft[kind];
    if (!proxyInUse(e)) return null;
    const password =
      e.username === ''
        ? ''
        : e.password !== null
          ? e.password
          : sameBinding(stored[kind], e)
            ? ((await secrets.get(proxySecretKey(kind, stored[kind]))) ?? '')
            : '';
    return { host: proxyHost(e.address), port: e.port ?? 0, username: e.username, password };
  };
  const http = await route('http');
  const socks = await route('socks');
  return {
    http,
    socks: socks ? { ...socks, version: draft.socks.version === 'v4' ? 4 : 5 } : null,
    bypass: draft.bypass.map((b) => b.trim()).filter(Boolean),
  };
}

/** The stored setting as outboundFetch uses it (null: no proxy in use). */
export async function resolveStored(stored: StoredProxy, secrets: SecretStore): Promise<ResolvedProxy | null> {
  const draft: ProxyDraft = {
    http: { ...stored.http, password: null },
    socks: { ...stored.socks, password: null },
    bypass: stored.bypass,
  };
  const r = await resolveDraft(stored, draft, secrets);
  return r.http || r.socks ? r : null;
}

const TLS_CODES =
  /CERT_|UNABLE_TO_VERIFY|SELF_SIGNED|DEPTH_ZERO|ERR_TLS|ERR_SSL|certificate|altnames|EPROTO|wrong version number/i;

/**
 * The Test button: fetch the URL with the draft setting (a one-off connection, closed after)
 * and say which part failed: the proxy (unreachable), its credentials, the target, or TLS with
 * the target. Only the status is reported, never the body.
 */
export async function testProxy(resolved: ResolvedProxy, rawUrl: string): Promise<ProxyTestResult> {
  let url: URL;
  try {
    url = new URL(rawUrl.trim());
  } catch {
    throw new ServiceError('INVALID', 'URL: an http:// or https:// address, e.g. https://www.example.com/', 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ServiceError('INVALID', 'URL: only http:// and https:// addresses can be tested', 'url');
  const route = routeFor(url, resolved);
  const started = performance.now();
  const through =
    route === 'http'
      ? `the HTTP/HTTPS proxy ${resolved.http!.host}:${resolved.http!.port}`
      : route === 'socks'
        ? `the SOCKS proxy ${resolved.socks!.host}:${resolved.socks!.port}`
        : 'a direct connection';
  const done = (r: Omit<ProxyTestResult, 'url' | 'route' | 'elapsedMs'>): ProxyTestResult => ({
    ...r,
    url: url.href,
    route,
    elapsedMs: Math.round(performance.now() - started),
  });
  try {
    const res = await fetchVia(
      resolved,
      url,
      { redirect: 'manual', signal: AbortSignal.timeout(10_000) },
      { fresh: true },
    );
    const proxyAuth =
      route === 'http' &&
      (res.status === 407 || (res.status === 401 && /proxy/i.test(res.headers.get('www-authenticate') ?? '')));
    if (proxyAuth)
      return done({
        ok: false,
        status: res.status,
        failed: 'credentials',
        message: `${through} refused the Username or Password (${res.status}).`,
      });
    if (route === 'http' && [502, 503, 504].includes(res.status))
      return done({
        ok: false,
        status: res.status,
        failed: 'target',
        message: `${through} could not reach ${url.host} (${res.status}).`,
      });
    if (res.status >= 400)
      return done({ ok: false, status: res.status, failed: 'target', message: `${url.host} answered ${res.status}.` });
    return done({
      ok: true,
      status: res.status,
      failed: null,
      message: `${url.host} answered ${res.status} through ${through}.`,
    });
  } catch (err) {
    const text = fetchFailure(err);
    if (/timeout|aborted/i.test(text) && !/ECONN/.test(text))
      return done({
        ok: false,
        status: null,
        failed: route === 'direct' ? 'target' : 'proxy',
        message: `No answer within 10 s through ${through}: ${text}`,
      });
    if (TLS_CODES.test(text))
      return done({
        ok: false,
        status: null,
        failed: 'tls',
        message: `TLS with ${url.host} failed through ${through}: ${text}`,
      });
    if (/\b40[17]\b|Authentication failed|authentication/i.test(text) && route !== 'direct')
      return done({
        ok: false,
        status: null,
        failed: 'credentials',
        message: `${through} refused the Username or Password: ${text}`,
      });
    if (
      route === 'socks' &&
      /Socks\d? proxy rejected|HostUnreachable|ConnectionRefused|NetworkUnreachable|TTLExpired/i.test(text)
    )
      return done({
        ok: false,
        status: null,
        failed: 'target',
        message: `${through} could not reach ${url.host}: ${text}`,
      });
    if (route === 'http' && /Proxy response \((\d+)\)/.test(text))
      return done({
        ok: false,
        status: null,
        failed: 'target',
        message: `${through} could not reach ${url.host}: ${text}`,
      });
    if (route === 'direct')
      return done({
        ok: false,
        status: null,
        failed: 'target',
        message: `${url.host} could not be reached directly: ${text}`,
      });
    return done({ ok: false, status: null, failed: 'proxy', message: `${through} could not be reached: ${text}` });
  }
}
