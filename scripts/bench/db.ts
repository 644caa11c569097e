/**
 * npm run bench:db — the database figures issue 3 asks for, on both engines, with 100,000
 * users, measured through the contract (the real router: zod in, permission check, zod
 * out) as the renderer would call it:
 *   - first page as the grid asks for it (100 rows, sorted, with and without a search);
 *   - full load (all 100,000 rows in one call);
 *   - saving 10,000 edits (users.bulkUpdate: one transaction, version checks, audit).
 * Prints a table; docs/PERFORMANCE.md records the figures.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { withUserKeys } from '../../electron/domain/users/logonKey';
import { parseFlags } from '../../electron/cli/flags';
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb, type DbTarget } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import type { Database } from '../../electron/connectors/db/schema';
import { createDatabase, startPgServer } from '../../electron/connectors/db/testing/postgresServer';
import { createKeychainStore } from '../../electron/connectors/keychain/secretStore';
import { startCore } from '../../electron/services';
import { passwordKey } from '../../electron/services/data/dataContext';
import { ProfilesStore } from '../../electron/services/data/profilesStore';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const EDITS = 10_000;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function fill(target: DbTarget): Promise<number> {
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  const groups = await db.kysely.selectFrom('agent_group').select('id').where('tenant_id', '=', 1).execute();
  const type = await db.kysely
    .selectFrom('user_type')
    .select('id')
    .where('tenant_id', '=', 1)
    .where('name', '=', 'Agent')
    .executeTakeFirstOrThrow();
  const t0 = process.hrtime.bigint();
  const at = new Date().toISOString();
  for (let i = 0; i < USERS; i += 1000) {
    const rows: Omit<Insertable<Database['cc_user']>, 'logon_key'>[] = [];
    for (let j = i; j < Math.min(USERS, i + 1000); j++) {
      rows.push({
        tenant_id: 1,
        logon_id: `agent${String(j).padStart(6, '0')}`,
        first_name: `First${j % 977}`,
        last_name: j % 7 === 0 ? `Müller${j % 1499}` : `Last${j % 1499}`,
        directory_number: j % 2 ? String(100000 + j) : null,
        agent_group_id: groups[j % groups.length]!.id,
        user_type_id: type.id,
        external_logon_id: j % 3 ? null : `agent${j}@bench.example`,
        chat_display_name: null,
        circuit_user: null,
        sync_id: j % 3 ? null : `sync-${j}`,
        phone_agent_logon: 0,
        personal_default_destination: null,
        dispatch_privilege: 0,
        password_hash: null,
        password_changed_at: null,
        locked: j % 500 === 0 ? 1 : 0,
        lock_reason: j % 500 === 0 ? 'manual' : null,
        locked_at: null,
        locked_by_host: null,
        failed_attempts: 0,
        last_logon_at: at,
        deleted: 0,
        updated_at: at,
        updated_by: 'bench',
      });
    }
    await db.kysely.insertInto('cc_user').values(rows.map(withUserKeys)).execute();
  }
  const took = ms(t0);
  await sql`analyze`.execute(db.kysely); // fresh statistics, as a live database has
  await db.close();
  return took;
}

async function run(engine: 'sqlite' | 'postgres', target: DbTarget) {
  const insertMs = await fill(target);
  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-'));
  const store = new ProfilesStore(dir);
  if (target.engine === 'sqlite')
    store.upsert(0, { id: 'b', name: 'Bench', engine: 'sqlite', file: target.file, demo: false });
  else {
    store.upsert(0, {
      id: 'b',
      name: 'Bench',
      engine: 'postgres',
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      ssl: false,
    });
    await createKeychainStore().set(passwordKey('b'), target.password!);
  }
  store.select('b');
  const parsed = parseFlags([]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir: dir,
    info: { productName: 'bench', version: 'bench', mode: 'browser', platform: process.platform },
  });
  await core.ready;
  const call = async (s: string, m: string, a: unknown) => {
    const r = await core.router.call(s, m, a, { principal: core.principal(), origin: 'bench', host: 'bench' });
    if (!r.ok) throw new Error(`${s}.${m}: ${r.error.message}`);
    return r.value as never;
  };
  await call('auth', 'signIn', { logonId: 'admin', password: DEMO_ACCOUNTS.hostAdmin.password, tenantId: 1 });

  const timed = async (runs: number, f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await f();
      xs.push(ms(t0));
    }
    return { first: xs[0]!, median: median(xs) };
  };
  const firstPage = await timed(20, () =>
    call('users', 'page', { offset: 0, limit: 100, sort: 'logonId', direction: 'asc' }),
  );
  const firstPageSorted = await timed(20, () =>
    call('users', 'page', { offset: 0, limit: 100, sort: 'lastName', direction: 'desc', search: 'last12' }),
  );
  // Search as people type it (issue 21): every word, any order, case and accents ignored; the
  // grid's first page with its total, as the grid asks for it.
  const searches: Array<[string, string, string]> = [
    ['two words, few users ("first12 last34")', 'first12 last34', 'logonId'],
    ['two words, reversed, by last name ("LAST34 First12")', 'LAST34 First12', 'lastName'],
    ['accent-free for an accented name ("muller12")', 'muller12', 'logonId'],
    ['three words, many users ("first1 last1 agent")', 'first1 last1 agent', 'logonId'],
    ['no user matches ("nobody here")', 'nobody here', 'logonId'],
  ];
  const wordSearch: Array<{ label: string; median: number; total: number }> = [];
  for (const [label, search, sort] of searches) {
    let n = 0;
    const t = await timed(20, async () => {
      n = ((await call('users', 'page', { offset: 0, limit: 100, sort, search, withTotal: true })) as { total: number })
        .total;
    });
    wordSearch.push({ label, median: t.median, total: n });
  }
  if (process.env.BENCH_DB_SEARCH_ONLY) {
    await core.dispose();
    return { engine, insertMs, firstPage, firstPageSorted, wordSearch };
  }
  const deepPage = await timed(10, () =>
    call('users', 'page', { offset: 90_000, limit: 100, sort: 'logonId', direction: 'asc' }),
  );
  let total = 0;
  const fullLoad = await timed(3, async () => {
    const r = (await call('users', 'page', { offset: 0, limit: 100_000 })) as { rows: unknown[] };
    total = r.rows.length;
  });
  const edits: number[] = [];
  for (let round = 0; round < 3; round++) {
    const page = (await call('users', 'page', { offset: round * EDITS, limit: EDITS, sort: 'logonId' })) as {
      rows: Array<{ id: number; version: number; lastName: string }>;
    };
    const batch = page.rows.map((r) => ({
      id: r.id,
      expectedVersion: r.version,
      changes: { lastName: `${r.lastName}e` },
    }));
    const t0 = process.hrtime.bigint();
    const res = (await call('users', 'bulkUpdate', { edits: batch })) as { updated: number };
    edits.push(ms(t0));
    if (res.updated !== EDITS) throw new Error('not all edits saved');
  }
  await core.dispose();
  return {
    engine,
    insertMs,
    firstPage,
    firstPageSorted,
    wordSearch,
    deepPage,
    fullLoad,
    total,
    edits: { first: edits[0]!, median: median(edits) },
  };
}

async function main() {
  const results = [];
  results.push(
    await run('sqlite', { engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'ccm-bench-db-')), 'bench.sqlite') }),
  );
  const pg = await startPgServer();
  try {
    const t = await createDatabase(pg, 'bench');
    results.push(
      await run('postgres', {
        engine: 'postgres',
        host: t.host,
        port: t.port,
        database: t.database,
        user: t.user,
        password: t.password,
      }),
    );
  } finally {
    await pg.stop();
  }
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `\nbench:db — ${USERS.toLocaleString('en')} users, through the contract (router + zod), ` +
      `${new Date().toISOString()}`,
  );
  console.log(
    '| engine | first page (100, by Logon ID) | first page (search + sort by last name) | page at offset 90,000 | ' +
      'full load (all rows) | save 10,000 edits | (bulk insert of the users) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    if (!('deepPage' in r) || !r.deepPage || !r.fullLoad || !r.edits) continue;
    console.log(
      `| ${r.engine} | ${f(r.firstPage.median)} (cold ${f(r.firstPage.first)}) | ${f(r.firstPageSorted.median)} | ` +
        `${f(r.deepPage.median)} | ${f(r.fullLoad.median)} (${r.total.toLocaleString('en')} rows) | ` +
        `${f(r.edits.median)} (first ${f(r.edits.first)}) | ${f(r.insertMs)} |`,
    );
  }
  console.log('\nValues are medians (20 runs for pages, 3 for full load and edits).');
  console.log('\nSearch as people type it — first page (100 rows) with the total, median of 20:');
  console.log(`| search | ${results.map((r) => r.engine).join(' | ')} | users found |`);
  console.log(`|---|${results.map(() => '---|').join('')}---|`);
  for (const [i, w] of results[0]!.wordSearch.entries()) {
    console.log(`| ${w.label} | ${results.map((r) => f(r.wordSearch[i]!.median)).join(' | ')} | ${w.total} |`);
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
