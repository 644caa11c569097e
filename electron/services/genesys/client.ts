import { outboundFetch } from '../../connectors/http/outbound';
import { apiHostOf, loginHostOf } from '../../contract/services/genesys';

/**
 * Where a region's API and sign-in are: https://api.<region> and https://login.<region>. Tests and
 * the benchmark point both at the stand-in with CCM_GENESYS_BASE_URL, which is honoured only
 * outside production builds and only for a loopback http(s) URL, so a packaged console never sends
 * the administrator's password anywhere but the region's own hosts.
 */
export function endpointsOf(region: string): { api: string; login: string } {
  const o = testBaseUrl();
  if (o) return { api: o, login: o };
  return { api: `https://${apiHostOf(region)}`, login: `https://${loginHostOf(region)}` };
}

export function testBaseUrl(): string | null {
  const raw = process.env.CCM_GENESYS_BASE_URL;
  if (!raw || process.env.NODE_ENV === 'production') return null;
  try {
    const u = new URL(raw);
    if (!/^https?:$/.test(u.protocol)) return null;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return null;
    return u.origin;
  } catch {
    return null;
  }
}

/** An HTTP answer the API gave (4xx/5xx) with the API's own text. */
export class GenesysApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
/** The API could not be reached (refused, reset, DNS, timeout): the connection is lost. */
export class GenesysConnectionError extends Error {}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** "HTTP 400 Bad Request: <the API's text>" from the error bodies OAuth, SCIM and the Platform API answer. */
export function apiErrorText(status: number, body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  const text =
    (typeof b.detail === 'string' && b.detail) ||
    (typeof b.message === 'string' && b.message) ||
    (typeof b.error === 'string' && `${b.error}${typeof b.description === 'string' ? `: ${b.description}` : ''}`) ||
    (typeof b.error_description === 'string' && b.error_description) ||
    '';
  return `HTTP ${status} ${REASONS[status] ?? ''}`.trim() + (text ? `: ${text}` : '');
}

async function call(url: string, init: RequestInit, timeoutMs: number) {
  let res: Response;
  try {
    res = await outboundFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as { cause?: { code?: string; message?: string }; message?: string; name?: string };
    const cause = e.cause?.code ?? e.cause?.message ?? (e.name === 'TimeoutError' ? 'timed out' : e.message);
    throw new GenesysConnectionError(`${new URL(url).host} cannot be reached (${cause ?? 'network error'})`);
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = { message: text.slice(0, 300) };
  }
  return { status: res.status, json, headers: res.headers };
}

/** How long before a token's expiry it is renewed: 10 % of its life, at most a minute. */
export const earlyMs = (lifeMs: number) => Math.min(60_000, lifeMs / 10);

export interface ClientOptions {
  region: string;
  clientId: string;
  secret: () => Promise<string | null>;
  /** Called when the API asks to wait (429): shown in Integration Health. */
  onRateLimited?: (seconds: number, attempt: number) => void;
  maxRateLimitRetries?: number;
  timeoutMs?: number;
}

/**
 * The console's OAuth client (client credentials) for one tenant's organization: one token,
 * renewed before it expires and once when the API answers 401; a 429 waits Retry-After and tries
 * again at most `maxRateLimitRetries` times, each wait reported, then fails with the API's text.
 */
export class GenesysClient {
  private token: { value: string; renewAt: number } | null = null;
  tokensIssued = 0;

  constructor(private readonly o: ClientOptions) {}

  private async fetchToken(): Promise<string> {
    const secret = await this.o.secret();
    if (!secret)
      throw new GenesysApiError(401, 'The OAuth client secret is not in the keychain: provision again (Apply).');
    const { login } = endpointsOf(this.o.region);
    const r = await call(
      `${login}/oauth/token`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${this.o.clientId}:${secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      },
      this.o.timeoutMs ?? 15_000,
    );
    const j = r.json as { access_token?: string; expires_in?: number };
    if (r.status !== 200 || !j?.access_token) throw new GenesysApiError(r.status, apiErrorText(r.status, r.json));
    this.tokensIssued++;
    const lifeMs = Math.max(1, j.expires_in ?? 3600) * 1000;
    this.token = { value: j.access_token, renewAt: Date.now() + lifeMs - earlyMs(lifeMs) };
    return j.access_token;
  }

