/**
 * Test-only stand-in for the Microsoft identity platform (token endpoint, client credentials) and Microsoft
 * Graph, on 127.0.0.1, speaking the real protocol and the real error bodies. Nothing here ships.
 *
 * ## API
 *
 * ```ts
 * const ms = await startMsIdentity({
 *   tenants: [{
 *     id: '0cd345fc-e1fe-4f99-a378-4317172ad9c2', domains: ['contoso.test'],
 *     apps: [{ clientId: 'f96bcece-…', secret: 's3cret', permissions: ['User.Read.All', 'GroupMember.Read.All',
 *             'Group.Read.All', 'Directory.Read.All', 'RoleManagement.Read.Directory', 'Calendars.Read'] }],
 *     users: [{ id: '…', userPrincipalName: 'karen@contoso.test', givenName: 'Karen', surname: 'Sharp',
 *               mail: 'karen@contoso.test', businessPhones: ['+1 555 0100'] }],
 *     groups: [{ id: '…', displayName: 'MICCE Users', members: ['<user id>', '<group id>'] }],
 *     calendars: { 'karen@contoso.test': [{ subject: 'Team', start: '2026-12-02T09:00:00', end: '…' }] },
 *   }],
 *   tls: true,          // default: https with the shared test CA's 127.0.0.1/localhost certificate (testCa())
 * });
 * ms.loginBaseUrl   // authority base, e.g. https://127.0.0.1:40123  (real: https://login.microsoftonline.com)
 * ms.graphBaseUrl   // Graph base,     e.g. https://127.0.0.1:40123  (real: https://graph.microsoft.com)
 * ms.caPem          // trust this (outbound.ts addOutboundCa(ms.caPem)) when tls
 * ms.tenant(id)     // the live state: push/remove users, group members, calendar events between calls
 * ms.throttleNext(n, retryAfterSeconds, match?)  // the next n Graph requests (matching `match`, a RegExp on the
 *                                                // path) get 429 + Retry-After
 * ms.requests       // every request seen: { at (ms since epoch), method, path, query, status }
 * await ms.stop()
 * ```
 *
 * ## Endpoints
 * - `POST /{tenant}/oauth2/v2.0/token` (form: grant_type=client_credentials, client_id, client_secret,
 *   scope=https://graph.microsoft.com/.default). `{tenant}` is the tenant id or one of its domains. Errors as the
 *   real service: AADSTS90002 tenant not found (400 invalid_request), AADSTS900023 malformed tenant (400),
 *   AADSTS700016 unknown application (400 unauthorized_client), AADSTS7000215 wrong secret (401 invalid_client),
 *   AADSTS70011 bad scope (400 invalid_scope), AADSTS70003 grant type (400 unsupported_grant_type),
 *   AADSTS900144 missing parameter (400 invalid_request). The token is a JWT (HS256, the stand-in's key) with
 *   `tid`, `appid`, `roles` (the app's permissions), `exp` (1 hour).
 * - Graph (Bearer token required: 401 InvalidAuthenticationToken otherwise):
 *   - `GET /v1.0/groups?$filter=displayName eq '<name>'` (quotes doubled inside; `$select`): needs Group.Read.All,
 *     GroupMember.Read.All or Directory.Read.All.
 *   - `GET /v1.0/groups/{id}/transitiveMembers?$select=…&$top=N` (1–999, default 100) with `@odata.nextLink`
 *     (`$skiptoken`): users and nested groups, each once, `@odata.type` set; needs GroupMember.Read.All,
 *     Group.Read.All or Directory.Read.All, and for user properties beyond `id` User.Read.All or
 *     Directory.Read.All. 404 Request_ResourceNotFound for an unknown group.
 *   - `GET /v1.0/users/{id|upn}/calendar/events?$top=N`: needs Calendars.Read or Calendars.ReadWrite; 404
 *     ErrorInvalidUser for an unknown user, MailboxNotEnabledForRESTAPI for a user without a calendar.
 *   - a missing permission: 403 `Authorization_RequestDenied` "Insufficient privileges to complete the
 *     operation." (Graph's body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`).
 *   - 429 TooManyRequests with `Retry-After` (seconds) when throttled.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testCa } from '../testCa';

export interface MsUser {
  id: string;
  userPrincipalName: string;
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  mail?: string | null;
  businessPhones?: string[];
  mobilePhone?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  [extra: string]: unknown;
}
export interface MsGroup {
  id: string;
  displayName: string;
  /** ids of users and of groups (nested). */
  members: string[];
}
export interface MsEvent {
  id?: string;
  subject: string;
  /** Local date-time without zone, e.g. 2026-12-02T09:00:00 (Graph's dateTimeTimeZone, UTC). */
  start: string;
  end: string;
  organizer?: string;
}
export interface MsApp {
  clientId: string;
  secret: string;
  /** Graph application permissions granted with admin consent, e.g. 'User.Read.All'. */
  permissions: string[];
}
export interface MsTenant {
  id: string;
  domains?: string[];
  apps: MsApp[];
  users?: MsUser[];
  groups?: MsGroup[];
  /** By UPN (case-insensitive); a user absent here has no mailbox. */
  calendars?: Record<string, MsEvent[]>;
}
export interface MsRequest {
  at: number;
  method: string;
  path: string;
  query: string;
  status: number;
}
export interface MsIdentityStandIn {
  loginBaseUrl: string;
  graphBaseUrl: string;
  caPem: string | null;
  port: number;
  tenant(id: string): Required<Pick<MsTenant, 'users' | 'groups' | 'calendars'>> & MsTenant;
  throttleNext(count: number, retryAfterSeconds: number, match?: RegExp): void;
  requests: MsRequest[];
  stop(): Promise<void>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startMsIdentity(opts: {
  tenants: MsTenant[];
  tls?: boolean;
  /** Default and maximum $top of transitiveMembers (Graph: 100 / 999). */
  defaultTop?: number;
}): Promise<MsIdentityStandIn> {
  const tls = opts.tls ?? true;
  const key = Buffer.from(randomUUID());
  const tenants = opts.tenants.map((t) => ({ users: [], groups: [], calendars: {}, domains: [], ...t }));
  const requests: MsRequest[] = [];
  const throttles: { left: number; seconds: number; match?: RegExp }[] = [];
  const defaultTop = opts.defaultTop ?? 100;
  /** Paging cursors: skiptoken → the remaining result list. */
  const cursors = new Map<string, { items: Record<string, unknown>[]; top: number }>();

  const findTenant = (idOrDomain: string) =>
    tenants.find(
      (t) =>
        t.id.toLowerCase() === idOrDomain.toLowerCase() ||
        t.domains.some((d) => d.toLowerCase() === idOrDomain.toLowerCase()),
    );

  const aadError = (res: ServerResponse, status: number, error: string, code: number, description: string): void => {
    const trace = randomUUID();
    const correlation = randomUUID();
    const ts = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    send(res, status, {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: correlation,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    });
  };
  const graphError = (res: ServerResponse, status: number, code: string, message: string, headers = {}): void => {
    send(
      res,
      status,
      {
        error: {
          code,
          message,
          innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': randomUUID() },
        },
      },
      headers,
    );
  };

  function token(res: ServerResponse, tenantSeg: string, body: URLSearchParams): void {
    const grant = body.get('grant_type');
    const clientId = body.get('client_id');
    const secret = body.get('client_secret');
    const scope = body.get('scope');
    if (!GUID.test(tenantSeg) && !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(tenantSeg))
      return aadError(
        res,
        400,
        'invalid_request',
        900023,
        `Specified tenant identifier '${tenantSeg}' is neither a valid DNS name, nor a valid external domain.`,
      );
    const t = findTenant(tenantSeg);
    if (!t)
      return aadError(
        res,
        400,
        'invalid_request',
        90002,
        `Tenant '${tenantSeg}' not found. Check to make sure you have the correct tenant ID and are signing into ` +
          `the correct cloud. Check with your subscription administrator, this may happen if there are no active ` +
          `subscriptions for the tenant.`,
      );
    if (!grant)
      return aadError(
        res,
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    if (grant !== 'client_credentials')
      return aadError(res, 400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    if (!clientId)
      return aadError(
        res,
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    const app = t.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!app)
      return aadError(
        res,
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${t.id}'. This can happen if ` +
          `the application has not been installed by the administrator of the tenant or consented to by any user ` +
          `in the tenant. You may have sent your authentication request to the wrong tenant.`,
      );
    if (!scope)
      return aadError(
        res,
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    if (!/^https?:\/\/[^/\s]+\/\.default$/.test(scope))
      return aadError(
        res,
        400,
        'invalid_scope',
        70011,
        `The provided request must include a 'scope' input parameter. The provided value for the input ` +
          `parameter 'scope' is not valid. The scope ${scope} is not valid.`,
      );
    if (secret === null || secret !== app.secret)
      return aadError(
        res,
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, ` +
          `not the client secret ID, for a secret added to app '${app.clientId}'.`,
      );
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const payload = b64url(
      JSON.stringify({
        aud: 'https://graph.microsoft.com',
        iss: `https://sts.windows.net/${t.id}/`,
        iat: now,
        nbf: now,
        exp: now + 3599,
        appid: app.clientId,
        tid: t.id,
        roles: app.permissions,
        idtyp: 'app',
      }),
    );
    const sig = b64url(createHmac('sha256', key).update(`${header}.${payload}`).digest());
    send(res, 200, {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: `${header}.${payload}.${sig}`,
    });
  }

  function principal(req: IncomingMessage): { tenant: (typeof tenants)[number]; roles: string[] } | string {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    if (!m) return 'Access token is empty.';
    const [h, p, s] = m[1]!.split('.');
    if (!h || !p || !s) return 'IDX14100: JWT is not well formed, there are no dots (.).';
    if (b64url(createHmac('sha256', key).update(`${h}.${p}`).digest()) !== s)
      return 'Access token validation failure. Invalid audience.';
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { tid: string; exp: number; roles: string[] };
    if (claims.exp < Date.now() / 1000) return 'Lifetime validation failed, the token is expired.';
    const tenant = findTenant(claims.tid);
    if (!tenant) return 'Access token validation failure.';
    return { tenant, roles: claims.roles };
  }

  const selectFields = (o: Record<string, unknown>, select: string | null, type: string) => {
    if (!select) return { '@odata.type': type, ...o, members: undefined };
    const out: Record<string, unknown> = { '@odata.type': type, id: o.id };
    for (const f of select.split(',').map((x) => x.trim())) if (f) out[f] = o[f] === undefined ? null : o[f];
    return out;
  };

  function page(res: ServerResponse, base: string, context: string, items: Record<string, unknown>[], top: number) {
    const first = items.slice(0, top);
    const rest = items.slice(top);
    const body: Record<string, unknown> = { '@odata.context': context, value: first };
    if (rest.length) {
      const skip = randomUUID().replace(/-/g, '');
      cursors.set(skip, { items: rest, top });
      body['@odata.nextLink'] = `${base}&$skiptoken=${skip}`;
    }
    send(res, 200, body);
  }

  function graph(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const origin = `${url.protocol}//${url.host}`;
    const who = principal(req);
    if (typeof who === 'string') return graphError(res, 401, 'InvalidAuthenticationToken', who);
    const { tenant, roles } = who;
    const has = (...perms: string[]) => perms.some((p) => roles.includes(p));
    const denied = () =>
      graphError(res, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const q = url.searchParams;
    const path = decodeURIComponent(url.pathname);

    const skiptoken = q.get('$skiptoken');
    if (skiptoken !== null) {
      const c = cursors.get(skiptoken);
      if (!c) return graphError(res, 400, 'Request_BadRequest', 'The specified page token value has expired.');
      cursors.delete(skiptoken);
      const next = new URL(url.href);
      next.searchParams.delete('$skiptoken');
      return page(res, `${origin}${url.pathname}?${next.searchParams.toString()}`, ctxOf(origin, path), c.items, c.top);
    }

    if (path === '/v1.0/groups') {
      if (!has('Group.Read.All', 'GroupMember.Read.All', 'Directory.Read.All', 'Group.ReadWrite.All')) return denied();
      const filter = q.get('$filter');
      let groups = tenant.groups;
      if (filter !== null) {
        const m = /^displayName eq '((?:[^']|'')*)'$/.exec(filter.trim());
        if (!m) return graphError(res, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause.`);
        const name = m[1]!.replace(/''/g, "'");
        groups = groups.filter((g) => g.displayName === name);
      }
      const items = groups.map((g) => selectFields({ ...g }, q.get('$select'), '#microsoft.graph.group'));
      return page(res, `${origin}${url.pathname}?${q.toString()}`, `${origin}/v1.0/$metadata#groups`, items, 100);
    }

    let m = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers$/.exec(path);
    if (m) {
      if (!has('GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All')) return denied();
      const group = tenant.groups.find((g) => g.id === m![1]);
      if (!group)
        return graphError(
          res,
          404,
          'Request_ResourceNotFound',
          `Resource '${m[1]}' does not exist or one of its queried reference-property objects are not present.`,
        );
      const select = q.get('$select');
      const fields = (select ?? 'displayName,givenName,surname,mail,userPrincipalName').split(',').map((s) => s.trim());
      if (fields.some((f) => f !== 'id') && !has('User.Read.All', 'Directory.Read.All')) return denied();
      const topText = q.get('$top');
      const top = topText === null ? defaultTop : Number(topText);
      if (!Number.isInteger(top) || top < 1 || top > 999)
        return graphError(
          res,
          400,
          'Request_UnsupportedQuery',
          `Invalid page size specified: '${topText}'. Must be between 1 and 999 inclusive.`,
        );
      const seen = new Set<string>();
      const items: Record<string, unknown>[] = [];
      // Indexed per request (tests change the lists between requests): a find per member was quadratic,
      // 464 s of the stand-in's own time for a 100,000-member group in bench:sync.
      const usersById = new Map(tenant.users.map((x) => [x.id, x]));
      const groupsById = new Map(tenant.groups.map((x) => [x.id, x]));
      const walk = (g: MsGroup) => {
        for (const id of g.members) {
          if (seen.has(id)) continue;
          seen.add(id);
          const u = usersById.get(id);
          if (u) items.push(selectFields(u, select, '#microsoft.graph.user'));
          const sub = groupsById.get(id);
          if (sub) {
            items.push(selectFields({ ...sub }, select, '#microsoft.graph.group'));
            walk(sub);
          }
        }
      };
      walk(group);
      return page(
        res,
        `${origin}${url.pathname}?${q.toString()}`,
        `${origin}/v1.0/$metadata#directoryObjects`,
        items,
        top,
      );
    }

    m = /^\/v1\.0\/users\/([^/]+)\/calendar\/events$/.exec(path);
    if (m) {
      if (!has('Calendars.Read', 'Calendars.ReadWrite', 'Calendars.ReadBasic.All')) return denied();
      const key = m[1]!.toLowerCase();
      const user = tenant.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
      if (!user) return graphError(res, 404, 'ErrorInvalidUser', `The requested user '${m[1]}' is invalid.`);
      const cal = Object.entries(tenant.calendars).find(
        ([upn]) => upn.toLowerCase() === user.userPrincipalName.toLowerCase(),
      );
      if (!cal)
        return graphError(
          res,
          404,
          'MailboxNotEnabledForRESTAPI',
          'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
        );
      const topText = q.get('$top');
      const top = topText === null ? 10 : Number(topText);
      if (!Number.isInteger(top) || top < 1 || top > 1000)
        return graphError(res, 400, 'ErrorInvalidUrlQuery', `The value '${topText}' of parameter '$top' is invalid.`);
      const items = cal[1].map((e, i) => ({
        '@odata.etag': `W/"${i}"`,
        id: e.id ?? `AAMk${b64url(`${user.id}:${i}`)}`,
        subject: e.subject,
        start: { dateTime: `${e.start}.0000000`, timeZone: 'UTC' },
        end: { dateTime: `${e.end}.0000000`, timeZone: 'UTC' },
        organizer: {
          emailAddress: { name: e.organizer ?? user.displayName ?? '', address: e.organizer ?? user.userPrincipalName },
        },
      }));
      return page(
        res,
        `${origin}${url.pathname}?${q.toString()}`,
        `${origin}/v1.0/$metadata#users('${encodeURIComponent(m[1]!)}')/calendar/events`,
        items,
        top,
      );
    }
    graphError(res, 400, 'BadRequest', `Resource not found for the segment '${path.split('/').pop()}'.`);
  }

  const ctxOf = (origin: string, path: string) =>
    path.endsWith('/transitiveMembers') ? `${origin}/v1.0/$metadata#directoryObjects` : `${origin}/v1.0/$metadata`;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `${tls ? 'https' : 'http'}://${req.headers.host ?? '127.0.0.1'}`);
    const record: MsRequest = {
      at: Date.now(),
      method: req.method ?? '',
      path: url.pathname,
      query: url.search,
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const tm = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
        if (tm) {
          if (req.method !== 'POST')
            return aadError(res, 405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
          return token(res, decodeURIComponent(tm[1]!), new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        }
        if (url.pathname.startsWith('/v1.0/')) {
          const t = throttles.find((x) => x.left > 0 && (!x.match || x.match.test(url.pathname)));
          if (t) {
            t.left--;
            return graphError(
              res,
              429,
              'TooManyRequests',
              'Too many requests. Please retry after the period given in Retry-After.',
              { 'Retry-After': String(t.seconds) },
            );
          }
          if (req.method !== 'GET') return graphError(res, 405, 'Request_BadRequest', 'Method not allowed.');
          return graph(req, res, url);
        }
        send(res, 404, { error: { code: 'NotFound', message: 'Not found' } });
      } catch (e) {
        send(res, 500, { error: { code: 'InternalServerError', message: String(e) } });
      }
    });
  };

  const ca = tls ? testCa() : null;
  const server = ca
    ? createHttpsServer({ cert: ca.server.certPem, key: ca.server.keyPem }, handler)
    : createHttpServer(handler);
  // The server binds port 0 itself (no hand-over to another process, so no race).
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    loginBaseUrl: base,
    graphBaseUrl: base,
    caPem: ca?.caPem ?? null,
    port,
    requests,
    tenant(id) {
      const t = findTenant(id);
      if (!t) throw new Error(`no tenant ${id}`);
      return t;
    },
    throttleNext(count, seconds, match) {
      throttles.push({ left: count, seconds, match });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'request-id': randomUUID(),
    ...headers,
  });
  res.end(text);
}
