import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../connectors/db/engine';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, TEST_HOST, type SeededDb, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor, technician, northwindAdmin } = DEMO_ACCOUNTS;

// Every rule of sign-in and password management, through the real router and services,
// on a real SQLite file and a real PostgreSQL database.
describe.each(ENGINES)('sign-in on %s', (engine) => {
  let db: SeededDb;
  let c: TestConsole;
  beforeAll(async () => {
    db = await seededDb(engine);
    c = await startConsole(db);
  }, 120_000);
  afterAll(async () => c?.stop());

  const signOut = () => c.call('auth', 'signOut');
  const attempt = (logonId: string, password: string, tenantId = 1) =>
    c.call('auth', 'signIn', { logonId, password, tenantId });

  it('signs in with Logon ID and password (any case of the Logon ID) and audits it', async () => {
    const status = await signIn(c, 'ADMIN', hostAdmin.password);
    expect(status.user).toMatchObject({ logonId: 'admin', hostAdmin: true });
    expect(status.tenant).toMatchObject({ id: 1, name: 'Demo Contact Center' });
    expect(status.tenants.map((t: { name: string }) => t.name).sort()).toEqual([
      'Demo Contact Center',
      'Northwind Support',
    ]);
    const audit = await c.call('audit', 'query', { action: 'sign-in', limit: 5 });
    expect(audit.value.rows[0]).toMatchObject({ actor: 'ADMIN', action: 'sign-in', objectName: 'ADMIN' });
    await signOut();
  });

  it('asks for the tenant when there are several and none was given', async () => {
    const res = await c.call('auth', 'signIn', { logonId: 'admin', password: hostAdmin.password });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'tenantId' });
  });

  it('gives the same answer for an unknown Logon ID and a wrong password', async () => {
    const unknown = await attempt('nobody', 'whatever1');
    const wrong = await attempt('tech', 'whatever1');
    expect(unknown.error!.message).toBe('Logon ID or password is incorrect.');
    expect(wrong.error!.message).toBe(unknown.error!.message);
  });

  it("locks the account after the tenant's N failed attempts, logging the host, and refuses even the right password", async () => {
    for (let i = 1; i <= 4; i++)
      expect((await attempt('supervisor', `wrong-${i}`)).error!.message).toBe('Logon ID or password is incorrect.');
    const fifth = await attempt('supervisor', 'wrong-5');
    expect(fifth.ok).toBe(false);
    const sixth = await attempt('supervisor', supervisor.password);
    expect(sixth.error!.message).toMatch(/locked after too many failed logon attempts/);

    await signIn(c, 'admin', hostAdmin.password);
    const locked = await c.call('users', 'page', { search: 'supervisor', locked: true });
    expect(locked.value.rows[0]).toMatchObject({
      logonId: 'supervisor',
      locked: true,
      lockReason: 'failed-attempts',
      lockedByHost: TEST_HOST,
    });
    const audit = await c.call('audit', 'query', { actor: 'supervisor', limit: 20 });
    const actions = audit.value.rows.map((r: { action: string }) => r.action);
    expect(actions.filter((a: string) => a === 'sign-in-failed')).toHaveLength(6);
    expect(actions).toContain('lock');
    expect(audit.value.rows.find((r: { action: string }) => r.action === 'lock')!.after).toContain(TEST_HOST);
    // Seed 001: "the TCP/IP address of the computer which caused the lockout will be logged to the log file".
    expect(readFileSync(join(c.userDataDir, 'logs', 'console.log'), 'utf8')).toMatch(
      new RegExp(`account locked after failed logon attempts.*${TEST_HOST.replace(/\./g, '\\.')}`),
    );

    // An administrator unlocks it; the failed attempts start again from zero.
    const row = locked.value.rows[0];
    const unlocked = await c.call('users', 'unlock', { id: row!.id, expectedVersion: row!.version });
    expect(unlocked.value).toMatchObject({ locked: false, lockReason: null });
    await signOut();
    expect((await attempt('supervisor', supervisor.password)).ok).toBe(true);
    await signOut();
  });

  it('a manual lock refuses sign-in until unlocked', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const tech = (await c.call('users', 'page', { search: 'tech' })).value.rows.find(
      (r: { logonId: string }) => r.logonId === 'tech',
    );
    const locked = await c.call('users', 'lock', { id: tech!.id, expectedVersion: tech!.version });
    expect(locked.value).toMatchObject({ locked: true, lockReason: 'manual' });
    await signOut();
    expect((await attempt('tech', technician.password)).error!.message).toBe(
      'This account is locked. Ask an administrator to unlock it.',
    );
    await signIn(c, 'admin', hostAdmin.password);
    await c.call('users', 'unlock', { id: tech!.id, expectedVersion: locked.value.version });
    await signOut();
    expect((await attempt('tech', technician.password)).ok).toBe(true);
    await signOut();
  });

  it('a user with a blank password cannot log on conventionally', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    const synced = (await c.call('users', 'page', { synchronized: true, limit: 1 })).value.rows[0];
    expect(synced!.passwordSet).toBe(false);
    await signOut();
    const res = await attempt(synced!.logonId, '');
    expect(res.error!.message).toMatch(/has no password.*single sign-on/);
    expect((await attempt(synced!.logonId, 'anything-at-all')).error!.message).toMatch(/has no password/);
  });

  it('an expired password must be changed; the new one may not reuse the last N', async () => {
    const k = openDb(await targetOf(c));
    const old = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await k.kysely.updateTable('cc_user').set({ password_changed_at: old }).where('logon_id', '=', 'tech').execute();
    await k.close();
    const res = await attempt('tech', technician.password);
    expect(res.error).toMatchObject({ code: 'PASSWORD_EXPIRED', field: 'password' });
    const reuse = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: technician.password,
      newPassword: technician.password,
    });
    expect(reuse.error).toMatchObject({ code: 'INVALID', field: 'newPassword' });
    expect(reuse.error!.message).toMatch(/different from your last 3 passwords/);
    const short = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: technician.password,
      newPassword: 'short',
    });
    expect(short.error!.message).toMatch(/at least 8/);
    const wrongCurrent = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: 'not-it-at-all',
      newPassword: 'Brand-New#1',
    });
    expect(wrongCurrent.error).toMatchObject({ field: 'currentPassword' });
    const ok = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: technician.password,
      newPassword: 'Brand-New#1',
    });
    expect(ok.value.user).toMatchObject({ logonId: 'tech' });
    await signOut();
    // The old password is now in the history: going back to it is refused.
    const back = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: 'Brand-New#1',
      newPassword: technician.password,
    });
    expect(back.error!.message).toMatch(/different from your last 3 passwords/);
    await signOut();
  }, 90_000);

  it('warns when the password expires within the warning days', async () => {
    const k = openDb(await targetOf(c));
    await k.kysely
      .updateTable('cc_user')
      .set({ password_changed_at: new Date(Date.now() - 80 * 86_400_000).toISOString() })
      .where('logon_id', '=', 'supervisor')
      .execute();
    await k.close();
    const status = await signIn(c, 'supervisor', supervisor.password);
    expect(status.passwordWarning).toEqual({ daysRemaining: 10 });
    await signOut();
  });

  it('a host administrator sees and switches tenants; a tenant administrator stays in theirs', async () => {
    await signIn(c, 'admin', hostAdmin.password);
    expect((await c.call('auth', 'selectTenant', { tenantId: 2 })).value.tenant).toMatchObject({
      name: 'Northwind Support',
    });
    expect(
      (await c.call('users', 'page', {})).value.rows.every((r: { logonId: string }) => r.logonId.startsWith('nw')),
    ).toBe(true);
    await signOut();
    await signIn(c, 'nwadmin', northwindAdmin.password, 2);
    expect((await c.call('tenants', 'list')).value).toEqual([{ id: 2, name: 'Northwind Support' }]);
    expect((await c.call('auth', 'selectTenant', { tenantId: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect((await c.call('tenants', 'getPolicy', { tenantId: 1 })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      (await c.call('audit', 'query', {})).value.rows.every((r: { tenantId: number | null }) => r.tenantId === 2),
    ).toBe(true);
    await signOut();
  });
});

/** The test database's target, read back from the console's own profile. */
async function targetOf(c: TestConsole) {
  const data = c.core.data;
  const profileId = data.status().profileId!;
  const profiles = (data as unknown as { profiles: { get(id: string): never } }).profiles;
  return data.targetFor(profiles.get(profileId));
}

describe('the command line', () => {
  let db: SeededDb;
  beforeAll(async () => {
    db = await seededDb('sqlite', 5);
  }, 120_000);

  it('/user: and /password: sign in without the form', async () => {
    const c = await startConsole(db, ['/user:admin', `/password:${hostAdmin.password}`, '/tenantid:1']);
    const status = (await c.call('auth', 'status')).value;
    expect(status.user).toMatchObject({ logonId: 'admin' });
    expect(JSON.stringify(status)).not.toContain(hostAdmin.password);
    await c.stop();
  });

  it('a wrong pair leaves the form up with the error', async () => {
    const c = await startConsole(db, ['/user:admin', '/password:not-the-password', '/tenantid:1']);
    const status = (await c.call('auth', 'status')).value;
    expect(status.user).toBeNull();
    expect(status.startup).toMatchObject({
      logonId: 'admin',
      tenantId: 1,
      error: 'Logon ID or password is incorrect.',
    });
    await c.stop();
  });
});

describe('demo accounts for the expiry screens, and changing one’s own password while signed in', () => {
  it('expired must change; expiring is warned; a signed-in change keeps the session and tenant', async () => {
    const c = await startConsole(await seededDb('sqlite', 5));
    const expired = await c.call('auth', 'signIn', {
      logonId: 'expired',
      password: DEMO_ACCOUNTS.expired.password,
      tenantId: 1,
    });
    expect(expired.error).toMatchObject({ code: 'PASSWORD_EXPIRED' });
    const warned = await signIn(c, 'expiring', DEMO_ACCOUNTS.expiring.password);
    expect(warned.passwordWarning).toEqual({ daysRemaining: 10 });
    expect(warned.user!.homeTenantId).toBe(1);
    await c.call('auth', 'signOut');

    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await c.call('auth', 'selectTenant', { tenantId: 2 });
    const before = (await c.call('audit', 'query', { action: 'sign-in', limit: 100 })).value.total;
    const changed = await c.call('auth', 'changePassword', {
      logonId: 'admin',
      currentPassword: DEMO_ACCOUNTS.hostAdmin.password,
      newPassword: 'Host-Admin#2027',
    });
    expect(changed.value).toMatchObject({ user: { logonId: 'admin' }, tenant: { id: 2 } });
    expect((await c.call('audit', 'query', { action: 'sign-in', limit: 100 })).value.total).toBe(before);
    expect((await c.call('audit', 'query', { action: 'password-change', limit: 5 })).value.rows[0]).toMatchObject({
      actor: 'admin',
      objectName: 'admin',
    });
    await c.stop();
  }, 120_000);
});
