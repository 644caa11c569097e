import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest, migrations } from '../../connectors/db/migrate';
import { ENGINES, newTarget } from '../../connectors/db/testing/engines';
import { searchFold, searchWords, userSearchText } from '../../domain/users/search';
import { mainDbParts } from '../../features';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

type Lookups = { agentGroups: Array<{ id: number; name: string }>; userTypes: Array<{ id: number; name: string }> };

describe('search words (domain)', () => {
  it('folds case, accents, full-width forms and the Latin letters without a decomposition', () => {
    expect(searchFold('Müller')).toBe('muller');
    expect(searchFold('MU\u0308LLER')).toBe('muller'); // decomposed umlaut
    expect(searchFold('Ｋａｒｅｎ')).toBe('karen');
    expect(searchFold('Łukasz Øster Strauß')).toBe('lukasz oster strauss');
    expect(searchFold('Ça Ñandú')).toBe('ca nandu');
  });
  it('splits at white space, drops empty and contained words', () => {
    expect(searchWords('  Karen   Khan ')).toEqual(['karen', 'khan']);
    expect(searchWords('khan kha KHAN')).toEqual(['khan']);
    expect(searchWords('')).toEqual([]);
  });
  it('a word cannot match across two fields', () => {
    const text = userSearchText({ first_name: 'Ann', last_name: 'Lee', logon_id: 'al', directory_number: null });
    expect(text.includes(searchFold('annlee'))).toBe(false);
    expect(text.split('\n')).toEqual(['ann', 'lee', 'al', '', '']);
  });
});

