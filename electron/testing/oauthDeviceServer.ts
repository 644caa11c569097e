/**
 * Test-only: a real OAuth 2.0 server on 127.0.0.1 for the e-mail OAuth tests — oidc-provider with
 * its device authorization grant (RFC 8628), refresh tokens and token introspection (RFC 7662),
 * behind an https front (the shared test CA's 127.0.0.1 certificate) that maps the Microsoft
 * identity platform's paths onto it. Nothing here ships.
 *
 * ```ts
 * const idp = await startOAuthDeviceServer({ tenantId: 'contoso.test', clientId: '1111-…', accounts: ['a@contoso.test'] });
 * idp.authority            // https://127.0.0.1:<port>  (real: https://login.microsoftonline.com)
 * await idp.approve(userCode, 'a@contoso.test')   // plays the user through the real user-code,
 *                                                 // confirm, login and consent pages over HTTP
 * await idp.decline(userCode)                     // the confirm page's "Abort"
 * idp.introspectionUrl     // for dovecot: https://mail:<secret>@127.0.0.1:<port>/introspect
 * await idp.introspect(token)  // → the account (e-mail address) or null: for smtp-server's onAuth
 * idp.requests             // every request on the Microsoft paths: { at, path, form } (form: the posted fields)
 * idp.slowDownNext(n)      // the next n token polls answer slow_down
 * idp.accessTokenTtl = 30  // seconds, for the tokens issued from now on
 * // client credentials (Outgoing e-mail over Office 365): pass `confidential: { clientId, secret }`;
 * await idp.introspectClient(token)  // → { clientId, scope } of an active token, or null
 * await idp.stop()
 * ```
 *
 * Mapping (what the front does, the rest is oidc-provider's own behaviour):
 * - `POST /<tenant>/oauth2/v2.0/devicecode` → `/device/auth` (adds `openid` to the scope, as
 *   oidc-provider requires it, and `prompt=consent` so offline_access gives a refresh token; adds
 *   `interval`, which oidc-provider does not send). Another tenant: 400 AADSTS90002.
 * - `POST /<tenant>/oauth2/v2.0/token` → `/token`. The front enforces the interval: a poll sooner
 *   than `interval` after the previous one for the same device code answers `slow_down` (RFC 8628
 *   §3.5), as does `slowDownNext`. Errors get the Microsoft wording in `error_description` (AADSTS…);
 *   `access_denied` is answered as Microsoft does, `authorization_declined`.
 * - Client credentials (`grant_type=client_credentials`, client_secret_post, scope
 *   `https://outlook.office365.com/.default`) for the `confidential` client; a wrong secret is
 *   answered as Microsoft does, AADSTS7000215.
 * - `POST /introspect` (HTTP Basic `mail`:<secret>) → `/token/introspection`, plus `username` = the
 *   account (the e-mail address), which dovecot's oauth2 passdb compares with the login name.
 */
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { testCa } from './testCa';

export interface OAuthDeviceServerOptions {
  /** The tenant in the paths (a GUID or a domain). */
  tenantId: string;
  clientId: string;
  /** Accounts that can sign in (their e-mail addresses). */
  accounts: string[];
  /** Seconds between polls the server asks for (default 1, to keep tests short). */
  interval?: number;
  /** Seconds a device code lives (default 600). */
  deviceCodeTtl?: number;
  /** Seconds an access token lives (default 3600); changeable later. */
  accessTokenTtl?: number;
  /** A confidential client for the client credentials grant (an app registration with a client secret). */
  confidential?: { clientId: string; secret: string };
}