  private async bearer(): Promise<string> {
    // Renewed a little before it expires (see earlyMs), so no call goes out with a token about to lapse.
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    return this.fetchToken();
  }

  /** One API call; answers the parsed body and headers, throws GenesysApiError / GenesysConnectionError. */
  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: T; etag: string | null }> {
    const { api } = endpointsOf(this.o.region);
    const max = this.o.maxRateLimitRetries ?? 5;
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.bearer();
      const r = await call(
        `${api}${path}`,
        {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(body !== undefined
              ? { 'content-type': path.includes('/scim/') ? 'application/scim+json' : 'application/json' }
              : {}),
            ...headers,
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        },
        this.o.timeoutMs ?? 15_000,
      );
      if (r.status === 401 && !renewed) {
        renewed = true;
        this.token = null;
        attempt--;
        continue;
      }
      if (r.status === 429) {
        if (attempt > max) throw new GenesysApiError(429, `${apiErrorText(429, r.json)} (gave up after ${max} waits)`);
        const seconds = Math.min(60, Math.max(0, Number(r.headers.get('retry-after') ?? 1) || 1));
        this.o.onRateLimited?.(seconds, attempt);
        await new Promise((res) => setTimeout(res, seconds * 1000));
        continue;
      }
      if (r.status >= 400) throw new GenesysApiError(r.status, apiErrorText(r.status, r.json));
      return { status: r.status, json: r.json as T, etag: r.headers.get('etag') };
    }
  }

  /** Every page of a Platform API list (pageSize / pageNumber / pageCount). */
  async all<T>(path: string, pageSize = 100): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const sep = path.includes('?') ? '&' : '?';
      const r = await this.request<{ entities: T[]; pageCount: number }>(
        'GET',
        `${path}${sep}pageSize=${pageSize}&pageNumber=${page}`,
      );
      out.push(...(r.json.entities ?? []));
      if (page >= (r.json.pageCount ?? 1)) return out;
    }
  }
}

/**
 * The role the console's OAuth client acts with. A client credentials client needs at least one
 * role (Genesys Cloud issues it no token otherwise); the integration creates users, queues,
 * skills, languages and wrap-up codes and manages OAuth clients, which the organization's default
 * administrator role allows.
 */
export const PROVISIONED_ROLE = 'Master Admin';

/**
 * The role and home division a client credentials client acts with, read with the console's own
 * client (which has that role, so it may read roles and divisions). The SMS Manage Client uses it:
 * Genesys Cloud issues no token to a client without a role, so a role-less client would be useless.
 */
export async function provisionedRoleDivisions(
  client: GenesysClient,
): Promise<{ roleId: string; divisionId: string }[]> {
  const roles = await client.request<{ entities?: { id: string; name: string }[] }>(
    'GET',
    `/api/v2/authorization/roles?name=${encodeURIComponent(PROVISIONED_ROLE)}&pageSize=25`,
  );
  const role = (roles.json?.entities ?? []).find((r) => r.name.toLowerCase() === PROVISIONED_ROLE.toLowerCase());
  if (!role)
    throw new GenesysApiError(400, `The organization has no role named ${PROVISIONED_ROLE}, which the client needs.`);
  const home = await client.request<{ id?: string }>('GET', '/api/v2/authorization/divisions/home');
  if (!home.json?.id) throw new GenesysApiError(home.status, 'Genesys Cloud did not answer the home division.');
  return [{ roleId: role.id, divisionId: home.json.id }];
}

