import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../contract';
import { DEMO_ACCOUNTS } from '../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from './testing/harness';
import { sampleArgs } from './testing/permissionSamples';

// Permissions are enforced in main: each forbidden method is called directly (no UI in
// between) and must be refused before the service runs.
describe('permissions enforced in main', () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 40));
  });
  afterAll(async () => c.stop());

  // Sample arguments live in testing/permissionSamples/<feature>.ts.

  const guarded = Object.entries(contract).flatMap(([s, spec]) =>
    Object.entries(spec.methods)
      .filter(([, m]) => m.permission.kind !== 'public')
      .map(([name]) => `${s}.${name}`),
  );

  it('every non-public method has a sample call here', () => {
    expect(guarded.filter((m) => !(m in sampleArgs))).toEqual([]);
  });

  it('refuses every non-public method before sign-in', async () => {
    for (const m of guarded) {
      const [s, name] = m.split('.') as [string, string];
      const res = await c.callByName(s, name, sampleArgs[m]);
      expect(res.error?.code, m).toBe('NOT_SIGNED_IN');
    }
  });

  it('Field Technician: alarms and logs only — users, system and audit are refused', async () => {
    await signIn(c, 'tech', DEMO_ACCOUNTS.technician.password);
    for (const m of [
      'users.page',
      'users.bulkUpdate',
      'users.lock',
      'users.unlock',
      'users.setPassword',
      'tenants.getPolicy',
      'tenants.savePolicy',
      'audit.query',
      'audit.exportCsv',
    ]) {
      const [s, name] = m.split('.') as [string, string];
      const res = await c.callByName(s, name, sampleArgs[m]);
      expect(res.error?.code, m).toBe('FORBIDDEN');
    }
    await c.call('auth', 'signOut');
  });

  it('Supervisor: reads elsewhere, writes users only in the agent groups they supervise', async () => {
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    expect((await c.call('tenants', 'getPolicy', { tenantId: 1 })).ok).toBe(true);
    expect((await c.callByName('tenants', 'savePolicy', sampleArgs['tenants.savePolicy'])).error?.code).toBe(
      'FORBIDDEN',
    );
    const users = (await c.call('users', 'page', { limit: 500 })).value.rows as Array<{
      id: number;
      version: number;
      agentGroup: string;
      logonId: string;
    }>;
    const billing = users.find((u) => u.agentGroup === 'Billing')!;
    const sales = users.find((u) => u.agentGroup === 'Sales')!;
    const refused = await c.call('users', 'lock', { id: billing.id, expectedVersion: billing.version });
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.error!.message).toMatch(/agent groups you supervise.*Billing/);
    const allowed = await c.call('users', 'lock', { id: sales.id, expectedVersion: sales.version });
    expect(allowed.value).toMatchObject({ locked: true });
    await c.call('users', 'unlock', { id: sales.id, expectedVersion: allowed.value.version });
    await c.call('auth', 'signOut');
  });

  it('Administrator: writes everywhere in the tenant', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const doc = (await c.call('tenants', 'getPolicy', { tenantId: 1 })).value;
    const saved = await c.call('tenants', 'savePolicy', {
      tenantId: 1,
      expectedVersion: doc.version,
      policy: { ...doc.policy, lockoutAfterAttempts: 6 },
    });
    expect(saved.value).toMatchObject({
      version: doc.version + 1,
      policy: { lockoutAfterAttempts: 6 },
      updatedBy: 'admin',
    });
    await c.call('auth', 'signOut');
  });
});
