import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

// Issue 21, "nothing blocks main for long": better-sqlite3 is synchronous, so an import written
// in one go would hold main's event loop for its whole length (4.4 s for 50,000 users). The
// import yields to the event loop between batches; figures: npm run bench:import.
describe('users CSV import on sqlite: main keeps serving while it runs', () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 0));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000);
  afterAll(async () => c?.stop());

  it('event-loop turns run between the batches of a 2,000-user import, and the import is applied whole', async () => {
    const lines = ['Logon ID,First Name,Last Name,Agent Group,User Type'];
    for (let i = 0; i < 2000; i++) lines.push(`yield${i},First${i},Last${i},Sales,Agent`);
    let turns = 0;
    let running = true;
    const turn = () => {
      if (!running) return;
      turns++;
      setImmediate(turn);
    };
    setImmediate(turn);
    const res = await c.call('users', 'importCsv', { text: lines.join('\r\n') + '\r\n' });
    running = false;
    expect(res.value, JSON.stringify(res.error)).toMatchObject({ applied: true, created: 2000 });
    // at least one turn per batch of 200 creates
    expect(turns).toBeGreaterThanOrEqual(9);
    const page = await c.call('users', 'page', { search: 'yield1999', limit: 10 });
    expect(page.value.rows.map((r) => r.logonId)).toEqual(['yield1999']);
  });
});
