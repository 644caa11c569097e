import type * as Oidc from 'openid-client';
import { lazyRequire } from '../../connectors/lazyRequire';
import type { DiscoveryResult } from '../../contract';
import { outboundFetch } from '../../connectors/http/outbound';

/** openid-client is required on the first OpenID Connect discovery or sign-in, not when main starts. */
export const openidClient = lazyRequire<typeof Oidc>('openid-client');

/**
 * Plain http is only accepted for a metadata document on this machine's loopback (a test or
 * development provider); anything that crosses a network must be https.
 */
export const isLoopbackUrl = (u: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

/**
 * Discovery as the sign-in does it (openid-client), 10 s timeout. Its requests, and those of the
 * Configuration it returns (token, JWKS), go through outboundFetch (the proxy setting).
 */
export async function discoverConfig(metadataLocation: string, clientId: string): Promise<Oidc.Configuration> {
  const oidc = openidClient();
  const url = new URL(metadataLocation);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url)))
    throw new Error('the Metadata Location must be an https URL');
  return oidc.discovery(url, clientId, undefined, oidc.None(), {
    timeout: 10,
    [oidc.customFetch]: (url, init) => outboundFetch(url, init as RequestInit),
    execute: url.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
  });
}

/** The Test button: the issuer and endpoints of the discovery document, or why it failed. */
export async function discover(metadataLocation: string): Promise<DiscoveryResult> {
  try {
    const config = await discoverConfig(metadataLocation, 'metadata-test');
    const m = config.serverMetadata();
    const endpoints = (
      [
        ['Authorization', m.authorization_endpoint],
        ['Token', m.token_endpoint],
        ['UserInfo', m.userinfo_endpoint],
        ['JWKS', m.jwks_uri],
        ['End session', m.end_session_endpoint],
      ] as const
    )
      .filter(([, url]) => typeof url === 'string')
      .map(([name, url]) => ({ name, url: url as string }));
    const missing = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter(
      (k) => !(m as Record<string, unknown>)[k],
    );
    return {
      ok: missing.length === 0,
      url: metadataLocation,
      issuer: m.issuer,
      endpoints,
      error: missing.length ? `The document lacks ${missing.join(', ')}; the console cannot sign in with it.` : null,
    };
  } catch (err) {
    return { ok: false, url: metadataLocation, issuer: null, endpoints: [], error: describe(err) };
  }
}

export function describe(err: unknown): string {
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause?.message || e?.cause?.code;
  return `${e?.message ?? String(err)}${cause && cause !== e?.message ? ` (${cause})` : ''}`.slice(0, 400);
}