// Issue 21, "search as people type it": every word of the query, any order, in first name, last
// name, Logon ID, External Logon ID or Directory Number, ignoring case and accents.
describe.each(ENGINES)('users search: every word, any order, case- and accent-insensitive on %s', (engine) => {
  let c: TestConsole;
  let lk: Lookups;
  const group = (name: string) => lk.agentGroups.find((g) => g.name === name)!.id;
  const type = (name: string) => lk.userTypes.find((t) => t.name === name)!.id;
  const fields = (over: Record<string, unknown>) => ({
    logonId: 'x',
    firstName: 'X',
    lastName: 'Y',
    directoryNumber: null,
    agentGroupId: group('Sales'),
    userTypeId: type('Agent'),
    externalLogonId: null,
    chatDisplayName: null,
    circuitUser: null,
    phoneAgentLogon: 'useSystemSetting' as const,
    personalDefaultDestination: null,
    dispatchPrivilege: false,
    ...over,
  });
  const found = async (search: string) =>
    (await c.call('users', 'page', { limit: 1000, search, sort: 'logonId', withTotal: true })).value;
  const logons = async (search: string) => (await found(search)).rows.map((r) => r.logonId);
  const ids: Record<string, { id: number; version: number }> = {};

  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 30));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    lk = (await c.call('users', 'lookups')).value;
    for (const f of [
      {
        logonId: 'kkhan',
        firstName: 'Karen',
        lastName: 'Khan',
        directoryNumber: '71234',
        externalLogonId: 'k.khan@corp.example',
      },
      { logonId: 'kkhanna', firstName: 'Kiran', lastName: 'Khanna' },
      { logonId: 'jmuller', firstName: 'Jürgen', lastName: 'Müller' },
      { logonId: 'amuller', firstName: 'Anna', lastName: 'Muller' },
      { logonId: 'zfifty', firstName: 'Fifty', lastName: '50%_Off' },
    ]) {
      const res = await c.call('users', 'create', { fields: fields(f) });
      expect(res.ok, res.error?.message).toBe(true);
      ids[f.logonId] = { id: res.value.id, version: res.value.version };
    }
  }, 120_000);
  afterAll(async () => c?.stop());

  it('"Karen Khan" and "khan karen" find Karen Khan only (all words must match, any order)', async () => {
    expect(await logons('Karen Khan')).toEqual(['kkhan']);
    expect(await logons('khan karen')).toEqual(['kkhan']);
    expect(await logons('  KHAN   KAREN ')).toEqual(['kkhan']);
    expect((await found('Karen Khan')).total).toBe(1);
    // one word alone still finds every user that has it
    expect(await logons('khan')).toEqual(['kkhan', 'kkhanna']);
    // a word no field has: nobody (Karen Sharp of the demo does not match "karen khan")
    expect(await logons('karen nobody')).toEqual([]);
  });

  it('words match the Logon ID, External Logon ID and Directory Number too, and not across two fields', async () => {
    expect(await logons('karen 71234')).toEqual(['kkhan']);
    expect(await logons('corp.example khan')).toEqual(['kkhan']);
    expect(await logons('kkhan 712')).toEqual(['kkhan']);
    expect(await logons('karenkhan')).toEqual([]);
  });

  it('accents and case are ignored both ways: "muller" finds Müller, "MÜLLER" finds Muller', async () => {
    expect(await logons('muller')).toEqual(['amuller', 'jmuller']);
    expect(await logons('MÜLLER')).toEqual(['amuller', 'jmuller']);
    expect(await logons('jurgen müller')).toEqual(['jmuller']);
    expect(await logons('Ｍüｌｌｅｒ anna')).toEqual(['amuller']);
  });

  it('% and _ are literal characters, not wildcards', async () => {
    expect(await logons('50%_off')).toEqual(['zfifty']);
    expect(await logons('5%f')).toEqual([]);
    expect(await logons('_')).toEqual(['zfifty']);
  });

  it('the search follows every change: save, bulk edit, CSV import (create and update)', async () => {
    const doc = (await c.call('users', 'get', { id: ids.kkhanna!.id })).value;
    const saved = await c.call('users', 'save', {
      id: doc.id,
      expectedVersion: doc.version,
      fields: { ...doc.fields, firstName: 'Kirän' },
    });
    expect(saved.ok, saved.error?.message).toBe(true);
    expect(await logons('kiran khanna')).toEqual(['kkhanna']);
    expect(await logons('kiran khan')).toEqual(['kkhanna']);

    const bulk = await c.call('users', 'bulkUpdate', {
      edits: [
        {
          id: doc.id,
          expectedVersion: saved.value.version,
          changes: { firstName: 'Søren', lastName: 'Ödegård', directoryNumber: '7999' },
        },
      ],
    });
    expect(bulk.ok, bulk.error?.message).toBe(true);
    expect(await logons('soren odegard 7999')).toEqual(['kkhanna']);
    expect(await logons('kiran')).toEqual([]);

    const imp = await c.call('users', 'importCsv', {
      text:
        'Logon ID,First Name,Last Name,Agent Group,User Type\r\n' +
        'csvzoe,Zoë,Çelik,Sales,Agent\r\njmuller,Jürgen,Weiß,,\r\n',
    });
    expect(imp.value, JSON.stringify(imp.value)).toMatchObject({ applied: true, created: 1, updated: 1 });
    expect(await logons('zoe celik')).toEqual(['csvzoe']);
    expect(await logons('jurgen weiss')).toEqual(['jmuller']);
    expect(await logons('muller jurgen')).toEqual(['jmuller']); // its Logon ID still says so
    expect(await logons('muller')).toEqual(['amuller', 'jmuller']);
  });

  it('the object pickers and the dispatch agent picker apply the same rule', async () => {
    const pick = async (search: string) =>
      (await c.call('objectTags', 'searchObjects', { objectType: 'agent', search })).value.rows.map((r) => r.detail);
    expect(await pick('khan karen')).toEqual(['kkhan']);
    expect(await pick('MÜLLER anna')).toEqual(['amuller']);
    expect(await pick('karen nobody')).toEqual([]);
    // the dispatch agent editor saves a Directory Number: the search follows it
    const kk = (await c.call('dispatch', 'agentsPage', { search: 'kkhan', limit: 50, offset: 0 })).value.rows[0]!;
    const dn = await c.call('dispatch', 'saveAgent', {
      id: kk.id,
      expectedVersion: kk.version,
      fields: { directoryNumber: '74444', personalDefaultDestination: null, dispatchPrivilege: false, skills: [] },
    });
    expect(dn.ok, dn.error?.message).toBe(true);
    expect(await logons('karen 74444')).toEqual(['kkhan']);
    expect(await logons('karen 71234')).toEqual([]);
    const dispatch = async (search: string) =>
      (await c.call('dispatch', 'agentsPage', { search, limit: 50, offset: 0 })).value.rows.map((r) => r.logonId);
    expect(await dispatch('khan karen')).toEqual(['kkhan']);
    expect(await dispatch('muller anna')).toEqual(['amuller']);
    // named objects: words in any order, accents ignored
    const k = c.core.data.require().kysely;
    const tenant = 1;
    const by = { version: 1, updated_at: new Date().toISOString(), updated_by: 'test' };
    await k
      .insertInto('scheduler')
      .values({ tenant_id: tenant, name: 'Öffnungszeiten Wochenende', ...by } as never)
      .execute();
    const sched = async (search: string) =>
      (await c.call('objectTags', 'searchObjects', { objectType: 'scheduler', search })).value.rows.map((r) => r.name);
    expect(await sched('wochenende offnungszeiten')).toEqual(['Öffnungszeiten Wochenende']);
    expect(await sched('wochenende nacht')).toEqual([]);
  });
});

describe.each(ENGINES)('users search on an upgraded database (migration 018) on %s', (engine) => {
  it('fills the search text of the users that existed before', async () => {
    const target = await newTarget(engine);
    const db = openDb(target);
    await migrateToLatest(db, mainDbParts.migrations);
    const { seedDemo } = await import('../../connectors/db/demoSeed');
    await seedDemo(db.kysely, mainDbParts.demo, 10);
    await db.kysely
      .updateTable('cc_user')
      .set({ first_name: 'Björk', last_name: 'Guðmundsdóttir' })
      .where('logon_id', '=', 'supervisor')
      .execute();
    // The users table as it was before 018 (no search column), then 018 itself runs on it. (Un-recording 018 and
    // migrating again is not possible: later migrations are recorded, and Kysely refuses one that sorts before them.)
    await sql`drop index ix_cc_user_search`.execute(db.kysely);
    await sql`alter table cc_user drop column search_text`.execute(db.kysely);
    await migrations(mainDbParts.migrations, db.engine)['018_user_search']!.up(db.kysely);
    const row = await db.kysely
      .selectFrom('cc_user')
      .select('search_text')
      .where('logon_id', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    expect(row.search_text).toBe('bjork\ngudmundsdottir\nsupervisor\n\n');
    const empty = await db.kysely
      .selectFrom('cc_user')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('search_text', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(empty.n)).toBe(0);
    await db.close();
  }, 120_000);
});
