import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../connectors/db/demoSeed';
import { ENGINES } from '../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from './testing/harness';

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

// Two consoles on one database, as two administrators sharing a server: each sees the
// other's saves without a restart, and a stale save is refused, not silently lost.
describe.each(ENGINES)('two consoles on one %s database', (engine) => {
  let a: TestConsole;
  let b: TestConsole;
  beforeAll(async () => {
    const db = await seededDb(engine, 20);
    a = await startConsole(db);
    b = await startConsole(db);
    await signIn(a, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    await signIn(b, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it("sees the other console's save and refuses a stale one, naming both versions and who", async () => {
    const loadedByB = (await b.call('tenants', 'getPolicy', { tenantId: 1 })).value;
    const loadedByA = (await a.call('tenants', 'getPolicy', { tenantId: 1 })).value;
    const saved = await a.call('tenants', 'savePolicy', {
      tenantId: 1,
      expectedVersion: loadedByA.version,
      policy: { ...loadedByA.policy, cannotReuseLast: 7 },
    });
    expect(saved.ok).toBe(true);

    // B hears about it (db.changed for the tenant row) without polling the policy itself.
    await until(() => b.events('db.changed').some((e) => (e as { table: string }).table === 'tenant'));
    expect((await b.call('tenants', 'getPolicy', { tenantId: 1 })).value.policy.cannotReuseLast).toBe(7);
    // A hears of its own change once (after commit), not again from the change feed.
    await new Promise((r) => setTimeout(r, 700));
    expect(a.events('db.changed').filter((e) => (e as { table: string }).table === 'tenant')).toHaveLength(1);

    const stale = await b.call('tenants', 'savePolicy', {
      tenantId: 1,
      expectedVersion: loadedByB.version,
      policy: { ...loadedByB.policy, expiresAfterDays: 30 },
    });
    expect(stale.error?.code).toBe('CONFLICT');
    expect(stale.error?.message).toContain(
      `The version you supplied [${loadedByB.version}] does not match the current version [${loadedByB.version + 1}]`,
    );
    expect(stale.error?.message).toContain('admin changed it at');
    // Nothing of the stale save was written.
    expect((await a.call('tenants', 'getPolicy', { tenantId: 1 })).value.policy).toMatchObject({
      cannotReuseLast: 7,
      expiresAfterDays: loadedByB.policy.expiresAfterDays,
    });
  });

  it('a stale lock/unlock is refused the same way', async () => {
    const row = (await a.call('users', 'page', { search: 'tech' })).value.rows[0];
    expect((await a.call('users', 'lock', { id: row!.id, expectedVersion: row!.version })).ok).toBe(true);
    const stale = await b.call('users', 'lock', { id: row!.id, expectedVersion: row!.version });
    expect(stale.error?.code).toBe('CONFLICT');
    await until(() => b.events('db.changed').some((e) => (e as { table: string }).table === 'cc_user'));
  });
});
