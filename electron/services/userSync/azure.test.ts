import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_MAPPING, type UserSyncSettings } from '../../contract';
import { ENGINES } from '../../connectors/db/testing/engines';
import { addOutboundCa } from '../../connectors/http/outbound';
import { startMsIdentity, type MsIdentityStandIn } from '../../testing/msIdentity';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { retryAfterMs } from './graphReader';

const T = 2;
const AZ_TENANT = '0cd345fc-e1fe-4f99-a378-4317172ad9c2';
const APP = 'f96bcece-3db3-4445-ac2a-32b9c66f761e';
const WEAK_APP = 'a96bcece-3db3-4445-ac2a-32b9c66f761e';
const SECRET = 'client-Secret-1';

describe('Retry-After', () => {
  it('takes seconds or an HTTP date, caps at 120 s', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('9999')).toBe(120_000);
    expect(retryAfterMs(null)).toBe(5000);
  });
});

describe.each(ENGINES)('user synchronization from Azure AD (Graph stand-in) on %s', (engine) => {
  let ms: MsIdentityStandIn;
  let c: TestConsole;
  let version = 0;
  const settings = (over: Partial<UserSyncSettings['azure']> = {}, group = 'MICCE Users'): UserSyncSettings => ({
    type: 'azure',
    ad: { host: '', port: 389, userName: '', security: 'none', baseDn: '', domain: '' },
    azure: {
      tenantId: AZ_TENANT,
      clientId: APP,
      loginBaseUrl: ms.loginBaseUrl,
      graphBaseUrl: ms.graphBaseUrl,
      ...over,
    },
    userGroup: group,
    logonId: { order: 'firstLast', firstChars: 2, lastChars: 18 },
    neverDelete: false,
    allowManualDelete: false,
    mapping: DEFAULT_MAPPING.azure,
    schedule: { enabled: false, time: '02:00' },
    csv: { folder: '', fileName: 'UserSync.csv' },
  });
  const save = async (s: UserSyncSettings, clientSecret?: string) => {
    const r = await c.call('userSync', 'save', { expectedVersion: version, settings: s, clientSecret });
    expect(r.error).toBeUndefined();
    version = r.value.version;
  };

  beforeAll(async () => {
    const users = Array.from({ length: 1200 }, (_, i) => ({
      id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`,
      userPrincipalName: `user${i}@contoso.test`,
      givenName: `Given${i}`,
      surname: `Sur${i}`,
      businessPhones: [`+1555${String(i).padStart(4, '0')}`],
    }));
    ms = await startMsIdentity({
      tenants: [
        {
          id: AZ_TENANT,
          apps: [
            { clientId: APP, secret: SECRET, permissions: ['User.Read.All', 'Group.Read.All', 'GroupMember.Read.All'] },
            { clientId: WEAK_APP, secret: SECRET, permissions: ['User.Read.All'] },
          ],
          users,
          groups: [
            { id: 'g-nested', displayName: 'Nested', members: users.slice(1000).map((u) => u.id) },
            {
              id: 'g-top',
              displayName: 'MICCE Users',
              members: [...users.slice(0, 1000).map((u) => u.id), 'g-nested'],
            },
          ],
        },
      ],
    });
    addOutboundCa(ms.caPem!);
    c = await startConsole(await seededDb(engine));
    await signIn(c, 'nwadmin', 'Admin#2026', T);
  });
  afterAll(async () => {
    await c?.stop();
    await ms?.stop();
  });

  it('reads transitiveMembers page by page (nested group included), honours Retry-After, previews the adds', async () => {
    await save(settings(), SECRET);
    ms.throttleNext(1, 1, /transitiveMembers/);
    const before = ms.requests.length;
    const p = await c.call('userSync', 'preview', {});
    expect(p.error).toBeUndefined();
    expect(p.value.counts).toMatchObject({ read: 1200, add: 1200, error: 0 });
    const add = p.value.changes.find((x) => x.syncId === 'aaaaaaaa-0000-4000-8000-000000000007')!;
    expect(add).toMatchObject({ logonId: 'gisur7', externalLogonId: 'user7@contoso.test' });
    const members = ms.requests.slice(before).filter((r) => r.path.endsWith('/transitiveMembers'));
    expect(members.map((r) => r.status)).toEqual([429, 200, 200]);
    expect(members[1]!.at - members[0]!.at).toBeGreaterThanOrEqual(1000);
    const a = await c.call('userSync', 'apply', { previewId: p.value.previewId });
    expect(a.value).toMatchObject({ status: 'succeeded', counts: { add: 1200 } });
  });

  it('cancel stops a running preview (here while it waits out a Retry-After); nothing is written', async () => {
    ms.throttleNext(1, 60, /transitiveMembers/);
    const before = ms.requests.length;
    const running = c.call('userSync', 'preview', {});
    await vi.waitFor(() => expect(ms.requests.slice(before).some((r) => r.status === 429)).toBe(true), {
      timeout: 30_000,
    });
    expect((await c.call('userSync', 'cancel', {})).value).toEqual({ cancelled: true });
    const p = await running;
    expect(p.error!.message).toMatch(/^Cancelled/);
    expect((await c.call('userSync', 'cancel', {})).value).toEqual({ cancelled: false });
  });

  it('the stored client secret is only sent to the sign-in host it was stored for', async () => {
    await save(settings(), SECRET);
    // Another authority URL (here a listener that records what reaches it): no secret for it.
    const seen: string[] = [];
    const { createServer } = await import('node:http');
    const other = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push(body);
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
      });
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as { port: number }).port;
    try {
      await save(settings({ loginBaseUrl: `http://127.0.0.1:${port}` }));
      const cfg = (await c.call('userSync', 'get', {})).value;
      expect(cfg.secretSet).toBe(false);
      const p = await c.call('userSync', 'preview', {});
      expect(p.error).toBeDefined();
      expect(seen.join('\n')).not.toContain(SECRET);
    } finally {
      other.close();
      await save(settings(), SECRET);
    }
  });

  it('a wrong secret, an unknown tenant, a missing permission, a missing group: one error naming the cause', async () => {
    await save(settings(), 'wrong');
    let p = await c.call('userSync', 'preview', {});
    expect(p.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(p.error!.message).toMatch(/refused the Client Secret: AADSTS7000215/);
    expect(p.error!.message).not.toContain('wrong');
    await save(settings({ tenantId: '9cd345fc-e1fe-4f99-a378-4317172ad9c2' }), SECRET);
    p = await c.call('userSync', 'preview', {});
    expect(p.error!.message).toMatch(/does not know the Tenant ID .*AADSTS90002/);
    await save(settings({ clientId: WEAK_APP }), SECRET);
    p = await c.call('userSync', 'preview', {});
    expect(p.error!.message).toMatch(/Authorization_RequestDenied/);
    await save(settings({}, 'Nobody'), SECRET);
    p = await c.call('userSync', 'preview', {});
    expect(p.error!.message).toMatch(/User Group "Nobody" does not exist/);
    const users = await c.core.data
      .require()
      .kysely.selectFrom('cc_user')
      .select('id')
      .where('tenant_id', '=', T)
      .where('sync_id', 'is not', null)
      .where('deleted', '=', 0)
      .execute();
    expect(users).toHaveLength(1200);
  });
});
