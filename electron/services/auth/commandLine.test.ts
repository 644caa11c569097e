import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOnFlagProblems } from '../../cli/exit';
import { PASSWORD_ENV, takeEnvPassword, type LaunchOptions } from '../../cli/flags';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { startCore } from '..';
import { seededDb, signIn, startConsole, TEST_HOST, type SeededDb, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor } = DEMO_ACCOUNTS;

/** A console started with already-parsed options (what main.ts / browserMain.ts do). */
async function startWithOptions(db: SeededDb, launchOptions: LaunchOptions) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ccm-cli-'));
  await db.profileInto(userDataDir);
  const core = startCore({
    launchOptions,
    userDataDir,
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
  });
  await core.ready;
  return {
    call: (service: string, method: string, args: unknown = {}) =>
      core.router.call(service, method, args, {
        principal: core.principal(),
        origin: 'test',
        host: TEST_HOST,
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
      }) as Promise<{ ok: boolean; value?: any; error?: any }>,
    stop: () => core.dispose(),
  };
}

describe('CCM_PASSWORD: the password outside the process list', () => {
  let db: SeededDb;
  beforeAll(async () => {
    db = await seededDb('sqlite', 5);
  }, 120_000);

  it('/user: with CCM_PASSWORD signs in; the variable is gone from the environment afterwards', async () => {
    const env: Record<string, string | undefined> = { [PASSWORD_ENV]: hostAdmin.password, PATH: '/usr/bin' };
    const options = exitOnFlagProblems(['/user:admin', '/tenantid:1'], () => {}, env);
    expect(env[PASSWORD_ENV]).toBeUndefined();
    expect(env.PATH).toBe('/usr/bin');
    const c = await startWithOptions(db, options);
    const status = (await c.call('auth', 'status')).value;
    expect(status.user).toMatchObject({ logonId: 'admin' });
    expect(JSON.stringify(status)).not.toContain(hostAdmin.password);
    expect((await c.call('app', 'getLaunchOptions')).value).toMatchObject({ user: 'admin', passwordGiven: true });
    await c.stop();
  }, 60_000);

  it('/password: on the command line wins over CCM_PASSWORD; without /user: the variable is ignored (and still removed)', () => {
    const env: Record<string, string | undefined> = { [PASSWORD_ENV]: 'from-env' };
    expect(exitOnFlagProblems(['/user:a', '/password:from-flag'], () => {}, env).password).toBe('from-flag');
    expect(env[PASSWORD_ENV]).toBeUndefined();
    const env2: Record<string, string | undefined> = { [PASSWORD_ENV]: 'from-env' };
    const none = exitOnFlagProblems(['/reset'], () => {}, env2);
    expect(none.password).toBeUndefined();
    expect(env2[PASSWORD_ENV]).toBeUndefined();
  });

  it('a child process started afterwards does not inherit it', () => {
    process.env[PASSWORD_ENV] = 'inherit-me-not';
    expect(takeEnvPassword()).toBe('inherit-me-not');
    const child = spawnSync(process.execPath, ['-e', `process.stdout.write(String(process.env.${PASSWORD_ENV}))`], {
      encoding: 'utf8',
    });
    expect(child.stdout).toBe('undefined');
  });
});

