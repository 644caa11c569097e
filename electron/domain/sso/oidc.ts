export { withAzureAppId } from '../../contract/services/sso';

/**
 * The three redirect URIs to register with the IdP (seed 001, CONFIGURING MICROSOFT AZURE
 * AD, step 6), lower case because "the redirect URIs are case sensitive and should be
 * entered in lower case". `domain` is the Web server's fully qualified name with its port
 * if needed (e.g. mitel.com:4390).
 */
export function redirectUris(domain: string | null): Array<{ platform: string; uri: string }> {
  const d = domain?.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '') || '<domain>';
  return [
    { platform: 'Mobile and desktop application', uri: 'http://localhost' },
    { platform: 'Web', uri: `https://${d}/webapps/contactcenter/authentication/openidlogincallback` },
    { platform: 'Single-page application', uri: `https://${d}/webagent` },
  ];
}

/** /webserver:<host[:port]> as a domain: the port only when it is not a default one. */
export const domainFromWebServer = (ws: { host: string; port: number } | undefined): string | null =>
  ws ? `${ws.host.includes(':') ? `[${ws.host}]` : ws.host}${ws.port === 80 || ws.port === 443 ? '' : `:${ws.port}`}`.toLowerCase() : null;

export type MatchedBy = 'upn' | 'email' | 'preferred_username';

/**
 * Seed 001, User Matching: the upn returned by the IdP is matched to the External Logon ID.
 * When the IdP sends no upn (not every IdP has the claim), email then preferred_username are
 * tried, and the answer says which one matched.
 */
export function identityCandidates(claims: Record<string, unknown>): Array<{ claim: MatchedBy; value: string }> {
  const out: Array<{ claim: MatchedBy; value: string }> = [];
  for (const claim of ['upn', 'email', 'preferred_username'] as const) {
    const v = claims[claim];
    if (typeof v === 'string' && v.trim()) out.push({ claim, value: v.trim() });
  }
  return out;
}
