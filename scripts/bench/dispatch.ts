/**
 * npm run bench:dispatch — the dispatch area's database work with 100,000 agents (SQLite; set
 * BENCH_PG=1 to add PostgreSQL): the agents grid's pages (first page, deep page, search, skill
 * filter), the configuration check, the phone agent restore list and the call preview (an
 * exact and an unknown called number). Calls the service functions on the database directly
 * (the router's zod and permission checks add well under a millisecond). Prints a table;
 * docs/PERFORMANCE.md records the figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { withUserKeys } from '../../electron/domain/users/logonKey';
import { seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb, type DbTarget } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import type { Database } from '../../electron/connectors/db/schema';
import { createDatabase, startPgServer } from '../../electron/connectors/db/testing/postgresServer';
import { agentsPage } from '../../electron/services/dispatch/agents';
import { configurationCheck, preview } from '../../electron/services/dispatch/insight';
import { autoLogon } from '../../electron/services/dispatch/phoneAgents';

const AGENTS = Number(process.env.BENCH_USERS ?? 100_000);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(label: string, target: DbTarget) {
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  const k = db.kysely;
  const at = new Date().toISOString();
  const groups = await k.selectFrom('agent_group').select('id').where('tenant_id', '=', 1).execute();
  const type = await k
    .selectFrom('user_type')
    .select('id')
    .where('tenant_id', '=', 1)
    .where('name', '=', 'Agent')
    .executeTakeFirstOrThrow();
  const vip = await k
    .selectFrom('skill')
    .select('id')
    .where('tenant_id', '=', 1)
    .where('name', '=', 'VIP')
    .executeTakeFirstOrThrow();
  const cm = await k.selectFrom('site_server_param').select('id').where('tenant_id', '=', 1).executeTakeFirstOrThrow();
  await k.updateTable('tenant').set({ dispatch_licences: null }).execute();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < AGENTS; i += 1000) {
    const rows: Omit<Insertable<Database['cc_user']>, 'logon_key'>[] = [];
    for (let j = i; j < Math.min(AGENTS, i + 1000); j++) {
      rows.push({
        tenant_id: 1,
        logon_id: `agent${String(j).padStart(6, '0')}`,
        first_name: `First${j % 977}`,
        last_name: `Last${j % 1499}`,
        directory_number: j % 10 < 3 ? String(6_000_000 + j) : null,
        agent_group_id: groups[j % groups.length]!.id,
        user_type_id: type.id,
        phone_agent_logon: j % 4,
        personal_default_destination: j % 20 === 0 ? `8${j}` : null,
        dispatch_privilege: j % 20 === 1 ? 1 : 0,
        failed_attempts: 0,
        locked: 0,
        deleted: 0,
        updated_at: at,
        updated_by: 'bench',
      } as Insertable<Database['cc_user']>);
    }
    const ids = await k.insertInto('cc_user').values(rows.map(withUserKeys)).returning('id').execute();
    // one agent in ten holds VIP (serves the "Personal Calls" group); one in fifty is a phone agent
    const skilled = ids
      .filter((_, n) => (i + n) % 10 === 0)
      .map((r) => ({ user_id: r.id, skill_id: vip.id, level: 1 }));
    if (skilled.length) await k.insertInto('skill_assignment').values(skilled).execute();
    const phone = ids
      .filter((_, n) => (i + n) % 50 === 0)
      .map((r, n) => ({
        agent_id: r.id,
        tenant_id: 1,
        call_manager_id: cm.id,
        phone_num: String(70000 + i + n),
        ready_status: n % 2,
        priority_logon: n % 3 === 0 ? 1 : 0,
        time_stamp: at,
      }));
    if (phone.length) await k.insertInto('phone_agent_logon').values(phone).execute();
  }
  const fillMs = ms(t0);
  // A live database has planner statistics (autovacuum / ANALYZE); a freshly filled one does not.
  await sql`analyze`.execute(k);
  const access = await k
    .selectFrom('service_access')
    .select('id')
    .where('name', '=', 'Personal line')
    .executeTakeFirstOrThrow();
  const state = {
    loggedOn: true,
    activity: 'busyVoice' as const,
    dispatchAccess: false,
    answersInTime: true,
    freeWithinMaxWait: false,
    personalDefaultReachable: true,
    systemDefaultReachable: true,
  };
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['agents grid: first page (50)', () => agentsPage(k, 1, { offset: 0, limit: 50 })],
    ['agents grid: page at 50,000', () => agentsPage(k, 1, { offset: 50_000, limit: 50 })],
    ['agents grid: search "6000123"', () => agentsPage(k, 1, { offset: 0, limit: 50, search: '6000123' })],
    ['agents grid: skill VIP, page 1', () => agentsPage(k, 1, { offset: 0, limit: 50, skillId: vip.id })],
    ['configuration check', () => configurationCheck(k, 1)],
    ['phone agent restore list', () => autoLogon(k, 1, 1000)],
    [
      'preview: exact called number',
      () =>
        preview(k, 1, { serviceAccessId: access.id, designation: { kind: 'calledNumber', number: '6000002' }, state }),
    ],
    [
      'preview: unknown number (digit scan)',
      () =>
        preview(k, 1, { serviceAccessId: access.id, designation: { kind: 'calledNumber', number: '123-456' }, state }),
    ],
  ];
  console.log(`\n${label}: ${AGENTS.toLocaleString()} agents filled in ${(fillMs / 1000).toFixed(1)} s`);
  console.log('operation'.padEnd(40), 'median ms'.padStart(10), 'max ms'.padStart(10));
  for (const [name, fn] of cases) {
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const s = process.hrtime.bigint();
      await fn();
      times.push(ms(s));
    }
    console.log(
      name.padEnd(40),
      median(times).toFixed(1).padStart(10),
      Math.max(...times)
        .toFixed(1)
        .padStart(10),
    );
  }
  const check = await configurationCheck(k, 1);
  console.log(
    `(configuration check: ${check.total.toLocaleString()} findings, first ${check.findings.length} answered)`,
  );
  await db.close();
}

async function main() {
  await run('SQLite', { engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'ccm-bench-')), 'bench.sqlite') });
  if (process.env.BENCH_PG === '1') {
    const pg = await startPgServer();
    try {
      const d = await createDatabase(pg);
      await run('PostgreSQL', {
        engine: 'postgres',
        host: d.host,
        port: d.port,
        database: d.database,
        user: d.user,
        password: d.password,
      });
    } finally {
      await pg.stop();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
