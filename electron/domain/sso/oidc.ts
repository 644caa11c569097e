export { withAzureAppId } from '../../contract/services/sso';

/**
 * The three redirect URIs to register with the IdP (seed 001, CONFIGURING MICROSOFT AZURE
 * AD, step 6), lower case because "the redirect URIs are case sensitive and should be
 * entered in lower case". `domain` is the Web server's fully qualified name with its port
 * if needed (e.g. mitel.com:4390).
 */
export function redirectUris(domain: string | null): Array<{ platform: string; uri: string }> {
  const d =
    domain
      ?.trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/+$/, '') || '<domain>';
  return [
    { platform: 'Mobile and desktop application', uri: 'http://localhost' },
    { platform: 'Web', uri: `https://${d}/webapps/contactcenter/authentication/openidlogincallback` },
    { platform: 'Single-page application', uri: `https://${d}/webagent` },
  ];
}

/** /webserver:<host[:port]> as a domain: the port only when it is not a default one. */
export const domainFromWebServer = (ws: { host: string; port: number } | undefined): string | null =>
  ws ? `${hostPart(ws.host)}${ws.port === 80 || ws.port === 443 ? '' : `:${ws.port}`}`.toLowerCase() : null;

/** An IPv6 address in brackets, as in a URL. */
const hostPart = (host: string) => (host.includes(':') ? `[${host}]` : host);

export type MatchedBy = 'upn' | 'email' | 'preferred_username';

/**
 * Seed 001, User Matching: "the MiCC Enterprise user is located by matching the upn to the
 * External Login ID". When the token carries a upn, only the upn is matched (an email or
 * preferred_username that happens to equal another user's External Logon ID must not sign
 * that user in). Only when the IdP sends no upn (not every IdP has the claim) are email, then
 * preferred_username tried; the answer says which claim was used.
 */
export function identityCandidates(claims: Record<string, unknown>): Array<{ claim: MatchedBy; value: string }> {
  const value = (claim: MatchedBy) => {
    const v = claims[claim];
    return typeof v === 'string' && v.trim() ? v.trim() : null;
  };
  const upn = value('upn');
  if (upn) return [{ claim: 'upn', value: upn }];
  const out: Array<{ claim: MatchedBy; value: string }> = [];
  for (const claim of ['email', 'preferred_username'] as const) {
    const v = value(claim);
    if (v) out.push({ claim, value: v });
  }
  return out;
}
