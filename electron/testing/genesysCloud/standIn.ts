import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A stand-in for one Genesys Cloud region on 127.0.0.1, for tests and the benchmark (the real
 * service cannot be reached from here). It speaks the protocols the console uses:
 * - OAuth 2.0 at /oauth/token: client credentials (Basic client_id:secret) and the resource owner
 *   password grant for the organization administrator (with `org` = the organization short name),
 *   errors as Genesys answers them ({"error":"invalid_client","description":…});
 * - SCIM 2.0 (RFC 7643/7644) at /api/v2/scim/v2/Users: POST, GET by id, GET ?filter=userName eq "…",
 *   PATCH (PatchOp) with If-Match and ETags W/"<version>", the SCIM error schema;
 * - the Platform API: organizations/me, oauth/clients, routing queues, skills, languages and wrap-up
 *   codes (pageSize / pageNumber / pageCount paging), users' routing skills and languages, health check;
 *   errors as {message, code, status, contextId}.
 * - SMS: /api/v2/routing/sms/availablephonenumbers (countryCode, phoneNumberType, region, city,
 *   areaCode, pattern, addressRequirement — the real API's parameters; it has no postal code) and /api/v2/routing/sms/phonenumbers
 *   (list, create, get, update, delete); OAuth clients create / update / delete (Manage Client);
 * - queue members: /api/v2/routing/queues/{id}/members (list with paging; bulk add or delete ≤ 100).
 * Switches: an outage (every connection is reset), 429s with Retry-After for the next N requests,
 * the token lifetime, user names the SCIM endpoint refuses.
 */

export interface StandInOptions {
  orgShortName?: string;
  orgName?: string;
  adminEmail?: string;
  adminPassword?: string;
  tokenTtlSeconds?: number;
}

interface Entity {
  id: string;
  name: string;
  version: number;
  [k: string]: unknown;
}
interface AvailableSms {
  phoneNumber: string;
  countryCode: string;
  type: 'local' | 'tollfree';
  region: string | null;
  city: string | null;
  addressRequirement: 'none' | 'any' | 'local' | 'foreign';
}
interface SmsNumber {
  id: string;
  name: string;
  phoneNumber: string;
  phoneNumberType: string;
  countryCode: string;
  phoneNumberStatus: string;
  version: number;
  dateCreated: string;
}

/** Keypad digits of the letters in a vanity pattern. */
const KEYPAD: Record<string, string> = Object.fromEntries(
  ['abc', 'def', 'ghi', 'jkl', 'mno', 'pqrs', 'tuv', 'wxyz'].flatMap((ls, i) => [...ls].map((l) => [l, String(i + 2)])),
);

function smsPool(): AvailableSms[] {
  const places: [string, string, string][] = [
    ['317', 'Indianapolis', 'IN'],
    ['212', 'New York', 'NY'],
    ['415', 'San Francisco', 'CA'],
    ['650', 'Palo Alto', 'CA'],
  ];
  const out: AvailableSms[] = [];
  for (const [area, city, region] of places)
    for (const ex of ['234', '555', '786'])
      for (let i = 0; i < 8; i++)
        out.push({
          phoneNumber: `+1${area}${ex}${String((1234 + i * 1111) % 10000).padStart(4, '0')}`,
          countryCode: 'US',
          type: 'local',
          region,
          city,
          addressRequirement: 'none',
        });
  // Vanity numbers: …CALL (2255) and …HELP (4357).
  for (const n of ['+13172342255', '+12125554357', '+14157862255'])
    out.push({ ...out.find((o) => o.phoneNumber.startsWith(n.slice(0, 5)))!, phoneNumber: n });
  for (const tf of ['800', '888', '877'])
    for (let i = 0; i < 6; i++)
      out.push({
        phoneNumber: `+1${tf}${String(2220000 + i * 1013).padStart(7, '0')}`,
        countryCode: 'US',
        type: 'tollfree',
        region: null,
        city: null,
        addressRequirement: 'none',
      });
  out.push({
    phoneNumber: '+442071838750',
    countryCode: 'GB',
    type: 'local',
    region: 'England',
    city: 'London',
    addressRequirement: 'local',
  });
  return out;
}

interface ScimUser {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  emails: { value: string; type: string; primary?: boolean }[];
  version: number;
  created: string;
  lastModified: string;
}

interface OAuthClientRecord {
  id: string;
  name: string;
  secret: string;
  /** The roles it acts with (in a division); a client credentials client without one gets no token. */
  roleDivisions: { roleId: string; divisionId: string }[];
  description?: string;
  accessTokenValiditySeconds?: number;
  state?: string;
}

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

export class GenesysCloudStandIn {
  private server: Server | null = null;
  baseUrl = '';
  readonly org = { id: randomUUID(), name: '', shortName: '' };
  readonly admin: { email: string; password: string };
  tokenTtlSeconds: number;
  readonly clients = new Map<string, OAuthClientRecord>();
  /** The organization's roles (GET /api/v2/authorization/roles) and its home division. */
  readonly roles = [
    { id: randomUUID(), name: 'Master Admin', description: 'Master Admin' },
    { id: randomUUID(), name: 'Employee', description: 'Employee' },
    { id: randomUUID(), name: 'Supervisor', description: 'Supervisor' },
  ];
  readonly homeDivision = { id: randomUUID(), name: 'Home', homeDivision: true };
  private readonly tokens = new Map<string, { kind: 'admin' | 'client'; expiresAt: number }>();
  readonly users = new Map<string, ScimUser>();
  readonly collections: Record<'queues' | 'skills' | 'languages' | 'wrapupcodes', Map<string, Entity>> = {
    queues: new Map(),
    skills: new Map(),
    languages: new Map(),
    wrapupcodes: new Map(),
  };
  /** Numbers the SMS search can find (a fixed pool per area code) and those provisioned (by id). */
  readonly availableSms: AvailableSms[] = smsPool();
  readonly smsNumbers = new Map<string, SmsNumber>();
  /** Queue id → member user ids. */
  readonly queueMembers = new Map<string, Set<string>>();
  readonly userSkills = new Map<string, { id: string; proficiency: number }[]>();
  readonly userLanguages = new Map<string, { id: string; proficiency: number }[]>();
  /** Every request: method, path, time (ms) and the answer's status. */
  readonly requests: { method: string; path: string; at: number; status: number }[] = [];
  outage = false;
  /** Added to every API answer (a slow organization: a complete pass takes a while). */
  latencyMs = 0;
  /** When set, GET /api/v2/organizations/me names this short name (an administrator of another org). */
  orgMeShortName: string | null = null;
  /** When set, GET /api/v2/health/check answers this status (a 503 while Genesys Cloud is degraded). */
  healthCheckStatus: number | null = null;
  private rateLimited = 0;
  private retryAfter = 1;
  /** userName (lower case) → the detail of a 400 the SCIM endpoint answers for it. */
  readonly refuseUserNames = new Map<string, string>();
  private readonly sockets = new Set<Socket>();

  constructor(opts: StandInOptions = {}) {
    this.org.shortName = opts.orgShortName ?? 'acme';
    this.org.name = opts.orgName ?? 'Acme Contact Center';
    this.admin = { email: opts.adminEmail ?? 'admin@acme.example', password: opts.adminPassword ?? 'Genesys#2026' };
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 86_400;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5_000;
    server.on('connection', (s) => {
      if (this.outage) {
        s.destroy();
        return;
      }
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // Port 0 is bound and kept by this process (no hand-over), so parallel test files cannot race for it.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  /** Outage on: open connections are reset and new ones refused at once. */
  setOutage(on: boolean): void {
    this.outage = on;
    if (on) for (const s of this.sockets) s.destroy();
  }

  /** The next `count` API requests answer 429 with Retry-After: `seconds`. */
  rateLimit(count: number, seconds = 1): void {
    this.rateLimited = count;
    this.retryAfter = seconds;
  }

  /** Expires every token issued so far (the next API call answers 401). */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = 0;
  }

  /** userName (lower case) → user: a filter or a POST finds it without a scan of every user. */
  private readonly byName = new Map<string, ScimUser>();

  userByName(userName: string): ScimUser | undefined {
    const u = this.byName.get(userName.toLowerCase());
    // (tests may change a user in place: the index is checked against the user itself)
    return u && u.userName.toLowerCase() === userName.toLowerCase() && this.users.get(u.id) === u ? u : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.outage) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const entry = { method: req.method ?? 'GET', path: url.pathname + url.search, at: Date.now(), status: 0 };
    this.requests.push(entry);
    if (this.requests.length > 200_000) this.requests.splice(0, 100_000);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, {
        'content-type': url.pathname.includes('/scim/') ? 'application/scim+json' : 'application/json',
        ...headers,
      });
      res.end(text);
    };
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (this.latencyMs > 0 && url.pathname !== '/oauth/token') await new Promise((r) => setTimeout(r, this.latencyMs));
    const raw = Buffer.concat(chunks).toString('utf8');
    try {
      if (url.pathname === '/oauth/token' && req.method === 'POST') return this.token(req, raw, send);
      if (this.rateLimited > 0) {
        this.rateLimited--;
        return send(
          429,
          {
            message: `Rate limit exceeded the maximum. Retry the request in [${this.retryAfter}] seconds`,
            code: 'too.many.requests',
            status: 429,
            contextId: randomUUID(),
          },
          { 'retry-after': String(this.retryAfter) },
        );
      }
      const auth = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
      const tok = auth ? this.tokens.get(auth[1]!) : undefined;
      if (!tok || tok.expiresAt < Date.now()) {
        return send(401, {
          message: 'No authentication bearer token specified in authorization header.',
          code: 'bad.credentials',
          status: 401,
          contextId: randomUUID(),
        });
      }
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      return this.api(req.method ?? 'GET', url, body, req, tok.kind, send);
    } catch (err) {
      return send(400, { message: `Malformed request: ${String(err)}`, code: 'bad.request', status: 400 });
    }
  }

  private token(req: IncomingMessage, raw: string, send: (s: number, b: unknown) => void): void {
    const form = new URLSearchParams(raw);
    const grant = form.get('grant_type');
    const issue = (kind: 'admin' | 'client') => {
      const token = randomBytes(24).toString('base64url');
      this.tokens.set(token, { kind, expiresAt: Date.now() + this.tokenTtlSeconds * 1000 });
      send(200, { access_token: token, token_type: 'bearer', expires_in: this.tokenTtlSeconds });
    };
    if (grant === 'client_credentials') {
      const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      const [id, secret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
      const client = id ? this.clients.get(id) : undefined;
      if (!client || client.secret !== secret)
        return send(401, { error: 'invalid_client', description: 'client not found or bad client secret' });
      // Genesys Cloud issues no client credentials token to a client with no role: it could do nothing.
      if (client.roleDivisions.length === 0)
        return send(403, {
          error: 'unauthorized_client',
          description: 'The client credentials grant requires at least one role assigned to the client',
          error_description: 'The client credentials grant requires at least one role assigned to the client',
        });
      return issue('client');
    }
    if (grant === 'password') {
      if ((form.get('org') ?? '').toLowerCase() !== this.org.shortName.toLowerCase())
        return send(400, { error: 'invalid_grant', description: `organization not found: ${form.get('org') ?? ''}` });
      if (
        form.get('username')?.toLowerCase() !== this.admin.email.toLowerCase() ||
        form.get('password') !== this.admin.password
      )
        return send(400, { error: 'invalid_grant', description: 'Invalid login credentials' });
      return issue('admin');
    }
    return send(400, {
      error: 'unsupported_grant_type',
      description: `grant_type ${grant ?? '(none)'} is not supported`,
    });
  }

  private api(
    method: string,
    url: URL,
    body: unknown,
    req: IncomingMessage,
    kind: 'admin' | 'client',
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
  ): void {
    const p = url.pathname;
    const platformError = (status: number, code: string, message: string) =>
      send(status, { message, code, status, contextId: randomUUID() });
    const scimError = (status: number, detail: string, scimType?: string) =>
      send(status, { schemas: [SCIM_ERROR], status: String(status), ...(scimType ? { scimType } : {}), detail });

    if (p === '/api/v2/health/check' && method === 'GET')
      return this.healthCheckStatus
        ? send(this.healthCheckStatus, {
            message: 'The service is currently unavailable.',
            code: 'service.unavailable',
            status: this.healthCheckStatus,
          })
        : send(200, { status: 'ok' });
    if (p === '/api/v2/organizations/me' && method === 'GET')
      return send(200, {
        id: this.org.id,
        name: this.org.name,
        thirdPartyOrgName: this.orgMeShortName ?? this.org.shortName,
      });
    if (p === '/api/v2/authorization/roles' && method === 'GET') {
      // ?name= matches the role name exactly (case-insensitive), like the Platform API's filter.
      const name = url.searchParams.get('name');
      const list = this.roles.filter((r) => !name || r.name.toLowerCase() === name.toLowerCase());
      return send(200, { entities: list, pageSize: 25, pageNumber: 1, total: list.length, pageCount: 1 });
    }
    if (p === '/api/v2/authorization/divisions/home' && method === 'GET') return send(200, this.homeDivision);
    const oc = /^\/api\/v2\/oauth\/clients(?:\/([^/]+))?$/.exec(p);
    if (oc && (kind === 'client' || oc[1]) && (method === 'POST' || oc[1]))
      return this.oauthClient(method, oc[1], body, send, platformError);
    if (p === '/api/v2/oauth/clients') {
      if (kind !== 'admin') return platformError(403, 'missing.permissions', 'Unable to perform the requested action.');
      if (method === 'POST') {
        const b = body as {
          name?: string;
          authorizedGrantType?: string;
          roleDivisions?: { roleId?: string; divisionId?: string }[];
        };
        if (b?.authorizedGrantType !== 'CLIENT-CREDENTIALS')
          return platformError(400, 'bad.request', 'authorizedGrantType must be CLIENT-CREDENTIALS');
        const rd = this.roleDivisionsOf(b.roleDivisions);
        if (typeof rd === 'string') return platformError(400, 'bad.request', rd);
        const c = {
          id: randomUUID(),
          name: b.name ?? 'client',
          secret: randomBytes(30).toString('base64url'),
          roleDivisions: rd,
        };
        this.clients.set(c.id, c);
        return send(200, { id: c.id, name: c.name, secret: c.secret, authorizedGrantType: 'CLIENT-CREDENTIALS' });
      }
      if (method === 'GET')
        return send(200, { entities: [...this.clients.values()].map((c) => ({ id: c.id, name: c.name })) });
    }
    const scim = /^\/api\/v2\/scim\/v2\/Users(?:\/([^/]+))?$/.exec(p);
    if (scim) return this.scim(method, url, scim[1], body, req, send, scimError);

    const bulk = /^\/api\/v2\/users\/([^/]+)\/(routingskills|routinglanguages)\/bulk$/.exec(p);
    if (bulk && (method === 'PUT' || method === 'PATCH')) {
      if (!this.users.has(bulk[1]!)) return platformError(404, 'not.found', `User ${bulk[1]} not found`);
      const list = (body as { id: string; proficiency: number }[]) ?? [];
      const coll = bulk[2] === 'routingskills' ? this.collections.skills : this.collections.languages;
      for (const s of list) {
        if (!coll.has(s.id)) return platformError(400, 'bad.request', `Unknown ${bulk[2]} id ${s.id}`);
        if (!(s.proficiency >= 0 && s.proficiency <= 5))
          return platformError(400, 'bad.request', `proficiency must be between 0 and 5`);
      }
      (bulk[2] === 'routingskills' ? this.userSkills : this.userLanguages).set(bulk[1]!, list);
      return send(200, { entities: list });
    }

    const members = /^\/api\/v2\/routing\/queues\/([^/]+)\/members$/.exec(p);
    if (members) return this.members(method, members[1]!, url, body, send, platformError);
    if (p.startsWith('/api/v2/routing/sms/')) return this.sms(method, p, url, body, send, platformError);

    const coll = /^\/api\/v2\/routing\/(queues|skills|languages|wrapupcodes)(?:\/([^/]+))?$/.exec(p);
    if (coll) {
      const map = this.collections[coll[1] as keyof GenesysCloudStandIn['collections']];
      const id = coll[2];
      const nameTaken = (name: string, except?: string) =>
        [...map.values()].some((e) => e.name.toLowerCase() === name.toLowerCase() && e.id !== except);
      if (!id && method === 'GET') {
        const pageSize = Math.min(500, Math.max(1, Number(url.searchParams.get('pageSize') ?? 25)));
        const pageNumber = Math.max(1, Number(url.searchParams.get('pageNumber') ?? 1));
        const name = url.searchParams.get('name');
        const all = [...map.values()].filter((e) => !name || e.name.toLowerCase() === name.toLowerCase());
        return send(200, {
          entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
          pageSize,
          pageNumber,
          total: all.length,
          pageCount: Math.ceil(all.length / pageSize),
        });
      }
      if (!id && method === 'POST') {
        const name = String((body as { name?: unknown })?.name ?? '').trim();
        if (!name) return platformError(400, 'bad.request', 'name is required');
        if (nameTaken(name)) return platformError(409, 'conflict', `A ${coll[1]} named ${name} already exists`);
        const e: Entity = { ...(body as object), id: randomUUID(), name, version: 1 };
        map.set(e.id, e);
        return send(200, e);
      }
      const e = id ? map.get(id) : undefined;
      if (!e) return platformError(404, 'not.found', `${coll[1]} ${id ?? ''} not found`);
      if (method === 'GET') return send(200, e);
      if (method === 'PUT') {
        const name = String((body as { name?: unknown })?.name ?? e.name).trim();
        if (nameTaken(name, e.id)) return platformError(409, 'conflict', `A ${coll[1]} named ${name} already exists`);
        Object.assign(e, body as object, { id: e.id, name, version: e.version + 1 });
        return send(200, e);
      }
      if (method === 'DELETE') {
        map.delete(e.id);
        if (coll[1] === 'queues') this.queueMembers.delete(e.id);
        entryless(send);
        return;
      }
    }
    return platformError(404, 'not.found', `No route for ${method} ${p}`);
  }

  /** roleDivisions as the Platform API checks them: known roles, the division given. */
  private roleDivisionsOf(
    list: { roleId?: string; divisionId?: string }[] | undefined,
  ): { roleId: string; divisionId: string }[] | string {
    const out: { roleId: string; divisionId: string }[] = [];
    for (const x of list ?? []) {
      if (!x.roleId || !this.roles.some((r) => r.id === x.roleId)) return `Role ${x.roleId ?? ''} not found`;
      if (x.divisionId !== this.homeDivision.id && x.divisionId !== '*')
        return `Division ${x.divisionId ?? ''} not found`;
      out.push({ roleId: x.roleId, divisionId: x.divisionId });
    }
    return out;
  }

  /** Manage Client: an OAuth client (client credentials) with name, description, token lifetime and state. */
  private oauthClient(
    method: string,
    id: string | undefined,
    body: unknown,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    platformError: (status: number, code: string, message: string) => void,
  ): void {
    const b = (body ?? {}) as {
      name?: string;
      description?: string;
      accessTokenValiditySeconds?: number;
      state?: string;
      roleDivisions?: { roleId?: string; divisionId?: string }[];
    };
    const check = (): string | null => {
      if (method !== 'POST' && method !== 'PUT') return null;
      if (!String(b.name ?? '').trim()) return 'name is required';
      const ttl = b.accessTokenValiditySeconds;
      if (ttl !== undefined && !(Number.isInteger(ttl) && ttl >= 300 && ttl <= 172_800))
        return 'accessTokenValiditySeconds must be between 300 and 172800';
      if (b.state !== undefined && !['active', 'inactive', 'disabled'].includes(b.state))
        return 'state must be one of [active, inactive, disabled]';
      return null;
    };
    const bad = check();
    if (bad) return platformError(400, 'bad.request', bad);
    const rd = method === 'POST' || method === 'PUT' ? this.roleDivisionsOf(b.roleDivisions) : [];
    if (typeof rd === 'string') return platformError(400, 'bad.request', rd);
    const view = (c: OAuthClientRecord) => ({
      id: c.id,
      name: c.name,
      description: c.description ?? '',
      accessTokenValiditySeconds: c.accessTokenValiditySeconds ?? 86_400,
      state: c.state ?? 'active',
      authorizedGrantType: 'CLIENT-CREDENTIALS',
      roleDivisions: c.roleDivisions,
    });
    if (!id && method === 'POST') {
      const c: OAuthClientRecord = {
        id: randomUUID(),
        name: String(b.name),
        secret: randomBytes(30).toString('base64url'),
        description: b.description ?? '',
        accessTokenValiditySeconds: b.accessTokenValiditySeconds ?? 86_400,
        state: b.state ?? 'active',
        roleDivisions: rd,
      };
      this.clients.set(c.id, c);
      return send(200, { ...view(c), secret: c.secret });
    }
    const c = id ? (this.clients.get(id) as OAuthClientRecord | undefined) : undefined;
    if (!c) return platformError(404, 'not.found', `OAuth client ${id ?? ''} not found`);
    if (method === 'GET') return send(200, view(c));
    if (method === 'PUT') {
      Object.assign(c, {
        name: String(b.name),
        description: b.description ?? c.description,
        accessTokenValiditySeconds: b.accessTokenValiditySeconds ?? c.accessTokenValiditySeconds,
        state: b.state ?? c.state,
        // PUT replaces the client: roles left out are taken away, as in the Platform API.
        roleDivisions: rd,
      });
      return send(200, view(c));
    }
    if (method === 'DELETE') {
      this.clients.delete(c.id);
      return send(204, undefined);
    }
    return platformError(405, 'method.not.allowed', `Method ${method} not supported`);
  }

  private members(
    method: string,
    queueId: string,
    url: URL,
    body: unknown,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    platformError: (status: number, code: string, message: string) => void,
  ): void {
    if (!this.collections.queues.has(queueId)) return platformError(404, 'not.found', `Queue ${queueId} not found`);
    const set = this.queueMembers.get(queueId) ?? new Set<string>();
    this.queueMembers.set(queueId, set);
    if (method === 'GET') {
      const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') ?? 25)));
      const pageNumber = Math.max(1, Number(url.searchParams.get('pageNumber') ?? 1));
      const all = [...set].map((id) => ({
        id,
        name: this.users.get(id)?.displayName ?? id,
        user: { id },
        memberBy: 'user',
        joined: true,
      }));
      return send(200, {
        entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
        pageSize,
        pageNumber,
        total: all.length,
        pageCount: Math.ceil(all.length / pageSize),
      });
    }
    if (method === 'POST') {
      const list = body as { id?: string }[];
      if (!Array.isArray(list)) return platformError(400, 'bad.request', 'The request body must be a list of members');
      if (list.length > 100)
        return platformError(400, 'bad.request', 'At most 100 members can be added or deleted at once');
      const del = url.searchParams.get('delete') === 'true';
      for (const m of list) {
        const u = m.id ? this.users.get(m.id) : undefined;
        if (!u) return platformError(400, 'bad.request', `User ${m.id ?? ''} not found`);
        if (!del && !u.active)
          return platformError(400, 'bad.request', `User ${u.userName} is inactive and cannot join a queue`);
      }
      for (const m of list) {
        if (del) set.delete(m.id!);
        else set.add(m.id!);
      }
      return send(200, undefined);
    }
    return platformError(405, 'method.not.allowed', `Method ${method} not supported`);
  }

  private sms(
    method: string,
    p: string,
    url: URL,
    body: unknown,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    platformError: (status: number, code: string, message: string) => void,
  ): void {
    const types = ['local', 'mobile', 'tollfree'];
    if (p === '/api/v2/routing/sms/availablephonenumbers' && method === 'GET') {
      const q = url.searchParams;
      const countryCode = q.get('countryCode');
      const type = q.get('phoneNumberType');
      if (!countryCode) return platformError(400, 'bad.request', 'The countryCode query parameter is required');
      if (!type) return platformError(400, 'bad.request', 'The phoneNumberType query parameter is required');
      if (!types.includes(type))
        return platformError(400, 'bad.request', `phoneNumberType must be one of [${types.join(', ')}]`);
      const areaCode = q.get('areaCode');
      if (areaCode && !/^[2-9][0-9]{2}$/.test(areaCode))
        return platformError(400, 'bad.request', `Invalid areaCode ${areaCode}`);
      const pattern = q.get('pattern');
      if (pattern && !/^[0-9A-Za-z*]+$/.test(pattern))
        return platformError(400, 'bad.request', 'pattern may contain only the characters 0-9, a-z, A-Z and *');
      let re: RegExp | null = null;
      if (pattern) {
        const body = [...pattern.toLowerCase()].map((ch) => (ch === '*' ? '\\d' : (KEYPAD[ch] ?? ch))).join('');
        re = new RegExp(pattern.length === 10 ? `^${body}$` : body);
      }
      const eq = (a: string | null, b: string | null) => !b || (a ?? '').toLowerCase() === b.toLowerCase();
      const taken = new Set([...this.smsNumbers.values()].map((n) => n.phoneNumber));
      const hits = this.availableSms.filter((a) => {
        const national = a.phoneNumber.replace(/^\+1/, '').replace(/^\+\d{2}/, '');
        return (
          !taken.has(a.phoneNumber) &&
          a.countryCode.toLowerCase() === countryCode.toLowerCase() &&
          a.type === type &&
          eq(a.region, q.get('region')) &&
          eq(a.city, q.get('city')) &&
          eq(a.addressRequirement, q.get('addressRequirement')) &&
          (!areaCode || national.startsWith(areaCode)) &&
          (!re || re.test(national))
        );
      });
      return send(200, {
        entities: hits.map((a) => ({
          phoneNumber: a.phoneNumber,
          countryCode: a.countryCode,
          region: a.region,
          city: a.city,
          capabilities: ['sms'],
          addressRequirement: a.addressRequirement,
        })),
      });
    }
    const m = /^\/api\/v2\/routing\/sms\/phonenumbers(?:\/([^/]+))?$/.exec(p);
    if (!m) return platformError(404, 'not.found', `No route for ${method} ${p}`);
    const view = (n: SmsNumber) => ({ ...n, selfUri: `/api/v2/routing/sms/phonenumbers/${n.id}` });
    if (!m[1] && method === 'GET') {
      const pageSize = Math.min(500, Math.max(1, Number(url.searchParams.get('pageSize') ?? 25)));
      const pageNumber = Math.max(1, Number(url.searchParams.get('pageNumber') ?? 1));
      const all = [...this.smsNumbers.values()];
      return send(200, {
        entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(view),
        pageSize,
        pageNumber,
        total: all.length,
        pageCount: Math.ceil(all.length / pageSize),
      });
    }
    if (!m[1] && method === 'POST') {
      const b = (body ?? {}) as { phoneNumber?: string; phoneNumberType?: string; countryCode?: string; name?: string };
      if (!b.phoneNumber) return platformError(400, 'bad.request', 'phoneNumber is required');
      if (!b.phoneNumberType || !types.includes(b.phoneNumberType))
        return platformError(400, 'bad.request', `phoneNumberType must be one of [${types.join(', ')}]`);
      if (!b.countryCode) return platformError(400, 'bad.request', 'countryCode is required');
      if ([...this.smsNumbers.values()].some((n) => n.phoneNumber === b.phoneNumber))
        return platformError(409, 'conflict', `Phone number ${b.phoneNumber} is already provisioned`);
      const a = this.availableSms.find((x) => x.phoneNumber === b.phoneNumber);
      if (!a || a.type !== b.phoneNumberType || a.countryCode !== b.countryCode.toUpperCase())
        return platformError(400, 'bad.request', `Phone number ${b.phoneNumber} is not available to provision`);
      const n: SmsNumber = {
        id: randomUUID(),
        name: b.name ?? b.phoneNumber,
        phoneNumber: b.phoneNumber,
        phoneNumberType: b.phoneNumberType,
        countryCode: a.countryCode,
        phoneNumberStatus: 'initiated',
        version: 1,
        dateCreated: new Date().toISOString(),
      };
      this.smsNumbers.set(n.id, n);
      return send(200, view(n));
    }
    const n = m[1] ? this.smsNumbers.get(m[1]) : undefined;
    if (!n) return platformError(404, 'not.found', `SMS phone number ${m[1] ?? ''} not found`);
    if (method === 'GET') return send(200, view(n));
    if (method === 'PUT') {
      const b = (body ?? {}) as { name?: string; version?: number };
      if (b.version !== undefined && b.version !== n.version)
        return platformError(
          409,
          'conflict',
          `The version you supplied [${b.version}] does not match the current version [${n.version}]`,
        );
      n.name = b.name ?? n.name;
      n.version++;
      return send(200, view(n));
    }
    if (method === 'DELETE') {
      this.smsNumbers.delete(n.id);
      return send(204, undefined);
    }
    return platformError(405, 'method.not.allowed', `Method ${method} not supported`);
  }

  /** The status Genesys Cloud reports for a provisioned number (e.g. 'active' once the carrier confirms). */
  setSmsStatus(phoneNumber: string, status: string): void {
    for (const n of this.smsNumbers.values()) if (n.phoneNumber === phoneNumber) n.phoneNumberStatus = status;
  }

  private scim(
    method: string,
    url: URL,
    id: string | undefined,
    body: unknown,
    req: IncomingMessage,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    scimError: (s: number, d: string, t?: string) => void,
  ): void {
    const etag = (u: ScimUser) => `W/"${u.version}"`;
    const resource = (u: ScimUser) => ({
      schemas: [SCIM_USER],
      id: u.id,
      userName: u.userName,
      displayName: u.displayName,
      active: u.active,
      emails: u.emails,
      meta: {
        resourceType: 'User',
        created: u.created,
        lastModified: u.lastModified,
        version: etag(u),
        location: `${this.baseUrl}/api/v2/scim/v2/Users/${u.id}`,
      },
    });
    if (!id && method === 'GET') {
      const filter = url.searchParams.get('filter') ?? '';
      const m = /^userName eq "([^"]*)"$/i.exec(filter.trim());
      if (filter && !m) return scimError(400, `Unsupported filter: ${filter}`, 'invalidFilter');
      const hits = m ? [this.userByName(m[1]!)].filter((u): u is ScimUser => !!u) : [...this.users.values()];
      // RFC 7644 §3.4.2.4 paging: startIndex (1-based), count (at most 100 here, like Genesys Cloud's page size).
      const startIndex = Math.max(1, Number(url.searchParams.get('startIndex') ?? 1) || 1);
      const count = Math.min(100, Math.max(0, Number(url.searchParams.get('count') ?? 100)));
      const page = hits.slice(startIndex - 1, startIndex - 1 + count);
      return send(200, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: hits.length,
        startIndex,
        itemsPerPage: page.length,
        Resources: page.map(resource),
      });
    }
    if (!id && method === 'POST') {
      const b = body as Partial<ScimUser> & { schemas?: string[] };
      if (!b?.schemas?.includes(SCIM_USER)) return scimError(400, `schemas must include ${SCIM_USER}`, 'invalidSyntax');
      const userName = String(b.userName ?? '');
      if (!userName) return scimError(400, 'userName is required', 'invalidValue');
      const refused = this.refuseUserNames.get(userName.toLowerCase());
      if (refused) return scimError(400, refused, 'invalidValue');
      if (this.userByName(userName)) return scimError(409, `userName ${userName} is already in use`, 'uniqueness');
      const now = new Date().toISOString();
      const u: ScimUser = {
        id: randomUUID(),
        userName,
        displayName: String(b.displayName ?? userName),
        active: b.active !== false,
        emails: b.emails ?? [],
        version: 1,
        created: now,
        lastModified: now,
      };
      this.users.set(u.id, u);
      this.byName.set(u.userName.toLowerCase(), u);
      return send(201, resource(u), { etag: etag(u), location: resource(u).meta.location });
    }
    const u = id ? this.users.get(id) : undefined;
    if (!u) return scimError(404, `Resource ${id ?? ''} not found`);
    if (method === 'GET') return send(200, resource(u), { etag: etag(u) });
    if (method === 'PATCH') {
      const ifMatch = req.headers['if-match'];
      if (ifMatch && ifMatch !== '*' && ifMatch !== etag(u)) {
        const supplied = /"(\d+)"/.exec(String(ifMatch))?.[1] ?? String(ifMatch);
        return scimError(
          412,
          `The version you supplied [${supplied}] does not match the current version [${u.version}] for entity ${u.id}`,
        );
      }
      const b = body as { schemas?: string[]; Operations?: { op: string; path?: string; value: unknown }[] };
      if (!b?.schemas?.includes('urn:ietf:params:scim:api:messages:2.0:PatchOp'))
        return scimError(400, 'schemas must include urn:ietf:params:scim:api:messages:2.0:PatchOp', 'invalidSyntax');
      const refused = this.refuseUserNames.get(u.userName.toLowerCase());
      if (refused) return scimError(400, refused, 'invalidValue');
      for (const op of b.Operations ?? []) {
        if (op.op.toLowerCase() !== 'replace') return scimError(400, `Unsupported op ${op.op}`, 'invalidSyntax');
        const apply = (path: string, value: unknown) => {
          if (path === 'displayName') u.displayName = String(value);
          else if (path === 'active') u.active = value === true;
          else if (path === 'emails') u.emails = value as ScimUser['emails'];
          else if (path === 'userName') {
            if (this.byName.get(u.userName.toLowerCase()) === u) this.byName.delete(u.userName.toLowerCase());
            u.userName = String(value);
            this.byName.set(u.userName.toLowerCase(), u);
          }
        };
        if (op.path) apply(op.path, op.value);
        else for (const [k, v] of Object.entries(op.value as object)) apply(k, v);
      }
      u.version++;
      u.lastModified = new Date().toISOString();
      return send(200, resource(u), { etag: etag(u) });
    }
    return scimError(405, `Method ${method} not supported`);
  }
}

function entryless(send: (s: number, b: unknown) => void) {
  send(204, undefined);
}

export async function startGenesysStandIn(opts: StandInOptions = {}): Promise<GenesysCloudStandIn> {
  return new GenesysCloudStandIn(opts).start();
}
