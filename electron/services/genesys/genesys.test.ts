import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { newTarget, ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { HEALTH_ITEMS, proficiencyToStars, type GenesysConfigInput } from '../../contract/services/genesys';
import { startGenesysStandIn, type GenesysCloudStandIn } from '../../testing/genesysCloud/standIn';
import { mainDbParts } from '../../features';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { genesysSecretKey } from '.';
import { smsClientKey, smsWebhookKey } from './smsService';
import { DEACTIVATED } from './sync';
import { earlyMs, GenesysClient } from './client';

let cloud: GenesysCloudStandIn;
beforeAll(async () => {
  cloud = await startGenesysStandIn({
    orgShortName: 'acme',
    adminEmail: 'admin@acme.example',
    adminPassword: 'Genesys#2026',
  });
  process.env.CCM_GENESYS_BASE_URL = cloud.baseUrl;
  process.env.CCM_GENESYS_PROBE_MS = '100';
});
afterAll(async () => {
  await cloud?.stop();
});

/** Waits for a condition on real state (no sleeps): polls until it holds or the ceiling passes. */
async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const base = (over: Partial<GenesysConfigInput> = {}): GenesysConfigInput => ({
  enabled: false,
  adminEmail: 'admin@acme.example',
  orgShortName: 'acme',
  region: 'mypurecloud.com',
  syncUsers: true,
  syncAdvanced: false,
  browserClientApps: [],
  dialGroups: [],
  ...over,
});

describe('skill proficiency to stars', () => {
  it('maps 1–100 to 1–5 stars in steps of 20', () => {
    expect([1, 20, 21, 40, 41, 60, 61, 80, 81, 100].map(proficiencyToStars)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});

describe('token renewal', () => {
  it('renews 10 % of the token’s life before it expires, at most a minute early', () => {
    expect(earlyMs(86_400_000)).toBe(60_000);
    expect(earlyMs(300_000)).toBe(30_000);
    expect(earlyMs(2_000)).toBe(200);
  });

  it('a client asks for a new token once the renewal point is passed, before the API would answer 401', async () => {
    const ttl = cloud.tokenTtlSeconds;
    cloud.tokenTtlSeconds = 2;
    const id = 'renewal-client';
    cloud.clients.set(id, {
      id,
      name: 'Renewal',
      secret: 'S3cret',
      roleDivisions: [{ roleId: cloud.roles[0]!.id, divisionId: cloud.homeDivision.id }],
    });
    try {
      const client = new GenesysClient({ region: 'mypurecloud.com', clientId: id, secret: async () => 'S3cret' });
      await client.request('GET', '/api/v2/health/check');
      await client.request('GET', '/api/v2/health/check');
      expect(client.tokensIssued).toBe(1);
      // 1.85 s of a 2 s token: inside the last 10 %, so renewed without a 401 first.
      await new Promise((r) => setTimeout(r, 1850));
      const from = cloud.requests.length;
      await client.request('GET', '/api/v2/health/check');
      expect(client.tokensIssued).toBe(2);
      expect(cloud.requests.slice(from).filter((r) => r.status === 401)).toEqual([]);
    } finally {
      cloud.tokenTtlSeconds = ttl;
      cloud.clients.delete(id);
    }
  });
});

describe.each(ENGINES)('migration 016 on an upgraded database (%s)', (engine) => {
  it('grants Genesys Cloud to the existing built-in user types (Administrator write, Supervisor read)', async () => {
    const db = openDb(await newTarget(engine));
    try {
      const before = Object.fromEntries(Object.entries(mainDbParts.migrations).filter(([name]) => name < '016'));
      await migrateToLatest(db, before);
      const now = new Date().toISOString();
      await sql`insert into tenant (name, version, updated_at, updated_by) values ('Old', 1, ${now}, 'test')`.execute(
        db.kysely,
      );
      const old = JSON.stringify({ users: 'write', system: 'write' });
      for (const [name, perms] of [
        ['Administrator', old],
        ['Supervisor', JSON.stringify({ users: 'write', system: 'read' })],
        ['Custom', JSON.stringify({ users: 'read' })],
      ])
        await sql`insert into user_type (tenant_id, name, permissions, version, updated_at, updated_by)
          values (1, ${name}, ${perms}, 1, ${now}, 'test')`.execute(db.kysely);
      await migrateToLatest(db, mainDbParts.migrations);
      const rows = await db.kysely.selectFrom('user_type').select(['name', 'permissions']).execute();
      const p = Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.permissions) as Record<string, string>]));
      expect(p.Administrator).toMatchObject({ users: 'write', system: 'write', genesys: 'write' });
      expect(p.Supervisor).toMatchObject({ genesys: 'read' });
      expect(p.Custom!.genesys).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});

describe.each(ENGINES)('migration 024 on an upgraded database (%s)', (engine) => {
  it('keeps the synchronization status rows and adds the SMS, client and queue-membership tables', async () => {
    const db = openDb(await newTarget(engine));
    try {
      const before = Object.fromEntries(Object.entries(mainDbParts.migrations).filter(([name]) => name < '024'));
      await migrateToLatest(db, before);
      const now = new Date().toISOString();
      await sql`insert into tenant (name, version, updated_at, updated_by) values ('Old', 1, ${now}, 'test')`.execute(
        db.kysely,
      );
      await sql`insert into genesys_sync_status (tenant_id, kind, object_id, status, updated_at)
        values (1, 'user', 7, 'Synced', ${now})`.execute(db.kysely);
      await migrateToLatest(db, mainDbParts.migrations);
      const rows = await db.kysely.selectFrom('genesys_sync_status').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ object_id: 7, status: 'Synced', object_name: null });
      for (const t of ['genesys_sms_number', 'genesys_sms_client', 'genesys_queue_member_status'] as const)
        expect(await db.kysely.selectFrom(t).selectAll().execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });
});

describe.each(ENGINES)('Genesys Cloud against the stand-in (%s)', (engine) => {
  let c: TestConsole;
  let supervisor: TestConsole;
  const keychain = createKeychainStore();
  let version = 0;
  let tenantId = 1;
  let db: Awaited<ReturnType<typeof seededDb>>;

  const k = () => c.core.data.require().kysely;
  const save = async (config: GenesysConfigInput, password?: string) => {
    const r = await c.call('genesys', 'save', { expectedVersion: version, config, ...(password ? { password } : {}) });
    if (r.ok) version = r.value.version;
    return r;
  };

  beforeAll(async () => {
    db = await seededDb(engine, 20);
    c = await startConsole(db);
    const me = await signIn(c, 'admin', 'Admin#2026');
    tenantId = (me as { tenantId?: number }).tenantId ?? 1;
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await c?.stop();
  });

  it('refuses an administrator password that breaks the rule (≥ 8, a number, a special, upper and lower case)', async () => {
    for (const bad of ['Ab#1xyz', 'Abcdefg#', 'Abcdefg1', 'abcdef#1', 'ABCDEF#1']) {
      const r = await c.call('genesys', 'save', { expectedVersion: 0, config: base(), password: bad });
      expect(r.ok, bad).toBe(false);
      expect(r.error?.code).toBe('BAD_ARGUMENTS');
      expect(r.error?.field).toBe('password');
    }
  });

  it('refuses an Organization Short Name with other than letters and digits, and a region not in the list', async () => {
    const r = await c.call('genesys', 'save', { expectedVersion: 0, config: base({ orgShortName: 'acme-corp' }) });
    expect(r.error?.field).toBe('config.orgShortName');
    const r2 = await c.call('genesys', 'save', { expectedVersion: 0, config: base({ region: 'example.com' }) });
    expect(r2.error?.field).toBe('config.region');
    const r3 = await c.call('genesys', 'save', { expectedVersion: 0, config: base({ adminEmail: 'not-an-address' }) });
    expect(r3.error?.field).toBe('config.adminEmail');
  });

  it('refuses Browser Client Applications that are not https', async () => {
    const r = await c.call('genesys', 'save', {
      expectedVersion: 0,
      config: base({ browserClientApps: ['http://apps.example.com/app'] }),
    });
    expect(r.error?.field).toBe('config.browserClientApps.0');
  });

  it('refuses enabling without Administrator Email, Organization Short Name or a password', async () => {
    let r = await save(base({ enabled: true, adminEmail: '' }), 'Genesys#2026');
    expect(r.error?.field).toBe('config.adminEmail');
    r = await save(base({ enabled: true, orgShortName: '' }), 'Genesys#2026');
    expect(r.error?.field).toBe('config.orgShortName');
    r = await save(base({ enabled: true }));
    expect(r.error?.code).toBe('INVALID');
    expect(r.error?.field).toBe('password');
  });

  it('a Supervisor reads the configuration but may not change it', async () => {
    expect((await supervisor.call('genesys', 'get')).ok).toBe(true);
    const r = await supervisor.call('genesys', 'save', { expectedVersion: 0, config: base() });
    expect(r.error?.code).toBe('FORBIDDEN');
    // From here on one console synchronizes (the lease is tested on its own below).
    await supervisor.stop();
  });

  it('saves (versioned) with the password only in the keychain, bound to the region’s login host; audit redacted', async () => {
    const r = await save(base({ enabled: true }), 'Wrong#Pass1');
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.value.passwordSet).toBe(true);
    expect(await keychain.get(genesysSecretKey(tenantId, 'mypurecloud.com', 'admin-password'))).toBe('Wrong#Pass1');
    // Another region's host has no password.
    expect(await keychain.has(genesysSecretKey(tenantId, 'mypurecloud.de', 'admin-password'))).toBe(false);
    const row = await k().selectFrom('genesys_config').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    expect(JSON.stringify(row)).not.toContain('Wrong#Pass1');
    const audit = await k().selectFrom('audit_log').selectAll().where('object_type', '=', 'genesys_config').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('Wrong#Pass1');
    // A stale save is refused.
    const stale = await c.call('genesys', 'save', { expectedVersion: version - 1, config: base({ enabled: true }) });
    expect(stale.error?.code).toBe('CONFLICT');
    expect(stale.error?.details?.rule).toBe('stale_version');
  });

  it('Apply shows the API’s error for wrong credentials; new admin credentials provision the org and its OAuth client', async () => {
    const bad = await c.call('genesys', 'apply');
    expect(bad.ok).toBe(false);
    expect(bad.error?.message).toContain('invalid_grant: Invalid login credentials');
    expect(bad.error?.field).toBe('password');
    const wrongOrg = await save(base({ enabled: true, orgShortName: 'other' }), 'Genesys#2026');
    expect(wrongOrg.ok).toBe(true);
    const bad2 = await c.call('genesys', 'apply');
    expect(bad2.error?.message).toContain('organization not found: other');
    expect(bad2.error?.field).toBe('config.orgShortName');
    // Change admin credentials.
    const fixed = await save(base({ enabled: true }), 'Genesys#2026');
    expect(fixed.ok).toBe(true);
    const ok = await c.call('genesys', 'apply');
    expect(ok.ok, ok.error?.message).toBe(true);
    expect(cloud.clients.has(ok.value.clientId)).toBe(true);
    const doc = await c.call('genesys', 'get');
    expect(doc.value?.provisioned?.clientId).toBe(ok.value.clientId);
    version = doc.value!.version;
    const secret = await keychain.get(genesysSecretKey(tenantId, 'mypurecloud.com', 'client-secret'));
    expect(secret).toBe(cloud.clients.get(ok.value.clientId)!.secret);
    const audit = await k().selectFrom('audit_log').selectAll().where('object_type', '=', 'genesys_config').execute();
    expect(JSON.stringify(audit)).not.toContain(secret!);
    expect(JSON.stringify(audit)).not.toContain('Genesys#2026');
  });

  it('the OAuth client acts with the Master Admin role in the home division; re-Apply deletes the previous client', async () => {
    const first = (await c.call('genesys', 'get')).value!.provisioned!.clientId;
    const admin = cloud.roles.find((r) => r.name === 'Master Admin')!;
    expect(cloud.clients.get(first)!.roleDivisions).toEqual([{ roleId: admin.id, divisionId: cloud.homeDivision.id }]);
    expect(cloud.requests.some((r) => r.path.startsWith('/api/v2/authorization/roles?name=Master%20Admin'))).toBe(true);
    const again = await c.call('genesys', 'apply');
    expect(again.ok, again.error?.message).toBe(true);
    expect(again.value.clientId).not.toBe(first);
    expect(cloud.clients.has(again.value.clientId)).toBe(true);
    expect(cloud.clients.has(first)).toBe(false);
    expect(cloud.requests.some((r) => r.method === 'DELETE' && r.path === `/api/v2/oauth/clients/${first}`)).toBe(true);
    version = (await c.call('genesys', 'get')).value!.version;
  });

  it('the stand-in, like Genesys Cloud, issues no client credentials token to a client without a role (403)', async () => {
    cloud.clients.set('no-roles', { id: 'no-roles', name: 'No roles', secret: 'S3cret', roleDivisions: [] });
    try {
      const res = await fetch(`${cloud.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('no-roles:S3cret').toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'unauthorized_client' });
    } finally {
      cloud.clients.delete('no-roles');
    }
  });

  it('OAuth client apps reads the console’s client in Genesys Cloud: inactive there is an Error with the reason', async () => {
    const id = (await c.call('genesys', 'get')).value!.provisioned!.clientId;
    const oauthRow = async () =>
      (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'OAuth client apps')!;
    await until('OAuth client apps Healthy', async () => (await oauthRow()).state === 'Healthy');
    cloud.clients.get(id)!.state = 'inactive';
    try {
      const bad = await until('OAuth client apps Error', async () => {
        const r = await oauthRow();
        return r.state === 'Error' ? r : null;
      });
      expect(bad.details[0]!.message).toBe(
        `The OAuth client ${id} is inactive in Genesys Cloud: activate it or Apply again.`,
      );
    } finally {
      cloud.clients.get(id)!.state = 'active';
    }
    await until('OAuth client apps Healthy again', async () => (await oauthRow()).state === 'Healthy');
    expect(cloud.requests.some((r) => r.method === 'GET' && r.path === `/api/v2/oauth/clients/${id}`)).toBe(true);
  });

  it('synchronizes users with a Business Email (Display Name defaults to the user name), lists those without, never touches PureCloudAdmin', async () => {
    const users = (await c.call('genesys', 'userProfiles')).value;
    const [a, b] = users.filter((u) => !['admin', 'PureCloudAdmin'].includes(u.logonId));
    const pca = await k().selectFrom('cc_user').selectAll().where('id', '=', a!.userId).executeTakeFirstOrThrow();
    const { id: _id, ...rest } = pca;
    await k()
      .insertInto('cc_user')
      .values({
        ...rest,
        logon_id: 'PureCloudAdmin',
        logon_key: 'purecloudadmin',
        external_logon_id: null,
        external_logon_key: null,
        directory_number: null,
        circuit_user: null,
        circuit_user_key: null,
        sync_id: null,
      })
      .execute();
    const pcaId = (
      await k().selectFrom('cc_user').select('id').where('logon_id', '=', 'PureCloudAdmin').executeTakeFirstOrThrow()
    ).id;
    await k()
      .insertInto('genesys_user_profile')
      .values({ user_id: pcaId, business_email: 'purecloudadmin@acme.example', display_name: '' })
      .execute();
    const set = await c.call('genesys', 'setUserProfile', {
      userId: a!.userId,
      businessEmail: `${a!.logonId}@acme.example`,
      displayName: '',
    });
    expect(set.ok, set.error?.message).toBe(true);
    const refusedPca = await c.call('genesys', 'setUserProfile', {
      userId: pcaId,
      businessEmail: 'x@acme.example',
      displayName: '',
    });
    expect(refusedPca.error?.field).toBe('userId');
    await c.call('genesys', 'forceSync');
    const rec = await until('user a synced', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'user', objectId: a!.userId })).value[0];
      return r?.status === 'Synced' ? r : null;
    });
    expect(rec.lastSynchronized).toBeTruthy();
    const remote = cloud.userByName(`${a!.logonId}@acme.example`)!;
    expect(remote.displayName).toBe(a!.logonId);
    const noMail = (await c.call('genesys', 'records', { kind: 'user', objectId: b!.userId })).value[0]!;
    await until('user b listed', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'user', objectId: b!.userId })).value[0];
      return r?.message ? r : null;
    });
    void noMail;
    const nb = (await c.call('genesys', 'records', { kind: 'user', objectId: b!.userId })).value[0]!;
    expect(nb.status).toBe('Not synced');
    expect(nb.message).toContain('No Business Email');
    expect(cloud.userByName('purecloudadmin@acme.example')).toBeUndefined();
    const pr = (await c.call('genesys', 'records', { kind: 'user', objectId: pcaId })).value[0]!;
    expect(pr.status).toBe('Not synced');
    // Incremental: a Display Name change reaches Genesys Cloud (PATCH with the ETag) without a full pass.
    const v1 = remote.version;
    await c.call('genesys', 'setUserProfile', {
      userId: a!.userId,
      businessEmail: `${a!.logonId}@acme.example`,
      displayName: 'Ann Agent',
    });
    await until(
      'display name patched',
      async () => cloud.userByName(`${a!.logonId}@acme.example`)?.displayName === 'Ann Agent',
    );
    expect(cloud.userByName(`${a!.logonId}@acme.example`)!.version).toBeGreaterThan(v1);
    const health = (await c.call('genesys', 'health')).value;
    expect(health.items.find((i) => i.item === 'User Sync')!.state).toMatch(/^1 \/ 1 synced$/);
  });

  it('the users service refuses renaming or deleting PureCloudAdmin while the integration is configured', async () => {
    const pca = (
      await k().selectFrom('cc_user').select('id').where('logon_id', '=', 'PureCloudAdmin').executeTakeFirstOrThrow()
    ).id;
    const doc = (await c.call('users', 'get', { id: pca })).value;
    const renamed = await c.call('users', 'save', {
      id: pca,
      expectedVersion: doc.version,
      fields: { ...doc.fields, logonId: 'PureCloudAdmin2' },
    });
    expect(renamed.ok).toBe(false);
    expect(renamed.error?.field).toBe('logonId');
    expect(renamed.error?.message).toContain('its Logon ID cannot be changed');
    // Another field may change (the guide names rename and delete).
    const other = await c.call('users', 'save', {
      id: pca,
      expectedVersion: doc.version,
      fields: { ...doc.fields, firstName: 'Pure' },
    });
    expect(other.ok, other.error?.message).toBe(true);
    const another = (await c.call('genesys', 'userProfiles')).value.find(
      (u) => !['admin', 'PureCloudAdmin'].includes(u.logonId),
    )!;
    const del = await c.call('users', 'bulk', {
      selection: { ids: [pca, another.userId] },
      action: { kind: 'delete' },
    });
    expect(del.ok).toBe(false);
    expect(del.error?.message).toContain(
      'it cannot be deleted while the integration is configured, so no user was deleted',
    );
    const still = await k()
      .selectFrom('cc_user')
      .select(['id', 'deleted'])
      .where('id', 'in', [pca, another.userId])
      .execute();
    expect(still.map((r) => r.deleted)).toEqual([0, 0]);
  });

  it('a record the API refuses is Error with the API’s text, shown in the health details', async () => {
    const users = (await c.call('genesys', 'userProfiles')).value.filter(
      (u) => !u.businessEmail && u.logonId !== 'admin',
    );
    const u = users[0]!;
    cloud.refuseUserNames.set(`${u.logonId}@acme.example`, 'The email domain is not allowed for this organization');
    await c.call('genesys', 'setUserProfile', {
      userId: u.userId,
      businessEmail: `${u.logonId}@acme.example`,
      displayName: '',
    });
    const rec = await until('error record', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'user', objectId: u.userId })).value[0];
      return r?.status === 'Error' ? r : null;
    });
    expect(rec.message).toBe('HTTP 400 Bad Request: The email domain is not allowed for this organization');
    const health = (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'User Sync')!;
    expect(health.state).toBe('1 / 2 synced');
    expect(health.details[0]!.message).toContain(`${u.logonId} | HTTP 400 Bad Request`);
  });

  it('a version changed in Genesys Cloud (412 on If-Match) is read again and the console’s values sent once more', async () => {
    const u = (await c.call('genesys', 'userProfiles')).value.find(
      (x) =>
        x.businessEmail && x.logonId !== 'PureCloudAdmin' && !cloud.refuseUserNames.has(x.businessEmail.toLowerCase()),
    )!;
    const remote = cloud.userByName(u.businessEmail)!;
    // Someone edits the user in Genesys Cloud: its version moves on.
    remote.displayName = 'Changed in Genesys Cloud';
    remote.version += 1;
    const from = cloud.requests.length;
    await c.call('genesys', 'setUserProfile', {
      userId: u.userId,
      businessEmail: u.businessEmail,
      displayName: 'Console Wins',
    });
    await until('the console’s values', async () => cloud.userByName(u.businessEmail)?.displayName === 'Console Wins');
    const seen = cloud.requests.slice(from).filter((r) => r.path === `/api/v2/scim/v2/Users/${remote.id}`);
    expect(seen.map((r) => `${r.method} ${r.status}`)).toEqual(['PATCH 412', 'GET 200', 'PATCH 200']);
    const rec = (await c.call('genesys', 'records', { kind: 'user', objectId: u.userId })).value[0]!;
    expect(rec.status).toBe('Synced');
  });

  it('gives up after 5 waits on 429 and shows it in Integration Health (nothing retried forever unseen)', async () => {
    const u = (await c.call('genesys', 'userProfiles')).value.find(
      (x) =>
        x.businessEmail && x.logonId !== 'PureCloudAdmin' && !cloud.refuseUserNames.has(x.businessEmail.toLowerCase()),
    )!;
    cloud.rateLimit(1000, 1);
    try {
      await c.call('genesys', 'setUserProfile', {
        userId: u.userId,
        businessEmail: u.businessEmail,
        displayName: 'Never',
      });
      const gaveUp = await until(
        'gave up',
        async () => {
          const items = (await c.call('genesys', 'health')).value.items;
          const all = items.flatMap((i) => i.details.map((d) => ({ item: i.item, ...d })));
          return all.find((d) => d.message.includes('(gave up after 5 waits)'));
        },
        20_000,
      );
      expect(gaveUp.message).toMatch(/^(.+ \| )?HTTP 429 Too Many Requests/);
      const api = (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'API Health')!;
      const waits = api.details.filter((d) =>
        /^Rate limited \(HTTP 429\): waiting 1 s as Retry-After asks \(attempt [1-5]\)\.$/.test(d.message),
      );
      expect(new Set(waits.map((d) => d.message.slice(-12))).size).toBe(5);
    } finally {
      cloud.rateLimit(0);
    }
    // It is sent again on a later pass, not in a loop of its own.
    await c.call('genesys', 'setUserProfile', { userId: u.userId, businessEmail: u.businessEmail, displayName: '' });
    await until('synced after the limit', async () => cloud.userByName(u.businessEmail)?.displayName === u.logonId);
  });

  it('honours 429 Retry-After and renews an expired token', async () => {
    const users = (await c.call('genesys', 'userProfiles')).value.filter(
      (u) => u.businessEmail && u.logonId !== 'PureCloudAdmin',
    );
    const u = users.find((x) => !cloud.refuseUserNames.has(x.businessEmail.toLowerCase()))!;
    cloud.expireTokens();
    cloud.rateLimit(1, 1);
    const from = cloud.requests.length;
    await c.call('genesys', 'setUserProfile', {
      userId: u.userId,
      businessEmail: u.businessEmail,
      displayName: 'After Limit',
    });
    await until('patched after the 429', async () => cloud.userByName(u.businessEmail)?.displayName === 'After Limit');
    const limited = cloud.requests.slice(from).find((r) => r.status === 429)!;
    // The request that got the 429 (a probe or the PATCH) is sent again only after Retry-After.
    const next = await until('the retry', async () =>
      cloud.requests.slice(from).find((r) => r.at > limited.at && r.path === limited.path && r.status !== 429),
    );
    expect(next.at - limited.at).toBeGreaterThanOrEqual(950);
    const seen = cloud.requests.slice(from);
    expect(seen.some((r) => r.path === '/oauth/token' && r.status === 200)).toBe(true);
    const api = (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'API Health')!;
    expect(api.details.some((d) => /429/.test(d.message))).toBe(true);
  });

  it('advanced objects: wrap-up codes (name unique), skills with stars and Treat as a Language, workgroups → queues', async () => {
    const w = await c.call('genesys', 'saveWrapupCode', { id: null, expectedVersion: 0, name: 'Sale' });
    expect(w.ok, w.error?.message).toBe(true);
    const dup = await c.call('genesys', 'saveWrapupCode', { id: null, expectedVersion: 0, name: 'sale' });
    expect(dup.error?.code).toBe('CONFLICT');
    expect(dup.error?.field).toBe('name');
    const skills = (await c.call('genesys', 'skills')).value;
    expect(skills.length).toBeGreaterThan(1);
    await c.call('genesys', 'setSkillLanguage', { skillId: skills[0]!.id, treatAsLanguage: true });
    const r = await save(base({ enabled: true, syncAdvanced: true }));
    expect(r.ok, r.error?.message).toBe(true);
    await until('wrap-up code synced', async () =>
      [...cloud.collections.wrapupcodes.values()].some((x) => x.name === 'Sale'),
    );
    await until('skills synced', async () => {
      const recs = (await c.call('genesys', 'records', { kind: 'skill' })).value;
      return recs.every((x) => x.status === 'Synced') ? recs : null;
    });
    expect([...cloud.collections.languages.values()].map((x) => x.name)).toContain(skills[0]!.name);
    expect([...cloud.collections.skills.values()].map((x) => x.name)).not.toContain(skills[0]!.name);
    const groups = (await c.call('genesys', 'records', { kind: 'workgroup' })).value;
    await until('queues', async () =>
      groups.every((g) => [...cloud.collections.queues.values()].some((q) => q.name === g.name)),
    );
    // A user's skill proficiency arrives as stars: exactly ceil(level / 20), skills and languages apart.
    const synced = await k()
      .selectFrom('genesys_sync_status')
      .select(['object_id', 'remote_id'])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', 'user')
      .where('status', '=', 'Synced')
      .where('remote_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const rid = synced.remote_id!;
    const plain = skills[1]!;
    const lang = skills[0]!;
    await k().deleteFrom('skill_assignment').where('user_id', '=', synced.object_id).execute();
    await k()
      .insertInto('skill_assignment')
      .values([
        { user_id: synced.object_id, skill_id: plain.id, level: 47 },
        { user_id: synced.object_id, skill_id: lang.id, level: 81 },
      ])
      .execute();
    // (the stand-in is shared by both engines' runs: forget what the other one sent)
    cloud.userSkills.delete(rid);
    cloud.userLanguages.delete(rid);
    await c.call('genesys', 'forceSync');
    const remoteOf = (coll: 'skills' | 'languages', name: string) =>
      [...cloud.collections[coll].values()].find((x) => x.name === name)?.id;
    await until(
      'user skills as stars',
      async () => cloud.userSkills.get(rid)?.length === 1 && cloud.userLanguages.get(rid)?.length === 1,
    );
    expect(cloud.userSkills.get(rid)).toEqual([{ id: remoteOf('skills', plain.name), proficiency: 3 }]);
    expect(cloud.userLanguages.get(rid)).toEqual([{ id: remoteOf('languages', lang.name), proficiency: 5 }]);

    // Treat as a Language after a sync: the skill moves to the languages (the old skill is deleted),
    // and the user's proficiency moves with it.
    const oldSkillId = remoteOf('skills', plain.name)!;
    await c.call('genesys', 'setSkillLanguage', { skillId: plain.id, treatAsLanguage: true });
    await until('moved to the languages', async () => remoteOf('languages', plain.name) !== undefined);
    await until('the old skill deleted', async () => !cloud.collections.skills.has(oldSkillId));
    await until('the user’s languages', async () => cloud.userLanguages.get(rid)?.length === 2);
    expect(cloud.userLanguages.get(rid)).toEqual(
      expect.arrayContaining([{ id: remoteOf('languages', plain.name), proficiency: 3 }]),
    );
    await until('the user’s skills emptied', async () => (cloud.userSkills.get(rid) ?? []).length === 0);
    // And back.
    await c.call('genesys', 'setSkillLanguage', { skillId: plain.id, treatAsLanguage: false });
    await until('back to the skills', async () => remoteOf('skills', plain.name) !== undefined);
    await until('the language deleted', async () => remoteOf('languages', plain.name) === undefined);

    // Deleting the wrap-up code deletes it in Genesys Cloud.
    await c.call('genesys', 'deleteWrapupCode', { id: w.value.id, expectedVersion: w.value.version });
    await until(
      'wrap-up code deleted',
      async () => ![...cloud.collections.wrapupcodes.values()].some((x) => x.name === 'Sale'),
    );
  });

  it('a lost connection raises the 47000 alarm and Integration Health shows it; back → 47001 clears it', async () => {
    cloud.setOutage(true);
    const lost = await until('API Health lost', async () => {
      const h = (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'API Health')!;
      return h.state === 'Connection lost' ? h : null;
    });
    expect(lost.details[0]!.message).toMatch(/cannot be reached/);
    const alarm = await until('47000 alarm', async () =>
      k()
        .selectFrom('alarm')
        .selectAll()
        .where('trap_oid', 'like', '%.0.47000')
        .where('cleared', '=', 0)
        .executeTakeFirst(),
    );
    expect(alarm.name).toBe('Genesys Cloud connection lost');
    expect(alarm.severity).toBe('Critical');
    cloud.setOutage(false);
    await until('API Health back', async () => {
      const h = (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'API Health')!;
      return h.state === 'Healthy';
    });
    await until('47000 cleared by 47001', async () => {
      const a = await k().selectFrom('alarm').select('cleared').where('id', '=', alarm.id).executeTakeFirst();
      return a?.cleared === 1;
    });
  });

  const idle = async () =>
    until('sync idle', async () => {
      // A save's db.changed waits up to 50 ms in the event bus: send it now ("not busy" may be "not asked yet").
      c.core.bus.flush();
      const h = (await c.call('genesys', 'health')).value;
      return h.busy ? null : h;
    });

  it('pages through Platform API lists of more than 100 entities (a wrap-up code on page 2 is adopted, not created)', async () => {
    const fillers: string[] = [];
    for (let i = 0; i < 150; i++) {
      const id = `filler-${engine}-${i}`;
      fillers.push(id);
      cloud.collections.wrapupcodes.set(id, { id, name: `Filler ${engine} ${i}`, version: 1 });
    }
    const existing = `page2-${engine}`;
    cloud.collections.wrapupcodes.set(existing, { id: existing, name: `Page Two ${engine}`, version: 1 });
    try {
      const from = cloud.requests.length;
      const w = await c.call('genesys', 'saveWrapupCode', { id: null, expectedVersion: 0, name: `Page Two ${engine}` });
      expect(w.ok, w.error?.message).toBe(true);
      await until('adopted', async () => {
        const r = (await c.call('genesys', 'records', { kind: 'wrapupCode', objectId: w.value.id })).value[0];
        return r?.status === 'Synced';
      });
      const row = await k()
        .selectFrom('genesys_sync_status')
        .select('remote_id')
        .where('kind', '=', 'wrapupCode')
        .where('object_id', '=', w.value.id)
        .executeTakeFirstOrThrow();
      expect(row.remote_id).toBe(existing);
      const seen = cloud.requests.slice(from).map((r) => `${r.method} ${r.path}`);
      expect(seen).toContain('GET /api/v2/routing/wrapupcodes?pageSize=100&pageNumber=2');
      expect(seen.filter((x) => x === 'POST /api/v2/routing/wrapupcodes')).toEqual([]);
      await c.call('genesys', 'deleteWrapupCode', { id: w.value.id, expectedVersion: w.value.version });
    } finally {
      for (const id of fillers) cloud.collections.wrapupcodes.delete(id);
    }
  });

  it('Integration Health: the 8 rows in the guide’s order, with n / m synced per kind', async () => {
    await idle();
    const h = (await c.call('genesys', 'health')).value;
    expect(h.items.map((i) => i.item)).toEqual([...HEALTH_ITEMS]);
    const kinds = [
      ['User Sync', 'user'],
      ['WrapupCode Sync', 'wrapupCode'],
      ['Workgroup Sync', 'workgroup'],
      ['Skill Sync', 'skill'],
    ] as const;
    for (const [item, kind] of kinds) {
      const recs = (await c.call('genesys', 'records', { kind })).value;
      const n = recs.filter((r) => r.status === 'Synced').length;
      const m = recs.filter((r) => r.status !== 'Not synced').length;
      expect(h.items.find((i) => i.item === item)!.state, item).toBe(`${n} / ${m} synced`);
    }
    expect(h.items.find((i) => i.item === 'Skill Sync')!.state).not.toBe('0 / 0 synced');
    expect(h.items.find((i) => i.item === 'User Skill Sync')!.state).toMatch(/^[1-9]\d* \/ \d+ synced$/);
    expect(h.items.find((i) => i.item === 'API Health')!.state).toBe('Healthy');
    expect(h.items.find((i) => i.item === 'Cloud Conduit')!.state).toBe('Not configured');
    expect(h.items.find((i) => i.item === 'OAuth client apps')!.state).toBe('Healthy');
  });

  it('Apply refuses an administrator of another organization (organizations/me), naming the field', async () => {
    cloud.orgMeShortName = 'acmeold';
    try {
      const r = await c.call('genesys', 'apply');
      expect(r.ok).toBe(false);
      expect(r.error?.field).toBe('config.orgShortName');
      expect(r.error?.message).toContain('The administrator belongs to the organization acmeold, not acme.');
    } finally {
      cloud.orgMeShortName = null;
    }
  });

  it('Browser Client Applications: added and removed URIs are kept', async () => {
    const doc = (await c.call('genesys', 'get')).value!;
    version = doc.version;
    const a = 'https://apps.example.com/agent';
    const b = 'https://apps.example.com/supervisor';
    let r = await save({ ...doc.config, browserClientApps: [a, b] });
    expect(r.ok, r.error?.message).toBe(true);
    expect((await c.call('genesys', 'get')).value!.config.browserClientApps).toEqual([a, b]);
    r = await save({ ...doc.config, browserClientApps: [b] });
    expect(r.ok, r.error?.message).toBe(true);
    expect((await c.call('genesys', 'get')).value!.config.browserClientApps).toEqual([b]);
    r = await save({ ...doc.config, browserClientApps: [] });
    expect(r.ok, r.error?.message).toBe(true);
    expect((await c.call('genesys', 'get')).value!.config.browserClientApps).toEqual([]);
  });

  const apiHealth = async () => (await c.call('genesys', 'health')).value.items.find((i) => i.item === 'API Health')!;
  const raisedLost = () =>
    k()
      .selectFrom('alarm')
      .selectAll()
      .where('trap_oid', 'like', '%.0.47000')
      .where('source_address', '=', 'api.mypurecloud.com')
      .where('cleared', '=', 0)
      .executeTakeFirst();

  it('a 5xx from the health check is a lost connection too: 47000, and 47001 when it answers again', async () => {
    cloud.healthCheckStatus = 503;
    try {
      const lost = await until('API Health lost on 503', async () => {
        const h = await apiHealth();
        return h.state === 'Connection lost' ? h : null;
      });
      expect(lost.details[0]!.message).toBe('HTTP 503 Service Unavailable: The service is currently unavailable.');
      const alarm = await until('47000 on 503', raisedLost);
      expect(alarm.name).toBe('Genesys Cloud connection lost');
    } finally {
      cloud.healthCheckStatus = null;
    }
    await until('API Health back', async () => (await apiHealth()).state === 'Healthy');
    await until('47000 cleared', async () => (await raisedLost()) === undefined);
  });

  it('a console started during an outage it did not see clears the earlier 47000 at its first good probe', async () => {
    cloud.setOutage(true);
    const alarm = await until('47000 raised', raisedLost);
    // The console stops (or hands its lease over) while the connection is lost; another one starts.
    await c.stop();
    cloud.setOutage(false);
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    await until('API Health of the new console', async () => (await apiHealth()).state === 'Healthy');
    await until('the old 47000 cleared', async () => {
      const a = await k().selectFrom('alarm').select('cleared').where('id', '=', alarm.id).executeTakeFirst();
      return a?.cleared === 1;
    });
  });

  it('disabling during an outage clears its 47000 (nothing watches the connection any more)', async () => {
    const doc = (await c.call('genesys', 'get')).value!;
    version = doc.version;
    cloud.setOutage(true);
    try {
      await until('47000 raised', raisedLost);
      const r = await save({ ...doc.config, enabled: false });
      expect(r.ok, r.error?.message).toBe(true);
      // The save cleared it: no probe runs for a disabled integration.
      await until('47000 cleared', async () => (await raisedLost()) === undefined, 3000);
      await until('Disabled', async () => (await apiHealth()).state === 'Disabled');
    } finally {
      cloud.setOutage(false);
    }
    const r = await save({ ...doc.config, enabled: true });
    expect(r.ok, r.error?.message).toBe(true);
    await until('API Health back', async () => (await apiHealth()).state === 'Healthy');
  });

  it('disabling keeps the configuration and stops synchronizing at once; Remove Configuration removes it, its SMS rows and all their secrets', async () => {
    const r = await save(base({ enabled: false, syncAdvanced: true }));
    expect(r.ok).toBe(true);
    expect(r.value.provisioned).not.toBeNull();
    const users = (await c.call('genesys', 'userProfiles')).value.filter(
      (u) => u.businessEmail && u.logonId !== 'PureCloudAdmin',
    );
    const u = users.find((x) => !cloud.refuseUserNames.has(x.businessEmail.toLowerCase()))!;
    const idle = async () =>
      until('sync idle', async () => {
        // A save's db.changed waits up to 50 ms in the event bus: send it now ("not busy" may be "not asked yet").
        c.core.bus.flush();
        const h = (await c.call('genesys', 'health')).value;
        return h.busy ? null : h;
      });
    const passes = (await idle()).passes;
    const from = cloud.requests.length;
    await c.call('genesys', 'setUserProfile', {
      userId: u.userId,
      businessEmail: u.businessEmail,
      displayName: 'While Disabled',
    });
    // The change is taken up by a pass, which finds the integration disabled and sends nothing.
    await until('a pass after the change', async () => {
      const h = (await c.call('genesys', 'health')).value;
      return !h.busy && h.passes > passes;
    });
    expect(cloud.userByName(u.businessEmail)?.displayName).not.toBe('While Disabled');
    expect(cloud.requests.slice(from).filter((x) => x.path.startsWith('/api/v2/scim'))).toEqual([]);
    // An SMS number and the SMS client of this configuration, with their keychain entries.
    const at = new Date().toISOString();
    await k()
      .insertInto('genesys_sms_number')
      .values({
        tenant_id: tenantId,
        phone_number: '+13175550100',
        number_type: 'Longcode',
        country: 'US',
        remote_id: 'n-1',
        email: 'sms@example.test',
        comment: '',
        webhook_username: 'hook',
        mo_url: 'https://sms.example.test/mo',
        dr_url: 'https://sms.example.test/dr',
        updated_at: at,
        updated_by: 'admin',
      })
      .execute();
    await k()
      .insertInto('genesys_sms_client')
      .values({
        tenant_id: tenantId,
        service_name: 'SMS',
        client_id: 'c-1',
        duration_seconds: 86_400,
        status: 'active',
        description: '',
        updated_at: at,
        updated_by: 'admin',
      })
      .execute();
    const webhook = smsWebhookKey(tenantId, '+13175550100', 'https://sms.example.test/mo');
    await keychain.set(webhook, 'Hook#2026secret');
    await keychain.set(smsClientKey(tenantId, 'mypurecloud.com'), 'client-secret-value');
    const ownClient = (await c.call('genesys', 'get')).value!.provisioned!.clientId;
    expect(cloud.clients.has(ownClient)).toBe(true);
    const rm = await c.call('genesys', 'remove', { expectedVersion: version });
    expect(rm.ok, rm.error?.message).toBe(true);
    // The console's OAuth client is deleted in Genesys Cloud with the configuration.
    expect(cloud.clients.has(ownClient)).toBe(false);
    expect(await k().selectFrom('genesys_sms_number').selectAll().where('tenant_id', '=', tenantId).execute()).toEqual(
      [],
    );
    expect(await k().selectFrom('genesys_sms_client').selectAll().where('tenant_id', '=', tenantId).execute()).toEqual(
      [],
    );
    expect(await keychain.has(webhook)).toBe(false);
    expect(await keychain.has(smsClientKey(tenantId, 'mypurecloud.com'))).toBe(false);
    expect((await c.call('genesys', 'get')).value).toBeNull();
    expect(await keychain.has(genesysSecretKey(tenantId, 'mypurecloud.com', 'admin-password'))).toBe(false);
    expect(await keychain.has(genesysSecretKey(tenantId, 'mypurecloud.com', 'client-secret'))).toBe(false);
    expect(
      (await k().selectFrom('genesys_sync_status').selectAll().where('tenant_id', '=', tenantId).execute()).length,
    ).toBe(0);
  });
  it('a region change is another organization: the SMS rows, the sync status and their secrets of the old one go', async () => {
    version = 0;
    const first = await save(base({ enabled: true }), 'Genesys#2026');
    expect(first.ok, first.error?.message).toBe(true);
    const at = new Date().toISOString();
    const smsRows = async () =>
      (await k().selectFrom('genesys_sms_number').selectAll().where('tenant_id', '=', tenantId).execute()).length +
      (await k().selectFrom('genesys_sms_client').selectAll().where('tenant_id', '=', tenantId).execute()).length;
    await k()
      .insertInto('genesys_sms_number')
      .values({
        tenant_id: tenantId,
        phone_number: '+13175550101',
        number_type: 'Longcode',
        country: 'US',
        remote_id: 'n-2',
        email: 'sms@example.test',
        comment: '',
        webhook_username: 'hook',
        mo_url: 'https://sms.example.test/mo',
        dr_url: 'https://sms.example.test/dr',
        updated_at: at,
        updated_by: 'admin',
      })
      .execute();
    await k()
      .insertInto('genesys_sms_client')
      .values({
        tenant_id: tenantId,
        service_name: 'SMS',
        client_id: 'c-2',
        duration_seconds: 86_400,
        status: 'active',
        description: '',
        updated_at: at,
        updated_by: 'admin',
      })
      .execute();
    const webhook = smsWebhookKey(tenantId, '+13175550101', 'https://sms.example.test/mo');
    await keychain.set(webhook, 'Hook#2026secret');
    await keychain.set(smsClientKey(tenantId, 'mypurecloud.com'), 'client-secret-value');
    // Same region, other settings: the organization's rows stay.
    const same = await save(base({ enabled: true, syncAdvanced: true }));
    expect(same.ok, same.error?.message).toBe(true);
    expect(await smsRows()).toBe(2);
    expect(await keychain.has(webhook)).toBe(true);
    // Another region: they go, with the old region's secrets; the new one needs its password.
    const moved = await save(base({ enabled: true, region: 'mypurecloud.de' }), 'Genesys#2026');
    expect(moved.ok, moved.error?.message).toBe(true);
    expect(moved.value.provisioned).toBeNull();
    expect(await smsRows()).toBe(0);
    expect(await keychain.has(webhook)).toBe(false);
    expect(await keychain.has(smsClientKey(tenantId, 'mypurecloud.com'))).toBe(false);
    expect(await keychain.has(genesysSecretKey(tenantId, 'mypurecloud.com', 'admin-password'))).toBe(false);
    expect(await keychain.has(genesysSecretKey(tenantId, 'mypurecloud.de', 'admin-password'))).toBe(true);
    expect(
      (await k().selectFrom('genesys_sync_status').selectAll().where('tenant_id', '=', tenantId).execute()).length,
    ).toBe(0);
    const rm = await c.call('genesys', 'remove', { expectedVersion: version });
    expect(rm.ok, rm.error?.message).toBe(true);
  });
});

describe('the stand-in base URL', () => {
  it('is honoured only outside production and only for a loopback address', async () => {
    const { endpointsOf } = await import('./client');
    const saved = { url: process.env.CCM_GENESYS_BASE_URL, env: process.env.NODE_ENV };
    try {
      process.env.CCM_GENESYS_BASE_URL = 'http://127.0.0.1:9';
      expect(endpointsOf('mypurecloud.de').api).toBe('http://127.0.0.1:9');
      process.env.NODE_ENV = 'production';
      expect(endpointsOf('mypurecloud.de')).toEqual({
        api: 'https://api.mypurecloud.de',
        login: 'https://login.mypurecloud.de',
      });
      process.env.NODE_ENV = 'test';
      process.env.CCM_GENESYS_BASE_URL = 'https://attacker.example';
      expect(endpointsOf('mypurecloud.com').login).toBe('https://login.mypurecloud.com');
    } finally {
      process.env.CCM_GENESYS_BASE_URL = saved.url;
      process.env.NODE_ENV = saved.env;
    }
  });
});

describe.each(ENGINES)('the complete pass (%s)', (engine) => {
  let c: TestConsole;
  const k = () => c.core.data.require().kysely;
  beforeAll(async () => {
    const db = await seededDb(engine, 80);
    process.env.CCM_GENESYS_FULL_SYNC_MS = '700';
    try {
      c = await startConsole(db);
    } finally {
      delete process.env.CCM_GENESYS_FULL_SYNC_MS;
    }
    await signIn(c, 'admin', 'Admin#2026');
    const r = await c.call('genesys', 'save', {
      expectedVersion: 0,
      config: base({ enabled: true }),
      password: 'Genesys#2026',
    });
    expect(r.ok, r.error?.message).toBe(true);
    expect((await c.call('genesys', 'apply')).ok).toBe(true);
  });
  afterAll(async () => {
    cloud.latencyMs = 0;
    await c?.stop();
  });

  it('runs every fullSyncMs and repairs a change made in Genesys Cloud', async () => {
    const u = (await c.call('genesys', 'userProfiles')).value.find((x) => x.logonId !== 'admin')!;
    const email = `full-${engine}-${u.logonId}@acme.example`;
    await c.call('genesys', 'setUserProfile', { userId: u.userId, businessEmail: email, displayName: 'Console Name' });
    await until('synced', async () => cloud.userByName(email)?.displayName === 'Console Name');
    // Someone renames the user in Genesys Cloud; nothing changes in the console.
    const remote = cloud.userByName(email)!;
    remote.displayName = 'Renamed in Genesys Cloud';
    remote.version += 1;
    await until(
      'repaired by a complete pass',
      async () => cloud.userByName(email)?.displayName === 'Console Name',
      10_000,
    );
  });

  it('disabling during a running pass stops it at its next step', async () => {
    const users = (await c.call('genesys', 'userProfiles')).value.filter((x) => x.logonId !== 'admin');
    await k()
      .insertInto('genesys_user_profile')
      .values(
        users
          .filter((x) => !x.businessEmail)
          .map((x) => ({
            user_id: x.userId,
            business_email: `stop-${engine}-${x.logonId}@acme.example`,
            display_name: '',
          })),
      )
      .execute();
    cloud.latencyMs = 40;
    const scim = () => cloud.requests.filter((r) => r.path.startsWith('/api/v2/scim/v2/Users')).length;
    const start = scim();
    await c.call('genesys', 'forceSync');
    await until('the pass under way', async () => scim() - start >= 10);
    const doc = (await c.call('genesys', 'get')).value!;
    const off = await c.call('genesys', 'save', {
      expectedVersion: doc.version,
      config: { ...doc.config, enabled: false },
    });
    expect(off.ok, off.error?.message).toBe(true);
    const atStop = scim();
    await new Promise((r) => setTimeout(r, 1500));
    // At most what was in flight (the concurrency) after the save; the pass had far more to do.
    expect(scim() - atStop).toBeLessThanOrEqual(8);
    const created = users.filter((x) => cloud.userByName(`stop-${engine}-${x.logonId}@acme.example`)).length;
    expect(created).toBeLessThan(users.length - 10);
  });
});

describe.each(ENGINES)('two consoles on one database (%s)', (engine) => {
  it('only one synchronizes the tenant (no duplicate SCIM writes)', async () => {
    const db = await seededDb(engine, 5);
    const a = await startConsole(db);
    const b = await startConsole(db);
    try {
      await signIn(a, 'admin', 'Admin#2026');
      const r = await a.call('genesys', 'save', {
        expectedVersion: 0,
        config: base({ enabled: true }),
        password: 'Genesys#2026',
      });
      expect(r.ok, r.error?.message).toBe(true);
      expect((await a.call('genesys', 'apply')).ok).toBe(true);
      const u = (await a.call('genesys', 'userProfiles')).value.find((x) => x.logonId !== 'admin')!;
      const email = `two-${engine}-${u.logonId}@acme.example`;
      const from = cloud.requests.length;
      await a.call('genesys', 'setUserProfile', { userId: u.userId, businessEmail: email, displayName: '' });
      await until('synced', async () => {
        const rec = (await a.call('genesys', 'records', { kind: 'user', objectId: u.userId })).value[0];
        return rec?.status === 'Synced';
      });
      // Both consoles heard the change; one sent it.
      const scim = cloud.requests.slice(from).filter((x) => x.path.startsWith('/api/v2/scim/v2/Users'));
      expect(scim.filter((x) => x.method === 'POST')).toHaveLength(1);
      expect(scim.filter((x) => x.status === 409 || x.status === 412)).toEqual([]);
      const lease = await a.core.data
        .require()
        .kysely.selectFrom('genesys_sync_lease')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect([a.core.data.consoleId, b.core.data.consoleId]).toContain(lease.console_id);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

// ---- SMS Provisioning, Manage Client Configuration, deleted users, queue membership -------------------

describe.each(ENGINES)('SMS Provisioning and Manage Client Configuration (%s)', (engine) => {
  let c: TestConsole;
  let sup: TestConsole;
  let sms: GenesysCloudStandIn;
  let savedUrl: string | undefined;
  let tenantId = 1;
  const keychain = createKeychainStore();
  const k = () => c.core.data.require().kysely;
  const search = (over: Record<string, unknown> = {}) =>
    c.call('genesys', 'smsSearch', { numberType: 'Longcode', maxResults: 10, country: 'US', ...over });
  const provisionArgs = (over: Record<string, unknown> = {}) =>
    ({
      phoneNumber: '+13172342255',
      numberType: 'Longcode',
      country: 'US',
      email: 'sms-team@acme.example',
      comment: 'Support line',
      webhookUsername: 'hook',
      webhookPassword: 'Hook#Secret-1',
      confirmPassword: 'Hook#Secret-1',
      moUrl: 'https://sms.acme.example/mo',
      drUrl: 'https://sms.acme.example/dr',
      ...over,
    }) as never;

  beforeAll(async () => {
    sms = await startGenesysStandIn({ orgShortName: 'acme', adminEmail: 'admin@acme.example' });
    savedUrl = process.env.CCM_GENESYS_BASE_URL;
    process.env.CCM_GENESYS_BASE_URL = sms.baseUrl;
    const db = await seededDb(engine, 5);
    c = await startConsole(db);
    const me = await signIn(c, 'admin', 'Admin#2026');
    tenantId = (me as { tenantId?: number }).tenantId ?? 1;
    sup = await startConsole(db);
    await signIn(sup, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await c?.stop();
    await sup?.stop();
    await sms?.stop();
    process.env.CCM_GENESYS_BASE_URL = savedUrl;
  });

  it('is refused until the integration is enabled and provisioned (field enabled)', async () => {
    const r = await c.call('genesys', 'smsNumbers');
    expect(r.error?.field).toBe('enabled');
    const s = await search();
    expect(s.error?.field).toBe('enabled');
    const saved = await c.call('genesys', 'save', {
      expectedVersion: 0,
      config: base({ enabled: true }),
      password: 'Genesys#2026',
    });
    expect(saved.ok, saved.error?.message).toBe(true);
    const ok = await c.call('genesys', 'apply');
    expect(ok.ok, ok.error?.message).toBe(true);
    expect((await c.call('genesys', 'smsNumbers')).value).toEqual([]);
  });

  it('refuses search criteria that break the rules, each naming its field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ numberType: 'Shortcode' }, 'numberType'],
      [{ maxResults: 0 }, 'maxResults'],
      [{ maxResults: 101 }, 'maxResults'],
      [{ exchange: '123' }, 'exchange'], // the first digit 2–9
      [{ exchange: '2a3' }, 'exchange'], // second and third 0–9
      [{ exchange: '23' }, 'exchange'],
      [{ areaCode: '017' }, 'areaCode'],
      [{ areaCode: '3170' }, 'areaCode'],
      [{ vanity: 'CAL' }, 'vanity'], // 4 to 7
      [{ vanity: 'CALLNOW1' }, 'vanity'],
      [{ vanity: 'CA-LL' }, 'vanity'], // alphanumeric
      [{ endsWith: true }, 'vanity'], // Ends With needs the vanity characters
      [{ exchange: '234', vanity: 'CALL' }, 'exchange'],
      [{ country: 'USA' }, 'country'],
      [{ postalCode: '46204;' }, 'postalCode'],
    ];
    for (const [over, field] of cases) {
      const r = await search(over);
      expect(r.ok, JSON.stringify(over)).toBe(false);
      expect(r.error?.code, JSON.stringify(over)).toBe('BAD_ARGUMENTS');
      expect(r.error?.field, JSON.stringify(over)).toBe(field);
    }
  });

  it('searches the available numbers: type, area code, exchange, city/state (no postal code in Genesys Cloud), vanity, ends with, max results', async () => {
    const byArea = (await search({ areaCode: '317' })).value;
    expect(byArea.length).toBe(10); // Max Results
    expect(byArea.every((n) => n.phoneNumber.startsWith('+1317'))).toBe(true);
    const few = (await search({ areaCode: '317', maxResults: 3 })).value;
    expect(few).toHaveLength(3);
    const ex = (await search({ areaCode: '212', exchange: '555', maxResults: 100 })).value;
    expect(ex.length).toBeGreaterThan(0);
    expect(ex.every((n) => n.phoneNumber.startsWith('+1212555'))).toBe(true);
    const city = (await search({ city: 'Palo Alto', state: 'CA', maxResults: 100 })).value;
    expect(city.length).toBeGreaterThan(0);
    expect(city.every((n) => n.city === 'Palo Alto' && n.region === 'CA')).toBe(true);
    // Genesys Cloud's search has no postal code parameter: refused on the field, nothing sent.
    // Only searches are counted: the integration's own background traffic (token, health) may run meanwhile.
    const searches = () =>
      sms.requests.filter((r) => r.path.startsWith('/api/v2/routing/sms/availablephonenumbers')).length;
    const before = searches();
    const postal = await search({ postalCode: '46204', maxResults: 100 });
    expect(postal.error?.code).toBe('INVALID');
    expect(postal.error?.field).toBe('postalCode');
    expect(searches()).toBe(before);
    // Vanity CALL = 2255 on the keypad; Ends With: at the end of the number.
    const vanity = (await search({ vanity: 'CALL', endsWith: true, maxResults: 100 })).value.map((n) => n.phoneNumber);
    expect(vanity.sort()).toEqual(['+13172342255', '+14157862255']);
    const tollFree = (await search({ numberType: 'Toll Free', maxResults: 100 })).value;
    expect(tollFree.length).toBe(18);
    expect(tollFree.every((n) => /^\+1(800|888|877)/.test(n.phoneNumber))).toBe(true);
    const gb = (await search({ country: 'GB' })).value;
    expect(gb.map((n) => n.phoneNumber)).toEqual(['+442071838750']);
    // What went out: the Platform API's parameters.
    const sent = sms.requests.filter((r) => r.path.startsWith('/api/v2/routing/sms/availablephonenumbers'));
    expect(sent.some((r) => r.path.includes('phoneNumberType=tollfree'))).toBe(true);
    expect(sent.some((r) => r.path.includes('pattern=******CALL'))).toBe(true);
    expect(sent.some((r) => r.path.includes('postalCode'))).toBe(false);
  });

  it('the stand-in answers the Platform API’s error bodies for bad searches and provisions', async () => {
    const cfg = await k().selectFrom('genesys_config').selectAll().executeTakeFirstOrThrow();
    const secret = await keychain.get(genesysSecretKey(tenantId, cfg.region, 'client-secret'));
    const tok = await fetch(`${sms.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${cfg.client_id}:${secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const get = (q: string) =>
      fetch(`${sms.baseUrl}/api/v2/routing/sms/availablephonenumbers?${q}`, {
        headers: { authorization: `Bearer ${tok.access_token}` },
      });
    const noType = await get('countryCode=US');
    expect(noType.status).toBe(400);
    expect(await noType.json()).toMatchObject({
      code: 'bad.request',
      status: 400,
      message: 'The phoneNumberType query parameter is required',
    });
    const badPattern = await get('countryCode=US&phoneNumberType=local&pattern=a-b');
    expect(((await badPattern.json()) as { message: string }).message).toMatch(/pattern may contain only/);
    // The console shows the API's text for a number that is not available.
    const r = await c.call('genesys', 'smsProvision', provisionArgs({ phoneNumber: '+13179999999' }));
    expect(r.error?.message).toBe(
      'Genesys Cloud: HTTP 400 Bad Request: Phone number +13179999999 is not available to provision',
    );
    expect(r.error?.field).toBe('phoneNumber');
  });

  it('refuses provisioning details that break the rules: https MO/DR URLs, matching passwords, e-mail', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ moUrl: 'http://sms.acme.example/mo' }, 'moUrl'],
      [{ drUrl: 'http://sms.acme.example/dr' }, 'drUrl'],
      [{ moUrl: 'not a url' }, 'moUrl'],
      [{ confirmPassword: 'Hook#Secret-2' }, 'confirmPassword'],
      [{ confirmPassword: undefined }, 'confirmPassword'],
      [{ webhookUsername: '' }, 'webhookUsername'],
      [{ webhookUsername: 'a:b' }, 'webhookUsername'],
      [{ email: 'nobody' }, 'email'],
      [{ phoneNumber: '3172342255' }, 'phoneNumber'],
      [{ numberType: 'Shortcode' }, 'numberType'],
    ];
    for (const [over, field] of cases) {
      const r = await c.call('genesys', 'smsProvision', provisionArgs(over));
      expect(r.error?.code, JSON.stringify(over)).toBe('BAD_ARGUMENTS');
      expect(r.error?.field, JSON.stringify(over)).toBe(field);
    }
    expect(sms.smsNumbers.size).toBe(0);
  });

  it('provisions a number (webhook password in the keychain only), lists it, Refresh shows the new status; a Supervisor reads only', async () => {
    const r = await c.call('genesys', 'smsProvision', provisionArgs());
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.value).toMatchObject({
      number: '+13172342255',
      type: 'Longcode',
      status: 'initiated',
      email: 'sms-team@acme.example',
      webhookPasswordSet: true,
    });
    const remote = [...sms.smsNumbers.values()][0]!;
    expect(r.value.accountId).toBe(remote.id);
    expect(remote).toMatchObject({ phoneNumber: '+13172342255', phoneNumberType: 'local', countryCode: 'US' });
    expect(await keychain.get(smsWebhookKey(tenantId, '+13172342255', 'https://sms.acme.example/mo'))).toBe(
      'Hook#Secret-1',
    );
    const rows = await k().selectFrom('genesys_sms_number').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('Hook#Secret-1');
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'genesys_sms_number')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('Hook#Secret-1');
    // Taken: not offered by the search any more, and a second provision is refused.
    expect((await search({ vanity: 'CALL', endsWith: true })).value.map((n) => n.phoneNumber)).toEqual([
      '+14157862255',
    ]);
    const dup = await c.call('genesys', 'smsProvision', provisionArgs());
    expect(dup.error?.code).toBe('CONFLICT');
    expect(dup.error?.field).toBe('phoneNumber');
    // Refresh re-reads Genesys Cloud.
    sms.setSmsStatus('+13172342255', 'active');
    const list = (await c.call('genesys', 'smsNumbers')).value;
    expect(list.map((n) => [n.accountId, n.number, n.type, n.status, n.email])).toEqual([
      [remote.id, '+13172342255', 'Longcode', 'active', 'sms-team@acme.example'],
    ]);
    const sl = await sup.call('genesys', 'smsNumbers');
    expect(sl.ok, sl.error?.message).toBe(true);
    expect(
      (await sup.call('genesys', 'smsProvision', provisionArgs({ phoneNumber: '+14157862255' }))).error?.code,
    ).toBe('FORBIDDEN');
    expect((await sup.call('genesys', 'smsSearch', { country: 'US' })).error?.code).toBe('FORBIDDEN');
  });

  it('edits a number: versioned; another MO URL host needs the webhook password again; Delete deprovisions it', async () => {
    const [n] = (await c.call('genesys', 'smsNumbers')).value;
    const upd = (over: Record<string, unknown>) =>
      c.call('genesys', 'smsUpdate', {
        id: n!.id!,
        expectedVersion: n!.version!,
        email: 'sms@acme.example',
        comment: 'Sales line',
        webhookUsername: 'hook',
        moUrl: 'https://sms.acme.example/mo',
        drUrl: 'https://sms.acme.example/dr',
        ...over,
      });
    const http = await upd({ drUrl: 'http://sms.acme.example/dr' });
    expect(http.error?.field).toBe('drUrl');
    const other = await upd({ moUrl: 'https://hooks.other.example/mo' });
    expect(other.error?.field).toBe('webhookPassword');
    const mismatch = await upd({ webhookPassword: 'New#Hook-2', confirmPassword: 'x' });
    expect(mismatch.error?.field).toBe('confirmPassword');
    const ok = await upd({});
    expect(ok.ok, ok.error?.message).toBe(true);
    expect(ok.value).toMatchObject({ email: 'sms@acme.example', comment: 'Sales line', webhookPasswordSet: true });
    expect([...sms.smsNumbers.values()][0]!.name).toBe('Sales line');
    const stale = await upd({});
    expect(stale.error?.details?.rule).toBe('stale_version');
    const moved = await c.call('genesys', 'smsUpdate', {
      id: n!.id!,
      expectedVersion: ok.value.version!,
      email: 'sms@acme.example',
      webhookUsername: 'hook',
      webhookPassword: 'New#Hook-2',
      confirmPassword: 'New#Hook-2',
      moUrl: 'https://hooks.other.example/mo',
      drUrl: 'https://hooks.other.example/dr',
    });
    expect(moved.ok, moved.error?.message).toBe(true);
    expect(await keychain.has(smsWebhookKey(tenantId, n!.number, 'https://sms.acme.example/mo'))).toBe(false);
    expect(await keychain.get(smsWebhookKey(tenantId, n!.number, 'https://hooks.other.example/mo'))).toBe('New#Hook-2');
    const del = await c.call('genesys', 'smsDelete', { id: n!.id!, expectedVersion: moved.value.version! });
    expect(del.ok, del.error?.message).toBe(true);
    expect(sms.smsNumbers.size).toBe(0);
    expect((await c.call('genesys', 'smsNumbers')).value).toEqual([]);
    expect(await keychain.has(smsWebhookKey(tenantId, n!.number, 'https://hooks.other.example/mo'))).toBe(false);
  });

  it('Manage Client Configuration: refuses a Duration outside 600–172,800 s, a blank Service Name, another Status', async () => {
    const cfg = (over: Record<string, unknown>) => ({
      expectedVersion: 0,
      config: { serviceName: 'GenesysCloudMessaging', ...over },
    });
    for (const [over, field] of [
      [{ durationSeconds: 599 }, 'config.durationSeconds'],
      [{ durationSeconds: 172_801 }, 'config.durationSeconds'],
      [{ durationSeconds: 900.5 }, 'config.durationSeconds'],
      [{ serviceName: '  ' }, 'config.serviceName'],
      [{ status: 'disabled' }, 'config.status'],
    ] as const) {
      const r = await c.call('genesys', 'smsClientSave', cfg(over));
      expect(r.error?.code, JSON.stringify(over)).toBe('BAD_ARGUMENTS');
      expect(r.error?.field, JSON.stringify(over)).toBe(field);
    }
    expect((await c.call('genesys', 'smsClient')).value).toBeNull();
  });

  it('Manage Client Configuration: Create (default 86,400 s, secret in the keychain only), Apply, Delete', async () => {
    const before = new Set(sms.clients.keys());
    const r = await c.call('genesys', 'smsClientSave', {
      expectedVersion: 0,
      config: { serviceName: 'GenesysCloudMessaging', description: 'PureConnect integration with Genesys' },
    });
    expect(r.ok, r.error?.message).toBe(true);
    expect(r.value.config).toEqual({
      serviceName: 'GenesysCloudMessaging',
      durationSeconds: 86_400,
      status: 'active',
      description: 'PureConnect integration with Genesys',
    });
    expect(r.value.secretSet).toBe(true);
    const created = [...sms.clients.values()].find((x) => !before.has(x.id))!;
    expect(created).toMatchObject({ id: r.value.clientId, accessTokenValiditySeconds: 86_400, state: 'active' });
    expect(await keychain.get(smsClientKey(tenantId, 'mypurecloud.com'))).toBe(created.secret);
    // It acts with a role in the home division: Genesys Cloud gives a role-less client no token.
    const admin = sms.roles.find((x) => x.name === 'Master Admin')!;
    expect(created.roleDivisions).toEqual([{ roleId: admin.id, divisionId: sms.homeDivision.id }]);
    const token = (id: string, secret: string) =>
      fetch(`${sms.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
    expect((await token(created.id, created.secret)).status).toBe(200);
    const rows = await k().selectFrom('genesys_sms_client').selectAll().execute();
    const audit = await k()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_type', '=', 'genesys_sms_client')
      .execute();
    expect(JSON.stringify([rows, audit, r.value])).not.toContain(created.secret);
    const again = await c.call('genesys', 'smsClientSave', { expectedVersion: 0, config: { serviceName: 'X' } });
    expect(again.error?.details?.rule).toBe('stale_version');
    const applied = await c.call('genesys', 'smsClientSave', {
      expectedVersion: r.value.version,
      config: { serviceName: 'Messaging', durationSeconds: 600, status: 'inactive', description: '' },
    });
    expect(applied.ok, applied.error?.message).toBe(true);
    expect(sms.clients.get(r.value.clientId)).toMatchObject({
      name: 'Messaging',
      accessTokenValiditySeconds: 600,
      state: 'inactive',
      // Apply is a PUT, which replaces the client: the role goes with it again.
      roleDivisions: [{ roleId: admin.id, divisionId: sms.homeDivision.id }],
    });
    expect((await sup.call('genesys', 'smsClient')).value?.clientId).toBe(r.value.clientId);
    expect((await sup.call('genesys', 'smsClientDelete', { expectedVersion: applied.value.version })).error?.code).toBe(
      'FORBIDDEN',
    );
    const del = await c.call('genesys', 'smsClientDelete', { expectedVersion: applied.value.version });
    expect(del.ok, del.error?.message).toBe(true);
    expect(sms.clients.has(r.value.clientId)).toBe(false);
    expect(await keychain.has(smsClientKey(tenantId, 'mypurecloud.com'))).toBe(false);
    expect((await c.call('genesys', 'smsClient')).value).toBeNull();
  });
});

describe.each(ENGINES)('deleted users and queue membership (%s)', (engine) => {
  let c: TestConsole;
  let gc: GenesysCloudStandIn;
  let savedUrl: string | undefined;
  let tenantId = 1;
  const k = () => c.core.data.require().kysely;

  beforeAll(async () => {
    gc = await startGenesysStandIn({ orgShortName: 'acme', adminEmail: 'admin@acme.example' });
    savedUrl = process.env.CCM_GENESYS_BASE_URL;
    process.env.CCM_GENESYS_BASE_URL = gc.baseUrl;
    c = await startConsole(await seededDb(engine, 6));
    const me = await signIn(c, 'admin', 'Admin#2026');
    tenantId = (me as { tenantId?: number }).tenantId ?? 1;
  });
  afterAll(async () => {
    await c?.stop();
    await gc?.stop();
    process.env.CCM_GENESYS_BASE_URL = savedUrl;
  });

  const memberIds = (queueName: string) => {
    const q = [...gc.collections.queues.values()].find((x) => x.name === queueName);
    return q ? [...(gc.queueMembers.get(q.id) ?? [])].sort() : null;
  };

  it('a workgroup’s synchronized users become its queue’s members; moving a user moves the membership', async () => {
    const profiles = (await c.call('genesys', 'userProfiles')).value.filter((u) => u.logonId !== 'admin');
    for (const u of profiles)
      expect(
        (
          await c.call('genesys', 'setUserProfile', {
            userId: u.userId,
            businessEmail: `${u.logonId}@acme.example`,
            displayName: '',
          })
        ).ok,
      ).toBe(true);
    const saved = await c.call('genesys', 'save', {
      expectedVersion: 0,
      config: base({ enabled: true, syncAdvanced: true }),
      password: 'Genesys#2026',
    });
    expect(saved.ok, saved.error?.message).toBe(true);
    expect((await c.call('genesys', 'apply')).ok).toBe(true);
    const users = await k()
      .selectFrom('cc_user as u')
      .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
      .select(['u.id', 'u.logon_id', 'g.id as gid', 'g.name as gname'])
      .where('u.logon_id', '!=', 'admin')
      .where('u.tenant_id', '=', tenantId)
      .execute();
    const expected = async () => {
      const st = await k().selectFrom('genesys_sync_status').selectAll().where('kind', '=', 'user').execute();
      const rid = new Map(st.filter((s) => s.status === 'Synced').map((s) => [s.object_id, s.remote_id!]));
      const cur = await k()
        .selectFrom('cc_user')
        .select(['id', 'agent_group_id'])
        .where('deleted', '=', 0)
        .where('tenant_id', '=', tenantId)
        .execute();
      const byGroup = new Map<number, string[]>();
      for (const u of cur)
        if (rid.has(u.id)) byGroup.set(u.agent_group_id, [...(byGroup.get(u.agent_group_id) ?? []), rid.get(u.id)!]);
      return byGroup;
    };
    const groups = await k()
      .selectFrom('agent_group')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const allMatch = async () => {
      const want = await expected();
      return groups.every((g) => JSON.stringify(memberIds(g.name)) === JSON.stringify((want.get(g.id) ?? []).sort()));
    };
    await until('queue members', async () => {
      const recs = (await c.call('genesys', 'records', { kind: 'queueMembers' })).value;
      return recs.length > 0 && recs.every((r) => r.status === 'Synced') && (await allMatch());
    });
    expect([...gc.queueMembers.values()].reduce((n, s) => n + s.size, 0)).toBe(users.length);
    // Move one user to another agent group: it leaves the old queue and joins the new one.
    const mover = users.find((u) => u.logon_id !== 'supervisor')!;
    const target = groups.find((g) => g.id !== mover.gid)!;
    const moved = await c.call('users', 'bulk', {
      selection: { ids: [mover.id] },
      action: { kind: 'moveToAgentGroup', agentGroupId: target.id },
    });
    expect(moved.ok, moved.error?.message).toBe(true);
    const rid = (await k()
      .selectFrom('genesys_sync_status')
      .select('remote_id')
      .where('kind', '=', 'user')
      .where('object_id', '=', mover.id)
      .executeTakeFirstOrThrow())!.remote_id!;
    await until(
      'membership moved',
      async () => memberIds(target.name)?.includes(rid) && !memberIds(mover.gname)?.includes(rid),
    );
  });

  it('a queue the API no longer has is Error with the API’s text for its membership', async () => {
    const u = await k()
      .selectFrom('cc_user')
      .select(['id', 'logon_id', 'agent_group_id'])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('logon_id', 'not in', ['admin', 'supervisor'])
      .executeTakeFirstOrThrow();
    const rec = { objectId: u.agent_group_id };
    const st = await k()
      .selectFrom('genesys_sync_status')
      .select('remote_id')
      .where('kind', '=', 'workgroup')
      .where('object_id', '=', rec.objectId)
      .executeTakeFirstOrThrow();
    gc.collections.queues.delete(st.remote_id!);
    // A user change runs the membership pass without the workgroups' one.
    await c.call('genesys', 'setUserProfile', {
      userId: u.id,
      businessEmail: `${u.logon_id}@acme.example`,
      displayName: 'Q',
    });
    const err = await until('membership error', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'queueMembers', objectId: rec.objectId })).value[0];
      return r?.status === 'Error' ? r : null;
    });
    expect(err.message).toBe(`HTTP 404 Not Found: Queue ${st.remote_id} not found`);
    expect(err.lastSynchronized).toBeTruthy();
    // A complete pass creates the queue again and its members follow.
    await c.call('genesys', 'forceSync');
    await until('membership back', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'queueMembers', objectId: rec.objectId })).value[0];
      return r?.status === 'Synced';
    });
  });

  const syncedUsers = () =>
    k()
      .selectFrom('cc_user as u')
      .innerJoin('genesys_sync_status as s', (j) => j.onRef('s.object_id', '=', 'u.id').on('s.kind', '=', 'user'))
      .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
      .select(['u.id', 'u.logon_id', 's.remote_id', 'g.name as gname'])
      .where('s.status', '=', 'Synced')
      .where('u.deleted', '=', 0)
      .where('u.logon_id', 'not in', ['admin', 'supervisor'])
      .where('u.tenant_id', '=', tenantId)
      .orderBy('u.id')
      .execute();

  it('a user deleted in the console is deactivated in Genesys Cloud (SCIM active=false) and leaves its queue; undelete reactivates', async () => {
    // A directory-synchronized user is soft-deleted (it can be undeleted).
    const [u] = await syncedUsers();
    await k().updateTable('cc_user').set({ sync_id: 'S-genesys-1' }).where('id', '=', u!.id).execute();
    await k().updateTable('tenant').set({ allow_manual_delete_synced: 1 }).where('id', '=', tenantId).execute();
    const remote = () => gc.users.get(u!.remote_id!)!;
    expect(remote().active).toBe(true);
    await until('in its queue', async () => memberIds(u!.gname)?.includes(u!.remote_id!));
    const del = await c.call('users', 'bulk', { selection: { ids: [u!.id] }, action: { kind: 'delete' } });
    expect(del.ok, del.error?.message).toBe(true);
    expect(del.value.softDeleted).toBe(1);
    await until('deactivated', async () => remote().active === false);
    const rec = await until('status of the deactivation', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'user', objectId: u!.id })).value[0];
      return r?.message === DEACTIVATED ? r : null;
    });
    expect(rec).toMatchObject({ status: 'Synced', name: `${u!.logon_id} (deleted)` });
    await until('left its queue', async () => !memberIds(u!.gname)?.includes(u!.remote_id!));
    // Still there, inactive (not deleted), with its id.
    expect(gc.users.has(u!.remote_id!)).toBe(true);
    // A complete pass does not PATCH it again.
    const from = gc.requests.length;
    await c.call('genesys', 'forceSync');
    await until('idle', async () => !(await c.call('genesys', 'health')).value.busy);
    expect(gc.requests.slice(from).filter((r) => r.method === 'PATCH' && r.path.includes(u!.remote_id!))).toEqual([]);
    const und = await c.call('users', 'bulk', { selection: { ids: [u!.id] }, action: { kind: 'undelete' } });
    expect(und.ok, und.error?.message).toBe(true);
    await until('active again', async () => remote().active === true);
    await until('back in its queue', async () => memberIds(u!.gname)?.includes(u!.remote_id!));
  });

  it('a user deleted for good is deactivated too and its deactivation stays listed by name', async () => {
    const [, v] = await syncedUsers();
    const del = await c.call('users', 'bulk', { selection: { ids: [v!.id] }, action: { kind: 'delete' } });
    expect(del.ok, del.error?.message).toBe(true);
    expect(del.value.hardDeleted).toBe(1);
    await until('deactivated', async () => gc.users.get(v!.remote_id!)!.active === false);
    const rec = await until('listed', async () => {
      const r = (await c.call('genesys', 'records', { kind: 'user' })).value.find((x) => x.objectId === v!.id);
      return r?.message === DEACTIVATED ? r : null;
    });
    expect(rec).toMatchObject({ status: 'Synced', name: `${v!.logon_id} (deleted)` });
    await until('left its queue', async () => !memberIds(v!.gname)?.includes(v!.remote_id!));
  });

  it('a deactivation the API refuses is Error with its text', async () => {
    const u = (await syncedUsers()).at(-1)!;
    const email = gc.users.get(u.remote_id!)!.userName;
    gc.refuseUserNames.set(email.toLowerCase(), 'The user cannot be changed while it owns a schedule');
    try {
      await c.call('users', 'bulk', { selection: { ids: [u.id] }, action: { kind: 'delete' } });
      const r = await until('deactivation error', async () => {
        const x = (await c.call('genesys', 'records', { kind: 'user', objectId: u.id })).value[0];
        return x?.status === 'Error' ? x : null;
      });
      expect(r.message).toBe(
        'Deactivating the deleted user failed: HTTP 400 Bad Request: The user cannot be changed while it owns a schedule',
      );
      expect(gc.users.get(u.remote_id!)!.active).toBe(true);
    } finally {
      gc.refuseUserNames.delete(email.toLowerCase());
    }
  });
});
