import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, startConsole, TEST_HOST, type TestConsole } from '../testing/harness';

// "Lockout Account After N Failed Logon Attempts" must hold when the attempts come all at
// once: from one console (parallel calls) and from two consoles on the same database.
describe.each(ENGINES)('lockout under parallel sign-ins on %s', (engine) => {
  const consoles: TestConsole[] = [];
  afterAll(async () => {
    for (const c of consoles) await c.stop();
  });

  const row = (c: TestConsole, logonId: string) =>
    c.core.data
      .require()
      .kysely.selectFrom('cc_user')
      .select(['id', 'failed_attempts', 'locked', 'lock_reason', 'locked_by_host'])
      .where('logon_id', '=', logonId)
      .executeTakeFirstOrThrow();
  const audits = async (c: TestConsole, userId: number, action: string) =>
    (
      await c.core.data
        .require()
        .kysely.selectFrom('audit_log')
        .select('id')
        .where('object_id', '=', String(userId))
        .where('action', '=', action)
        .execute()
    ).length;

  describe('one console', () => {
    let c: TestConsole;
    beforeAll(async () => {
      c = await startConsole(await seededDb(engine, 5));
      consoles.push(c);
    }, 120_000);

    it('30 simultaneous wrong passwords count exactly, lock at the limit of 5, and the right password is refused afterwards', async () => {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          c.call('auth', 'signIn', { logonId: 'supervisor', password: `wrong-${i}`, tenantId: 1 }),
        ),
      );
      expect(results.every((r) => !r.ok)).toBe(true);
      // Five were checked against the password; the other 25 met a locked account.
      expect(results.filter((r) => r.error!.message === 'Logon ID or password is incorrect.')).toHaveLength(5);
      expect(results.filter((r) => /locked after too many failed logon attempts/.test(r.error!.message))).toHaveLength(
        25,
      );
      const u = await row(c, 'supervisor');
      expect(u).toMatchObject({
        failed_attempts: 5,
        locked: 1,
        lock_reason: 'failed-attempts',
        locked_by_host: TEST_HOST,
      });
      expect(await audits(c, u.id, 'lock')).toBe(1);
      expect(await audits(c, u.id, 'sign-in-failed')).toBe(30);
      const right = await c.call('auth', 'signIn', {
        logonId: 'supervisor',
        password: DEMO_ACCOUNTS.supervisor.password,
        tenantId: 1,
      });
      expect(right.error!.message).toMatch(/locked after too many failed logon attempts/);
      expect((await row(c, 'supervisor')).failed_attempts).toBe(5);
    }, 60_000);
  });

  describe('two consoles on the same database', () => {
    let a: TestConsole;
    let b: TestConsole;
    beforeAll(async () => {
      const db = await seededDb(engine, 5);
      a = await startConsole(db);
      b = await startConsole(db);
      consoles.push(a, b);
    }, 120_000);

    it('30 simultaneous wrong passwords split over both still stop at exactly 5 and lock once', async () => {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? a : b).call('auth', 'signIn', { logonId: 'tech', password: `wrong-${i}`, tenantId: 1 }),
        ),
      );
      expect(results.every((r) => !r.ok)).toBe(true);
      const u = await row(a, 'tech');
      expect(u).toMatchObject({ failed_attempts: 5, locked: 1, lock_reason: 'failed-attempts' });
      expect(await audits(a, u.id, 'lock')).toBe(1);
      for (const c of [a, b]) {
        const right = await c.call('auth', 'signIn', {
          logonId: 'tech',
          password: DEMO_ACCOUNTS.technician.password,
          tenantId: 1,
        });
        expect(right.error!.message).toMatch(/locked after too many failed logon attempts/);
      }
    }, 60_000);
  });
});
