import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { ENGINES } from '../../connectors/db/testing/engines';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

type Row = {
  id: number;
  version: number;
  logonId: string;
  lastName: string;
  agentGroup: string;
  agentGroupId: number;
  directoryNumber: string | null;
};

// A bulk save is one transaction: all edits or none.
describe.each(ENGINES)('bulk user edits on %s', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 60));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000); // a loaded machine can take a while to start PostgreSQL's database
  afterAll(async () => c?.stop());
  const rows = async (): Promise<Row[]> => (await c.call('users', 'page', { limit: 1000 })).value.rows;

  it('saves every edit, bumps each version and audits each user', async () => {
    const before = (await rows()).slice(0, 30);
    const res = await c.call('users', 'bulkUpdate', {
      edits: before.map((r) => ({ id: r.id, expectedVersion: r.version, changes: { lastName: `${r.lastName}-x` } })),
    });
    expect(res.value.updated).toBe(30);
    const after = new Map((await rows()).map((r) => [r.id, r]));
    for (const r of before)
      expect(after.get(r.id)).toMatchObject({ lastName: `${r.lastName}-x`, version: r.version + 1 });
    const audit = await c.call('audit', 'query', { action: 'update', objectType: 'user', limit: 100 });
    expect(audit.value.total).toBeGreaterThanOrEqual(30);
    expect(audit.value.rows[0]!.before).toMatch(/last_name/);
  });

  it('a stale row refuses the whole save and nothing is written', async () => {
    const list = (await rows()).slice(0, 5);
    const edits = list.map((r, i) => ({
      id: r.id,
      expectedVersion: i === 3 ? r.version - 1 : r.version,
      changes: { lastName: 'Nope' },
    }));
    const res = await c.call('users', 'bulkUpdate', { edits });
    expect(res.error?.code).toBe('CONFLICT');
    expect(res.error?.message).toMatch(/does not match the current version.*Nothing was saved/);
    expect((await rows()).filter((r) => r.lastName === 'Nope')).toEqual([]);
  });

  it('a duplicate Directory Number rolls back every edit', async () => {
    const list = (await rows()).filter((r) => r.directoryNumber === null).slice(0, 3);
    const res = await c.call('users', 'bulkUpdate', {
      edits: list.map((r) => ({
        id: r.id,
        expectedVersion: r.version,
        changes: { directoryNumber: '7777', lastName: 'Changed' },
      })),
    });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'directoryNumber' });
    expect((await rows()).filter((r) => r.lastName === 'Changed')).toEqual([]);
  });

  it('an agent group of another tenant is refused, and nothing is written', async () => {
    const list = (await rows()).slice(0, 2);
    const other = await c.core.data
      .require()
      .kysely.selectFrom('agent_group')
      .select('id')
      .where('tenant_id', '<>', 1)
      .executeTakeFirstOrThrow();
    const res = await c.call('users', 'bulkUpdate', {
      edits: list.map((r, i) => ({
        id: r.id,
        expectedVersion: r.version,
        changes: i === 1 ? { agentGroupId: other.id } : { lastName: 'Foreign' },
      })),
    });
    expect(res.error).toMatchObject({ code: 'INVALID', field: 'agentGroupId' });
    expect((await rows()).filter((r) => r.lastName === 'Foreign')).toEqual([]);
  });

  it('a supervisor cannot move users into or out of groups they do not supervise', async () => {
    await c.call('auth', 'signOut');
    await signIn(c, 'supervisor', DEMO_ACCOUNTS.supervisor.password);
    const list = await rows();
    const sales = list.find((r) => r.agentGroup === 'Sales')!;
    const billingId = list.find((r) => r.agentGroup === 'Billing')!.agentGroupId;
    const res = await c.call('users', 'bulkUpdate', {
      edits: [{ id: sales.id, expectedVersion: sales.version, changes: { agentGroupId: billingId } }],
    });
    expect(res.error?.code).toBe('FORBIDDEN');
    const ok = await c.call('users', 'bulkUpdate', {
      edits: [{ id: sales.id, expectedVersion: sales.version, changes: { lastName: 'Renamed' } }],
    });
    expect(ok.value.updated).toBe(1);
    await c.call('auth', 'signOut');
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  });
});
