/**
 * npm run bench:objectTags — object tags with 100,000 agents, on both engines, through the
 * contract (router + zod + permission) as the renderer calls it:
 *   - the Data / object picker's search over 100,000 agents (empty, by name, by Logon ID);
 *   - a tag assigned to all 100,000 agents: the tag list with its counts, the Assign to
 *     Objects dialog's first 2,000 rows with names, one agent's Object Tag page (forObject),
 *     the uncheck refusal (count + names), the delete preview, and the delete itself (one
 *     transaction removing 100,000 mappings).
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
import { OBJECT_TYPE, type Database } from '../../electron/connectors/db/schema';
import { createDatabase, startPgServer } from '../../electron/connectors/db/testing/postgresServer';
import { createKeychainStore } from '../../electron/connectors/keychain/secretStore';
import { startCore } from '../../electron/services';
import { passwordKey } from '../../electron/services/data/dataContext';
import { ProfilesStore } from '../../electron/services/data/profilesStore';

const AGENTS = Number(process.env.BENCH_USERS ?? 100_000);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The demo tenant plus AGENTS agents, all tagged with one Text tag "Site". */
async function fill(target: DbTarget): Promise<{ tagId: number; agentId: number }> {
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  const k = db.kysely;
  const groups = await k.selectFrom('agent_group').select('id').where('tenant_id', '=', 1).execute();
  const type = await k
    .selectFrom('user_type')
    .select('id')
    .where('tenant_id', '=', 1)
    .where('name', '=', 'Agent')
    .executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const { id: tagId } = await k
    .insertInto('object_tag')
    .values({
      tenant_id: 1,
      name: 'Site',
      type: 1,
      sa_enabled: 0,
      sg_enabled: 0,
      agent_enabled: 1,
      dialednumber_enabled: 0,
      updated_at: at,
      updated_by: 'bench',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  let agentId = 0;
  for (let i = 0; i < AGENTS; i += 1000) {
    const rows: Omit<Insertable<Database['cc_user']>, 'logon_key'>[] = [];
    for (let j = i; j < Math.min(AGENTS, i + 1000); j++) {
      rows.push({
        tenant_id: 1,
        logon_id: `agent${String(j).padStart(6, '0')}`,
        first_name: `First${j % 977}`,
        last_name: `Last${j % 1499}`,
        directory_number: null,
        agent_group_id: groups[j % groups.length]!.id,
        user_type_id: type.id,
        external_logon_id: null,
        chat_display_name: null,
        circuit_user: null,
        sync_id: null,
        phone_agent_logon: 0,
        personal_default_destination: null,
        dispatch_privilege: 0,
        password_hash: null,
        password_changed_at: null,
        locked: 0,
        lock_reason: null,
        locked_at: null,
        locked_by_host: null,
        failed_attempts: 0,
        last_logon_at: null,
        deleted: 0,
        updated_at: at,
        updated_by: 'bench',
      });
    }
    const ids = await k.insertInto('cc_user').values(rows.map(withUserKeys)).returning('id').execute();
    agentId = ids[0]!.id;
    await k
      .insertInto('object_tag_mapping')
      .values(
        ids.map((r, n) => ({
          object_tag_id: tagId,
          object_type: OBJECT_TYPE.agent,
          object_id: r.id,
          object_tag_value: `Site ${(i + n) % 40}`,
        })),
      )
      .execute();
  }
  await sql`analyze`.execute(k);
  await db.close();
  return { tagId, agentId };
}

async function run(engine: 'sqlite' | 'postgres', target: DbTarget) {
  const { tagId, agentId } = await fill(target);
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
  const call = async (s: string, m: string, a: unknown, expectError = false) => {
    const r = await core.router.call(s, m, a, { principal: core.principal(), origin: 'bench', host: 'bench' });
    if (!r.ok && !expectError) throw new Error(`${s}.${m}: ${r.error.message}`);
    return (r.ok ? r.value : r.error) as never;
  };
  await call('auth', 'signIn', { logonId: 'admin', password: DEMO_ACCOUNTS.hostAdmin.password, tenantId: 1 });
  const timed = async (runs: number, f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      await f();
      xs.push(ms(t0));
    }
    return median(xs);
  };
  const searchEmpty = await timed(20, () =>
    call('objectTags', 'searchObjects', { objectType: 'agent', search: '', limit: 50 }),
  );
  const searchName = await timed(20, () =>
    call('objectTags', 'searchObjects', { objectType: 'agent', search: 'first97 last1', limit: 50 }),
  );
  const searchLogon = await timed(20, () =>
    call('objectTags', 'searchObjects', {
      objectType: 'agent',
      search: `agent0${String(AGENTS - 1).slice(-5)}`,
      limit: 50,
    }),
  );
  const list = await timed(10, () => call('objectTags', 'list', {}));
  const assignments = await timed(10, () => call('objectTags', 'assignments', { tagId }));
  const forObject = await timed(20, () => call('objectTags', 'forObject', { objectType: 'agent', objectId: agentId }));
  const tag = ((await call('objectTags', 'list', {})) as { tags: Array<{ id: number; version: number }> }).tags.find(
    (t) => t.id === tagId,
  )!;
  const uncheck = await timed(5, async () => {
    const e = (await call(
      'objectTags',
      'update',
      {
        id: tagId,
        expectedVersion: tag.version,
        name: 'Site',
        type: 'text',
        allow: { serviceAccess: false, serviceGroup: false, agent: false, dialedNumber: false },
      },
      true,
    )) as { code: string };
    if (e.code !== 'INVALID') throw new Error('uncheck was not refused');
  });
  const usage = await timed(5, () => call('objectTags', 'usage', { id: tagId }));
  const t0 = process.hrtime.bigint();
  const removed = (await call('objectTags', 'remove', {
    id: tagId,
    expectedVersion: tag.version,
    expectedAssignments: AGENTS,
  })) as { removedAssignments: number };
  const remove = ms(t0);
  if (removed.removedAssignments !== AGENTS) throw new Error('not every assignment was removed');
  await core.dispose();
  return { engine, searchEmpty, searchName, searchLogon, list, assignments, forObject, uncheck, usage, remove };
}

async function main() {
  const results = [];
  results.push(
    await run('sqlite', { engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'ccm-bench-ot-')), 'bench.sqlite') }),
  );
  const pg = await startPgServer();
  try {
    const t = await createDatabase(pg, 'bench_ot');
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
    `\nbench:objectTags — ${AGENTS.toLocaleString('en')} agents, one tag assigned to all of them, through the ` +
      `contract (router + zod), ${new Date().toISOString()}`,
  );
  console.log(
    '| engine | picker: first 50 | picker: by name | picker: by Logon ID | tag list (counts) | Assign dialog (2,000 ' +
      'rows + names) | forObject (one agent) | uncheck refusal | delete preview | delete tag + 100k mappings |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${f(r.searchEmpty)} | ${f(r.searchName)} | ${f(r.searchLogon)} | ${f(r.list)} | ` +
        `${f(r.assignments)} | ${f(r.forObject)} | ${f(r.uncheck)} | ${f(r.usage)} | ${f(r.remove)} |`,
    );
  }
  console.log(
    '\nValues are medians (20 runs for the picker and forObject, 10 for list and the dialog, 5 for refusal and ' +
      'preview); the delete runs once.',
  );
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
