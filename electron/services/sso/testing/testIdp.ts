import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * Test-only: a real OpenID provider (oidc-provider) on 127.0.0.1, with the console
 * registered as a native public client whose redirect URI is http://localhost (any port,
 * RFC 8252). Its development login page accepts any login; the account's claims come from
 * `accounts` (login → claims).
 */
export const TEST_CLIENT_ID = 'ccm-console';

export interface TestIdp {
  issuer: string;
  metadataLocation: string;
  stop(): Promise<void>;
}

export async function startTestIdp(accounts: Record<string, Record<string, string>>, port = 0): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        redirect_uris: ['http://localhost/'],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email'], profile: ['preferred_username', 'upn', 'name'] },
    conformIdTokenClaims: false,
    cookies: { keys: ['test-only-cookie-key'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, ...(accounts[id] ?? {}) }),
    }),
    features: { devInteractions: { enabled: true } },
  });
  // Quiet: the provider warns about its development keys and interactions.
  provider.on('server_error', () => {});
  server.on('request', provider.callback());
  return {
    issuer,
    metadataLocation: `${issuer}/.well-known/openid-configuration`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Test-only: plays the browser through the provider's development login and consent pages,
 * following redirects with a cookie jar, until the loopback redirect (http://localhost:<port>)
 * answers. Returns that answer.
 */
export async function browseLogin(
  authorizationUrl: string,
  login: string,
): Promise<{ status: number; body: string; url: string }> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: cookieHeader() },
    });
    remember(res);
    if (new URL(url).hostname === 'localhost') return { status: res.status, body: await res.text(), url };
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      init = {};
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`unexpected page at ${url} (${res.status}): ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="([^"]+)"/.exec(form[2]!)?.[1] ?? 'login';
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    url = new URL(form[1]!, url).href;
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many steps');
}
