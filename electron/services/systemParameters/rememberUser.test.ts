import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { rememberedUserFile } from './rememberUser';

describe.each(ENGINES)('Remember logged-in user (%s)', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine));
  }, 120_000);
  afterAll(async () => {
    await c?.stop();
  });
  const status = async () => (await c.call('auth', 'status')).value;
  const file = () => rememberedUserFile(c.userDataDir);

  it('on (the default): the last Logon ID and tenant are offered after sign-out; the file holds no password', async () => {
    expect((await status()).remembered ?? null).toBeNull();
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    expect((await status()).remembered ?? null).toBeNull(); // signed in: nothing to offer
    await c.call('auth', 'signOut');
    expect((await status()).remembered).toEqual({ logonId: 'supervisor', tenantId: 1 });
    expect(readFileSync(file(), 'utf8')).not.toContain(DEMO_ACCOUNTS.supervisor.password);
  });

  it('off: the stored name is cleared at once and nothing is remembered at the next sign-in', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const doc = (await c.call('systemParameters', 'getUserAuth')).value;
    const off = await c.call('systemParameters', 'saveUserAuth', {
      expectedVersion: doc.version,
      settings: { ...doc.settings, rememberLoggedInUser: false },
    });
    expect(off.ok).toBe(true);
    expect(existsSync(file())).toBe(false);
    await c.call('auth', 'signOut');
    expect((await status()).remembered ?? null).toBeNull();
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    await c.call('auth', 'signOut');
    expect((await status()).remembered ?? null).toBeNull();
    expect(existsSync(file())).toBe(false);
  });

  it('a name remembered before the tenant turned it off (another console saved it) is not offered, and removed', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const doc = (await c.call('systemParameters', 'getUserAuth')).value;
    await c.call('systemParameters', 'saveUserAuth', {
      expectedVersion: doc.version,
      settings: { ...doc.settings, rememberLoggedInUser: true },
    });
    await c.call('auth', 'signOut');
    // Turned on again: remembered from the next sign-in.
    expect((await status()).remembered ?? null).toBeNull();
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await c.call('auth', 'signOut');
    expect((await status()).remembered).toEqual({ logonId: 'admin', tenantId: 1 });
    // Turned off directly in the database (as another console's save would).
    const k = c.core.data.require().kysely;
    const row = await k
      .selectFrom('system_parameter')
      .select(['id', 'value'])
      .where('page', '=', 'userAuth')
      .where('tenant_id', '=', 1)
      .executeTakeFirstOrThrow();
    const value = JSON.stringify({ ...JSON.parse(row.value), rememberLoggedInUser: false });
    await k.updateTable('system_parameter').set({ value }).where('id', '=', row.id).execute();
    expect((await status()).remembered ?? null).toBeNull();
    expect(existsSync(file())).toBe(false);
  });
});