describe('/user: and /password: at start-up', () => {
  let db: SeededDb;
  let admin: TestConsole;
  beforeAll(async () => {
    db = await seededDb('sqlite', 5);
    admin = await startConsole(db);
    // Tenant 1 gets an External Identity Provider (the form would start it by itself).
    await admin.core.data
      .require()
      .kysely.updateTable('sso_config')
      .set({
        enabled: 1,
        idp_name: 'Contoso ID',
        entity_id: 'https://idp.example.com',
        metadata_location: 'https://idp.example.com/.well-known/openid-configuration',
      })
      .where('tenant_id', '=', 1)
      .execute();
  }, 120_000);
  afterAll(async () => admin?.stop());

  const failedAttempts = async (tenantId: number, logonId: string) =>
    (
      await admin.core.data
        .require()
        .kysely.selectFrom('cc_user')
        .select('failed_attempts')
        .where('tenant_id', '=', tenantId)
        .where('logon_id', '=', logonId)
        .executeTakeFirst()
    )?.failed_attempts;

  it('bypass single sign-on even when the pair is wrong: the form shows the error, the IdP is not started', async () => {
    const plain = await startConsole(db);
    expect((await plain.call('auth', 'status')).value).toMatchObject({
      ssoAvailable: true,
      sso: { forcedStandard: false },
    });
    await plain.stop();

    const c = await startConsole(db, ['/user:tech', '/password:not-the-password', '/tenantid:1']);
    const status = (await c.call('auth', 'status')).value;
    expect(status.user).toBeNull();
    expect(status.startup).toMatchObject({ error: 'Logon ID or password is incorrect.', credentials: true });
    expect(status.ssoAvailable).toBe(false);
    expect(status.sso.forcedStandard).toBe(true);
    const begin = await c.call('auth', 'ssoBegin', { tenantId: 1 });
    expect(begin.error!.message).toMatch(/bypassed: \/user: and \/password: were given/);
    expect((await c.call('auth', 'status')).value.sso.flow).toBeNull();
    await c.stop();
  }, 60_000);

  it('the bypass is the start-up logon’s: after that session signs out, the form offers single sign-on again', async () => {
    const c = await startConsole(db, ['/user:admin', `/password:${hostAdmin.password}`, '/tenantid:1']);
    const signedIn = (await c.call('auth', 'status')).value;
    expect(signedIn.user).toMatchObject({ logonId: 'admin' });
    expect(signedIn.ssoAvailable).toBe(false);
    const out = (await c.call('auth', 'signOut')).value;
    expect(out.user).toBeNull();
    expect(out.ssoAvailable).toBe(true);
    expect(out.sso.forcedStandard).toBe(false);
    await c.stop();
  }, 60_000);

  it('without /tenantid: signs in when the Logon ID exists in one tenant only, and as the host administrator', async () => {
    for (const [logonId, password] of [
      ['supervisor', supervisor.password],
      ['admin', hostAdmin.password],
    ] as const) {
      const c = await startConsole(db, [`/user:${logonId}`, `/password:${password}`]);
      const status = (await c.call('auth', 'status')).value;
      expect(status.user).toMatchObject({ logonId });
      expect(status.tenant).toMatchObject({ id: 1 });
      await c.stop();
    }
  }, 60_000);

  it('a Logon ID in two tenants: the form asks for the tenant and keeps the password; no failed attempt is recorded', async () => {
    await signIn(admin, 'admin', hostAdmin.password);
    await admin.call('auth', 'selectTenant', { tenantId: 2 });
    const nw = (await admin.call('users', 'page', { search: 'nwagent1' })).value.rows[0];
    const doc = (await admin.call('users', 'get', { id: nw!.id })).value;
    const created = await admin.call('users', 'create', {
      fields: { ...doc.fields, logonId: 'supervisor', externalLogonId: null, circuitUser: null },
    });
    expect(created.ok).toBe(true);
    await admin.call('auth', 'signOut');

    const c = await startConsole(db, ['/user:supervisor', `/password:${supervisor.password}`]);
    const status = (await c.call('auth', 'status')).value;
    expect(status.user).toBeNull();
    expect(status.startup).toMatchObject({ logonId: 'supervisor', passwordKept: true });
    expect(status.startup.error).toMatch(/Choose the tenant/);
    expect(await failedAttempts(1, 'supervisor')).toBe(0);
    expect(await failedAttempts(2, 'supervisor')).toBe(0);

    const done = await c.call('auth', 'startupContinue', { tenantId: 1 });
    expect(done.value.user).toMatchObject({ logonId: 'supervisor', homeTenantId: 1 });
    expect(done.value.startup.passwordKept).toBe(false);
    expect(await failedAttempts(1, 'supervisor')).toBe(0);
    // Used once: nothing waits any more.
    await c.call('auth', 'signOut');
    expect((await c.call('auth', 'startupContinue', { tenantId: 1 })).error).toMatchObject({
      code: 'INVALID',
      field: 'password',
    });
    await c.stop();
  }, 90_000);
});