/**
 * Provisioning (Apply): signs in as the organization administrator (password grant with the
 * organization short name), checks that the organization is the one named, looks up the role by
 * name (`GET /api/v2/authorization/roles?name=`) and the home division, and creates the console's
 * OAuth client (client credentials) with that role in that division. The client an earlier Apply
 * created is then deleted (`previousClientId`; already gone counts as done). Answers the org and the
 * client with its secret, and the API's text when the previous client could not be deleted.
 */
export async function provision(o: {
  region: string;
  adminEmail: string;
  password: string;
  orgShortName: string;
  clientName: string;
  previousClientId?: string | null;
  timeoutMs?: number;
}): Promise<{ orgId: string; orgName: string; clientId: string; secret: string; previousDeleteError: string | null }> {
  const { api, login } = endpointsOf(o.region);
  const timeout = o.timeoutMs ?? 15_000;
  const form = new URLSearchParams({
    grant_type: 'password',
    username: o.adminEmail,
    password: o.password,
    org: o.orgShortName,
  });
  const t = await call(
    `${login}/oauth/token`,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
    timeout,
  );
  const token = (t.json as { access_token?: string })?.access_token;
  if (t.status !== 200 || !token) throw new GenesysApiError(t.status, apiErrorText(t.status, t.json));
  const auth = { authorization: `Bearer ${token}`, accept: 'application/json' };
  const me = await call(`${api}/api/v2/organizations/me`, { headers: auth }, timeout);
  if (me.status !== 200) throw new GenesysApiError(me.status, apiErrorText(me.status, me.json));
  const org = me.json as { id: string; name: string; thirdPartyOrgName?: string };
  if ((org.thirdPartyOrgName ?? '').toLowerCase() !== o.orgShortName.toLowerCase())
    throw new GenesysApiError(
      400,
      `The administrator belongs to the organization ${org.thirdPartyOrgName ?? org.name}, not ${o.orgShortName}.`,
    );
  const roles = await call(
    `${api}/api/v2/authorization/roles?name=${encodeURIComponent(PROVISIONED_ROLE)}&pageSize=25`,
    { headers: auth },
    timeout,
  );
  if (roles.status !== 200) throw new GenesysApiError(roles.status, apiErrorText(roles.status, roles.json));
  const role = ((roles.json as { entities?: { id: string; name: string }[] })?.entities ?? []).find(
    (r) => r.name.toLowerCase() === PROVISIONED_ROLE.toLowerCase(),
  );
  if (!role)
    throw new GenesysApiError(
      400,
      `The organization has no role named ${PROVISIONED_ROLE}, which the console's OAuth client needs.`,
    );
  const home = await call(`${api}/api/v2/authorization/divisions/home`, { headers: auth }, timeout);
  const division = (home.json as { id?: string })?.id;
  if (home.status !== 200 || !division) throw new GenesysApiError(home.status, apiErrorText(home.status, home.json));
  const c = await call(
    `${api}/api/v2/oauth/clients`,
    {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: o.clientName,
        authorizedGrantType: 'CLIENT-CREDENTIALS',
        roleDivisions: [{ roleId: role.id, divisionId: division }],
      }),
    },
    timeout,
  );
  const client = c.json as { id?: string; secret?: string };
  if (c.status !== 200 || !client?.id || !client.secret)
    throw new GenesysApiError(c.status, apiErrorText(c.status, c.json));
  // The new client works from here on; the old one would stay in the organization's OAuth list for good.
  let previousDeleteError: string | null = null;
  if (o.previousClientId && o.previousClientId !== client.id) {
    const d = await call(
      `${api}/api/v2/oauth/clients/${encodeURIComponent(o.previousClientId)}`,
      { method: 'DELETE', headers: auth },
      timeout,
    ).catch(() => null);
    previousDeleteError =
      d && (d.status < 300 || d.status === 404)
        ? null
        : d
          ? apiErrorText(d.status, d.json)
          : `${new URL(api).host} cannot be reached`;
  }
  return { orgId: org.id, orgName: org.name, clientId: client.id, secret: client.secret, previousDeleteError };
}
