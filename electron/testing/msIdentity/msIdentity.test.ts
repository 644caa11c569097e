import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMsIdentity, type MsIdentityStandIn } from '.';

const TENANT = '0cd345fc-e1fe-4f99-a378-4317172ad9c2';
const APP = 'f96bcece-3db3-4445-ac2a-32b9c66f761e';
const NOPERM = '11111111-3db3-4445-ac2a-32b9c66f761e';
type GraphBody = { value?: unknown; '@odata.nextLink'?: string; [k: string]: unknown };
let ms: MsIdentityStandIn;
let agent: Agent;

const get = async (path: string, token?: string) => {
  const r = await undiciFetch(`${ms.graphBaseUrl}${path}`, {
    dispatcher: agent,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: r.status, headers: r.headers, body: (await r.json()) as GraphBody };
};
const tokenFor = async (
  tenant: string,
  clientId: string,
  secret: string,
  scope = 'https://graph.microsoft.com/.default',
) => {
  const r = await undiciFetch(`${ms.loginBaseUrl}/${tenant}/oauth2/v2.0/token`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope,
    }).toString(),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  const users = Array.from({ length: 250 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    userPrincipalName: `user${i}@contoso.test`,
    givenName: `Given${i}`,
    surname: `Sur${i}`,
  }));
  ms = await startMsIdentity({
    tenants: [
      {
        id: TENANT,
        domains: ['contoso.test'],
        apps: [
          {
            clientId: APP,
            secret: 'right',
            permissions: ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Calendars.Read'],
          },
          { clientId: NOPERM, secret: 'right', permissions: ['User.Read.All'] },
        ],
        users,
        groups: [
          { id: 'g-sub', displayName: 'Sub', members: users.slice(200).map((u) => u.id) },
          {
            id: 'g-top',
            displayName: "MICCE O'Users",
            members: [...users.slice(0, 200).map((u) => u.id), 'g-sub', users[0]!.id],
          },
        ],
        calendars: {
          'user1@contoso.test': [{ subject: 'Stand-up', start: '2026-12-02T09:00:00', end: '2026-12-02T09:15:00' }],
        },
      },
    ],
  });
  agent = new Agent({ connect: { ca: ms.caPem! } });
});
afterAll(async () => {
  await agent?.close();
  await ms?.stop();
});

describe('Microsoft identity platform stand-in', () => {
  it('issues a client-credentials token; real AADSTS errors for a wrong secret, tenant, app, scope', async () => {
    const ok = await tokenFor(TENANT, APP, 'right');
    expect(ok.status).toBe(200);
    expect(ok.body.token_type).toBe('Bearer');
    const bySecret = await tokenFor(TENANT, APP, 'wrong');
    expect(bySecret.status).toBe(401);
    expect(bySecret.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const byTenant = await tokenFor('9cd345fc-e1fe-4f99-a378-4317172ad9c2', APP, 'right');
    expect(byTenant.status).toBe(400);
    expect(byTenant.body.error_description).toMatch(/^AADSTS90002: Tenant '9cd345fc/);
    expect((await tokenFor('contoso.test', 'nobody', 'x')).body.error_codes).toEqual([700016]);
    expect((await tokenFor(TENANT, APP, 'right', 'openid')).body.error).toBe('invalid_scope');
  });

  it('finds a group by displayName, pages transitiveMembers with nextLink, each member once', async () => {
    const token = (await tokenFor(TENANT, APP, 'right')).body.access_token as string;
    const g = await get(
      `/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'MICCE O''Users'")}&$select=id,displayName`,
      token,
    );
    expect(g.body.value).toEqual([
      { '@odata.type': '#microsoft.graph.group', id: 'g-top', displayName: "MICCE O'Users" },
    ]);
    const seen: Record<string, unknown>[] = [];
    let next: string | undefined =
      `/v1.0/groups/g-top/transitiveMembers?$select=id,givenName,userPrincipalName&$top=100`;
    let pages = 0;
    while (next) {
      const r = await get(next.replace(ms.graphBaseUrl, ''), token);
      expect(r.status).toBe(200);
      seen.push(...(r.body.value as Record<string, unknown>[]));
      next = r.body['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.filter((x) => x['@odata.type'] === '#microsoft.graph.user')).toHaveLength(250);
    expect(seen.find((x) => x.id === 'g-sub')).toBeTruthy();
  });

  it('401 without a token, 403 Authorization_RequestDenied without the permission, 404 for a missing group', async () => {
    expect((await get('/v1.0/groups')).status).toBe(401);
    const weak = (await tokenFor(TENANT, NOPERM, 'right')).body.access_token as string;
    const r = await get('/v1.0/groups/g-top/transitiveMembers', weak);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
    const token = (await tokenFor(TENANT, APP, 'right')).body.access_token as string;
    expect((await get('/v1.0/groups/nope/transitiveMembers', token)).body).toMatchObject({
      error: { code: 'Request_ResourceNotFound' },
    });
  });

  it('throttles with 429 and Retry-After; serves calendar events', async () => {
    const token = (await tokenFor(TENANT, APP, 'right')).body.access_token as string;
    ms.throttleNext(1, 2, /calendar/);
    const t = await get('/v1.0/users/user1@contoso.test/calendar/events?$top=1', token);
    expect(t.status).toBe(429);
    expect(t.headers.get('retry-after')).toBe('2');
    const e = await get('/v1.0/users/user1@contoso.test/calendar/events?$top=1', token);
    expect(e.status).toBe(200);
    expect((e.body.value as { subject: string }[])[0]!.subject).toBe('Stand-up');
    expect((await get('/v1.0/users/user2@contoso.test/calendar/events?$top=1', token)).body).toMatchObject({
      error: { code: 'MailboxNotEnabledForRESTAPI' },
    });
    expect((await get('/v1.0/users/ghost@contoso.test/calendar/events?$top=1', token)).body).toMatchObject({
      error: { code: 'ErrorInvalidUser' },
    });
  });
});
