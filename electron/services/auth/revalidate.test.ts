import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const { hostAdmin, supervisor, technician, expiring } = DEMO_ACCOUNTS;

// An open console must not keep rights its account lost. Console `a` is the user's; console
// `b` is an administrator's on the same database. The next call on `a` after the change is
// refused, and the sign-in form says why.
describe.each(ENGINES)('an open session after its account changes, on %s', (engine) => {
  let a: TestConsole;
  let b: TestConsole;
  beforeAll(async () => {
    const db = await seededDb(engine, 5);
    a = await startConsole(db);
    b = await startConsole(db);
    await signIn(b, 'admin', hostAdmin.password);
  }, 120_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const userRow = async (logonId: string) =>
    (await b.call('users', 'page', { search: logonId })).value.rows.find(
      (r: { logonId: string }) => r.logonId === logonId,
    );
  const refusedNow = async (message: RegExp) => {
    const next = await a.call('users', 'page', {});
    expect(next.error).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const status = (await a.call('auth', 'status')).value;
    expect(status.user).toBeNull();
    expect(status.signedOut!.message).toMatch(message);
  };

  it('locked by an administrator on another console: the next call is refused, the form says who', async () => {
    await signIn(a, 'supervisor', supervisor.password);
    expect((await a.call('users', 'page', {})).ok).toBe(true);
    const u = await userRow('supervisor');
    expect((await b.call('users', 'lock', { id: u!.id, expectedVersion: u!.version })).ok).toBe(true);
    await refusedNow(/^You were signed out: your account was locked by admin\.$/);
    const locked = await userRow('supervisor');
    await b.call('users', 'unlock', { id: locked!.id, expectedVersion: locked!.version });
  }, 60_000);

  it('an idle console is signed out by the change feed, without a call (wait for state)', async () => {
    await signIn(a, 'supervisor', supervisor.password);
    const u = await userRow('supervisor');
    await b.call('users', 'lock', { id: u!.id, expectedVersion: u!.version });
    await vi.waitFor(() => expect(a.core.session.current).toBeNull(), { timeout: 15_000, interval: 50 });
    await expect.poll(() => a.events('auth.changed').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const locked = await userRow('supervisor');
    await b.call('users', 'unlock', { id: locked!.id, expectedVersion: locked!.version });
  }, 60_000);

  it('demoted (user type changed): refused, with the new user type named', async () => {
    await signIn(a, 'supervisor', supervisor.password);
    const u = await userRow('supervisor');
    const agentType = (await b.call('users', 'lookups', {})).value.userTypes.find((t: { name: string }) =>
      /agent/i.test(t.name),
    );
    expect(
      (
        await b.call('users', 'bulk', {
          selection: { ids: [u!.id] },
          action: { kind: 'changeUserType', userTypeId: agentType!.id },
        })
      ).ok,
    ).toBe(true);
    await refusedNow(new RegExp(`^You were signed out: your user type was changed to ${agentType!.name} by admin\\.`));
    await b.call('users', 'bulk', {
      selection: { ids: [u!.id] },
      action: { kind: 'changeUserType', userTypeId: u!.userTypeId },
    });
  }, 60_000);

  it('password reset by an administrator: refused; one’s own change keeps the session', async () => {
    await signIn(a, 'tech', technician.password);
    const own = await a.call('auth', 'changePassword', {
      logonId: 'tech',
      currentPassword: technician.password,
      newPassword: 'Own-Change#2026',
    });
    expect(own.value.user).toMatchObject({ logonId: 'tech' });
    expect((await a.call('alarms', 'settings', {})).error?.code).not.toBe('NOT_SIGNED_IN');
    expect((await a.call('auth', 'status')).value.user).toMatchObject({ logonId: 'tech' });
    const u = await userRow('tech');
    expect(
      (await b.call('users', 'setPassword', { id: u!.id, expectedVersion: u!.version, password: 'Reset-By-Admin#1' }))
        .ok,
    ).toBe(true);
    await refusedNow(/^You were signed out: your password was reset by admin\. Sign in with the new password\.$/);
  }, 60_000);

  it('the rights of the user type reduced (even by a direct database change): the next call is refused', async () => {
    await signIn(a, 'tech', 'Reset-By-Admin#1');
    const u = await userRow('tech');
    // No console announced this change: only the per-call check can see it.
    await b.core.data
      .require()
      .kysely.updateTable('user_type')
      .set({ permissions: '{}' })
      .where('id', '=', u!.userTypeId)
      .execute();
    await refusedNow(/^You were signed out: the rights of your user type .+ were reduced by an administrator\./);
  }, 60_000);

  it('deleted by an administrator on another console: refused', async () => {
    await signIn(a, 'expiring', expiring.password);
    const u = await userRow('expiring');
    expect((await b.call('users', 'bulk', { selection: { ids: [u!.id] }, action: { kind: 'delete' } })).ok).toBe(true);
    await refusedNow(/^You were signed out: your account was deleted by admin\.$/);
    // The next sign-in clears the message.
    await signIn(a, 'supervisor', supervisor.password);
    await a.call('auth', 'signOut');
    expect((await a.call('auth', 'status')).value.signedOut).toBeNull();
  }, 60_000);
});