export interface OAuthDeviceServer {
  authority: string;
  introspectionUrl: string;
  caPem: string;
  accessTokenTtl: number;
  requests: { at: number; path: string; form: Record<string, string> }[];
  approve(userCode: string, account: string): Promise<void>;
  decline(userCode: string): Promise<void>;
  introspect(token: string): Promise<string | null>;
  /** An active token's client and scope (client credentials tokens have no account), or null. */
  introspectClient(token: string): Promise<{ clientId: string; scope: string } | null>;
  slowDownNext(n: number): void;
  /** While true, refresh tokens are refused (AADSTS70008, as when the consent was withdrawn). */
  refuseRefresh: boolean;
  stop(): Promise<void>;
}

const MS_SCOPES = [
  'openid',
  'offline_access',
  'email',
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'https://outlook.office365.com/.default',
];
const INTROSPECTOR = 'mail';
const INTROSPECTOR_SECRET = 'introspect-only-in-tests';

const AADSTS: Record<string, string> = {
  authorization_pending: 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
  slow_down: 'AADSTS70016: OAuth 2.0 device flow error. Polling too fast: slow down.',
  expired_token: 'AADSTS70019: Verification code expired.',
  access_denied: 'AADSTS70000: The user denied the authorization request.',
  invalid_client_secret:
    'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app.',
  invalid_client:
    'AADSTS700016: Application with identifier was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant.',
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startOAuthDeviceServer(opts: OAuthDeviceServerOptions): Promise<OAuthDeviceServer> {
  const ca = testCa();
  const interval = opts.interval ?? 1;
  const state = { accessTokenTtl: opts.accessTokenTtl ?? 3600, slowDown: 0, refuseRefresh: false };
  const lastPoll = new Map<string, number>();
  const requests: OAuthDeviceServer['requests'] = [];
  const accounts = new Set(opts.accounts.map((a) => a.toLowerCase()));

  // The public https front first: its origin is the provider's issuer.
  const front = createHttpsServer({ key: ca.server.keyPem, cert: ca.server.certPem });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(front.address() as AddressInfo).port}`;

  const provider = new Provider(origin, {
    clients: [
      {
        client_id: opts.clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        response_types: [],
        redirect_uris: [],
      },
      ...(opts.confidential
        ? [
            {
              client_id: opts.confidential.clientId,
              client_secret: opts.confidential.secret,
              token_endpoint_auth_method: 'client_secret_post' as const,
              grant_types: ['client_credentials'],
              response_types: [],
              redirect_uris: [],
            },
          ]
        : []),
      {
        client_id: INTROSPECTOR,
        client_secret: INTROSPECTOR_SECRET,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    scopes: MS_SCOPES,
    claims: { openid: ['sub'], email: ['email'] },
    cookies: { keys: ['test-only-cookie-key'] },
    findAccount: (_ctx: unknown, id: string) =>
      accounts.has(id.toLowerCase()) ? { accountId: id, claims: () => ({ sub: id, email: id }) } : undefined,
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    ttl: {
      DeviceCode: () => opts.deviceCodeTtl ?? 600,
      AccessToken: () => state.accessTokenTtl,
      RefreshToken: () => 86400,
      Grant: () => 86400,
      Session: () => 86400,
      Interaction: () => 3600,
      IdToken: () => 3600,
      ClientCredentials: () => state.accessTokenTtl,
    },
    rotateRefreshToken: true,
  });
  (provider as unknown as { proxy: boolean }).proxy = true;
  provider.on('server_error', () => {});

  const inner: Server = createHttpServer(provider.callback());
  await new Promise<void>((r) => inner.listen(0, '127.0.0.1', r));
  const innerPort = (inner.address() as AddressInfo).port;

  /** One request to the provider, as from the front (X-Forwarded-*: the issuer's https origin). */
  const toProvider = (
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer | null,
  ) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const h: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(headers)) if (v !== undefined && k !== 'content-length') h[k] = v;
        h['x-forwarded-proto'] = 'https';
        h['x-forwarded-host'] = new URL(origin).host;
        h.host = new URL(origin).host;
        if (body) h['content-length'] = String(body.length);
        const req = httpRequest({ host: '127.0.0.1', port: innerPort, method, path, headers: h }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body ?? undefined);
      },
    );

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const msError = (error: string, description?: string) => ({
    error,
    error_description: AADSTS[error] ?? description ?? error,
    error_codes: [],
    timestamp: new Date().toISOString(),
  });

  front.on('request', (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const ms = /^\/([^/]+)\/oauth2\/v2\.0\/(devicecode|token)$/.exec(url.pathname);
      if (ms && req.method === 'POST') {
        const form = Object.fromEntries(new URLSearchParams((await readBody(req)).toString()));
        requests.push({ at: Date.now(), path: url.pathname, form });
        if (decodeURIComponent(ms[1]!).toLowerCase() !== opts.tenantId.toLowerCase())
          return json(
            res,
            400,
            msError(
              'invalid_request',
              `AADSTS90002: Tenant '${decodeURIComponent(ms[1]!)}' not found. Check to make sure you have the correct tenant ID.`,
            ),
          );
        const headers = { 'content-type': 'application/x-www-form-urlencoded' };
        if (ms[2] === 'devicecode') {
          const scope = ['openid', ...(form.scope ?? '').split(' ').filter((s) => s && s !== 'openid')].join(' ');
          const out = await toProvider(
            'POST',
            '/device/auth',
            headers,
            Buffer.from(new URLSearchParams({ ...form, scope, prompt: 'consent' }).toString()),
          );
          const b = JSON.parse(out.body.toString()) as Record<string, unknown>;
          if (out.status !== 200) return json(res, out.status === 401 ? 400 : out.status, msError(String(b.error)));
          return json(res, 200, {
            ...b,
            interval,
            message: `To sign in, use a web browser to open the page ${String(b.verification_uri)} and enter the code ${String(b.user_code)} to authenticate.`,
          });
        }
        // token
        if (form.grant_type === 'urn:ietf:params:oauth:grant-type:device_code' && form.device_code) {
          const now = Date.now();
          const last = lastPoll.get(form.device_code);
          lastPoll.set(form.device_code, now);
          if (state.slowDown > 0) {
            state.slowDown--;
            return json(res, 400, msError('slow_down'));
          }
          if (last !== undefined && now - last < interval * 1000 - 100) return json(res, 400, msError('slow_down'));
        }
        if (form.grant_type === 'refresh_token' && state.refuseRefresh)
          return json(
            res,
            400,
            msError(
              'invalid_grant',
              'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
            ),
          );
        const out = await toProvider('POST', '/token', headers, Buffer.from(new URLSearchParams(form).toString()));
        const b = JSON.parse(out.body.toString()) as Record<string, unknown>;
        if (out.status === 200) return json(res, 200, b);
        const error = String(b.error);
        if (error === 'invalid_client' && form.grant_type === 'client_credentials')
          return json(res, 401, { ...msError('invalid_client_secret'), error: 'invalid_client' });
        if (error === 'access_denied')
          return json(res, 400, { ...msError('access_denied'), error: 'authorization_declined' });
        return json(res, out.status === 401 ? 400 : out.status, msError(error, String(b.error_description ?? '')));
      }
      if (url.pathname === '/introspect' && req.method === 'POST') {
        const auth = req.headers.authorization ?? '';
        const body = await readBody(req);
        const out = await toProvider(
          'POST',
          '/token/introspection',
          { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
          body,
        );
        if (out.status !== 200) return json(res, out.status, JSON.parse(out.body.toString()));
        const b = JSON.parse(out.body.toString()) as Record<string, unknown>;
        return json(res, 200, b.active ? { ...b, username: b.sub } : b);
      }
      // Everything else (the user-code, login and consent pages): oidc-provider as it is.
      const body = req.method === 'GET' || req.method === 'HEAD' ? null : await readBody(req);
      const out = await toProvider(req.method ?? 'GET', req.url ?? '/', req.headers, body);
      const h = { ...out.headers };
      delete h['transfer-encoding'];
      delete h.connection;
      res.writeHead(out.status, h as Record<string, string | string[]>);
      res.end(out.body);
    })().catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: 'server_error', error_description: String(err) });
      else res.end();
    });
  });

  const dispatcher = new (await import('undici')).Agent({ connect: { ca: ca.caPem } });
  /** A browser: cookies, manual redirects, forms submitted with their hidden fields. */
  const browse = async (userCode: string, account: string | null) => {
    const jar = new Map<string, string>();
    const remember = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        jar.set(pair!.slice(0, i), pair!.slice(i + 1));
      }
    };
    const { fetch: uFetch } = await import('undici');
    let url = `${origin}/device`;
    let init: { method?: string; body?: string; headers?: Record<string, string> } = {};
    for (let step = 0; step < 20; step++) {
      const res = await uFetch(url, {
        ...init,
        redirect: 'manual',
        dispatcher,
        headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      remember(res as unknown as Response);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        init = {};
        continue;
      }
      const html = await res.text();
      const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
      if (!form) {
        if (res.status === 200 && /Sign-in Success|signed in|success/i.test(html)) return;
        throw new Error(
          `unexpected page at ${url} (${res.status}): ${html.replace(/<style[\s\S]*?<\/style>/, '').slice(0, 400)}`,
        );
      }
      const fields: Record<string, string> = {};
      for (const m of form[2]!.matchAll(/<input[^>]*>/g)) {
        const name = /name="([^"]+)"/.exec(m[0])?.[1];
        const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
        if (name) fields[name] = value;
      }
      if ('user_code' in fields && !fields.user_code) fields.user_code = userCode;
      if (/deviceConfirmForm/.test(form[0])) {
        if (account === null) fields.abort = 'yes';
        else fields.confirm = 'yes';
      }
      if (fields.prompt === 'login') {
        fields.login = account ?? '';
        fields.password = 'any';
      }
      url = new URL(form[1]!, url).href;
      init = {
        method: 'POST',
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
      if (account === null && fields.abort === 'yes') {
        const r = await uFetch(url, {
          ...init,
          redirect: 'manual',
          dispatcher,
          headers: { ...init.headers, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        await r.text();
        return;
      }
    }
    throw new Error('too many steps');
  };

  return {
    authority: origin,
    introspectionUrl: `https://${INTROSPECTOR}:${INTROSPECTOR_SECRET}@127.0.0.1:${new URL(origin).port}/introspect`,
    caPem: ca.caPem,
    get accessTokenTtl() {
      return state.accessTokenTtl;
    },
    set accessTokenTtl(v: number) {
      state.accessTokenTtl = v;
    },
    requests,
    approve: (userCode, account) => browse(userCode, account),
    decline: (userCode) => browse(userCode, null),
    async introspect(token) {
      const { fetch: uFetch } = await import('undici');
      const res = await uFetch(`${origin}/introspect`, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${INTROSPECTOR}:${INTROSPECTOR_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }).toString(),
      });
      const b = (await res.json()) as { active?: boolean; username?: string };
      return b.active ? (b.username ?? null) : null;
    },
    async introspectClient(token) {
      const { fetch: uFetch } = await import('undici');
      const res = await uFetch(`${origin}/introspect`, {
        method: 'POST',
        dispatcher,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${INTROSPECTOR}:${INTROSPECTOR_SECRET}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }).toString(),
      });
      const b = (await res.json()) as { active?: boolean; client_id?: string; scope?: string };
      return b.active && b.client_id ? { clientId: b.client_id, scope: b.scope ?? '' } : null;
    },
    slowDownNext(n) {
      state.slowDown = n;
    },
    get refuseRefresh() {
      return state.refuseRefresh;
    },
    set refuseRefresh(v: boolean) {
      state.refuseRefresh = v;
    },
    stop: async () => {
      await dispatcher.close();
      await Promise.all(
        [front, inner].map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}
