import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { newTarget, ENGINES } from '../../connectors/db/testing/engines';
import type { DialGroupRow, GenesysConfigInput } from '../../contract/services/genesys';
import { mainDbParts } from '../../features';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

const base = (dialGroups: string[]): GenesysConfigInput => ({
  enabled: false,
  adminEmail: '',
  orgShortName: '',
  region: 'mypurecloud.com',
  syncUsers: true,
  syncAdvanced: false,
  browserClientApps: [],
  dialGroups,
});

describe.each(ENGINES)('migration 028 on an upgraded database (%s)', (engine) => {
  it('turns the names an existing selection holds into dial groups, so the selection stays valid', async () => {
    const db = openDb(await newTarget(engine));
    try {
      const before = Object.fromEntries(Object.entries(mainDbParts.migrations).filter(([name]) => name < '028'));
      await migrateToLatest(db, before);
      const now = new Date().toISOString();
      await sql`insert into tenant (name, version, updated_at, updated_by) values ('Old', 1, ${now}, 'test')`.execute(
        db.kysely,
      );
      await sql`insert into genesys_config (tenant_id, enabled, admin_email, org_short_name, region, sync_users,
          sync_advanced, browser_client_apps, dial_groups, version, updated_at, updated_by)
        values (1, 0, '', '', 'mypurecloud.com', 1, 0, '[]', ${JSON.stringify(['Phone', 'Tie Line', 'phone'])}, 3,
          ${now}, 'test')`.execute(db.kysely);
      await migrateToLatest(db, mainDbParts.migrations);
      const groups = await db.kysely
        .selectFrom('genesys_dial_group')
        .select(['tenant_id', 'name'])
        .orderBy('name')
        .execute();
      expect(groups).toEqual([
        { tenant_id: 1, name: 'Phone' },
        { tenant_id: 1, name: 'Tie Line' },
      ]);
      const cfg = await db.kysely
        .selectFrom('genesys_config')
        .select(['dial_groups', 'version'])
        .executeTakeFirstOrThrow();
      expect(JSON.parse(cfg.dial_groups)).toEqual(['Phone', 'Tie Line']);
      expect(cfg.version).toBe(3);
    } finally {
      await db.close();
    }
  });
});

describe.each(ENGINES)('Genesys Cloud Dial Groups (%s)', (engine) => {
  let c: TestConsole;
  let supervisor: TestConsole;
  let version = 0;

  const list = async () => {
    const r = await c.call('genesys', 'dialGroupList', {});
    expect(r.ok).toBe(true);
    return r.value as DialGroupRow[];
  };
  const add = (name: string) => c.call('genesys', 'saveDialGroup', { id: null, expectedVersion: 0, name });
  const select = async (dialGroups: string[]) => {
    const r = await c.call('genesys', 'save', { expectedVersion: version, config: base(dialGroups) });
    if (r.ok) version = r.value.version;
    return r;
  };
  const byName = async (name: string) => (await list()).find((g) => g.name === name)!;

  let seeded: Awaited<ReturnType<typeof seededDb>>;
  const dbOf = () => seeded;
  beforeAll(async () => {
    const db = (seeded = await seededDb(engine, 5));
    c = await startConsole(db);
    await signIn(c, 'admin', 'Admin#2026');
    supervisor = await startConsole(db);
    await signIn(supervisor, 'supervisor', 'Super#2026');
  });
  afterAll(async () => {
    await supervisor?.stop();
    await c?.stop();
  });

  it('adds dial groups (name unique in the tenant ignoring case), lists them by name; audited', async () => {
    for (const n of ['Private', 'Phone', 'Tie Line', 'Long Distance']) expect((await add(n)).ok, n).toBe(true);
    const dup = await add('  PHONE ');
    expect(dup.ok).toBe(false);
    expect(dup.error?.code).toBe('CONFLICT');
    expect(dup.error?.field).toBe('name');
    expect(dup.error?.message).toMatch(/already exists/);
    const blank = await add('   ');
    expect(blank.error?.code).toBe('BAD_ARGUMENTS');
    expect(blank.error?.field).toBe('name');
    expect((await list()).map((g) => [g.name, g.selected])).toEqual([
      ['Long Distance', false],
      ['Phone', false],
      ['Private', false],
      ['Tie Line', false],
    ]);
    const audit = await c.core.data
      .require()
      .kysely.selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'genesysDialGroup.create')
      .execute();
    expect(audit.length).toBe(4);
  });

  it('a Supervisor reads the dial groups but may not add, rename or delete one', async () => {
    expect((await supervisor.call('genesys', 'dialGroupList', {})).ok).toBe(true);
    const r = await supervisor.call('genesys', 'saveDialGroup', { id: null, expectedVersion: 0, name: 'Mine' });
    expect(r.error?.code).toBe('FORBIDDEN');
    const g = await byName('Private');
    const d = await supervisor.call('genesys', 'deleteDialGroup', { id: g.id, expectedVersion: g.version });
    expect(d.error?.code).toBe('FORBIDDEN');
  });

  it("another tenant's administrator neither sees nor renames nor deletes this tenant's dial groups", async () => {
    const nw = await startConsole(dbOf());
    try {
      await signIn(nw, 'nwadmin', 'Admin#2026', 2);
      const theirs = await nw.call('genesys', 'dialGroupList', {});
      expect(theirs.ok).toBe(true);
      expect((theirs.value as DialGroupRow[]).map((g) => g.name)).not.toContain('Private');
      const g = await byName('Private');
      const rename = await nw.call('genesys', 'saveDialGroup', { id: g.id, expectedVersion: g.version, name: 'Taken' });
      expect(rename.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      const del = await nw.call('genesys', 'deleteDialGroup', { id: g.id, expectedVersion: g.version });
      expect(del.error).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
      // Its own dial group of the same name is its own business.
      expect((await nw.call('genesys', 'saveDialGroup', { id: null, expectedVersion: 0, name: 'Private' })).ok).toBe(
        true,
      );
      expect(await byName('Private')).toEqual(g);
    } finally {
      await nw.stop();
    }
  });

  it('refuses a selection naming a dial group the tenant does not have, or one twice (field config.dialGroups.<n>)', async () => {
    let r = await select(['Phone', 'Satellite']);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('INVALID');
    expect(r.error?.field).toBe('config.dialGroups.1');
    expect(r.error?.message).toMatch(/no dial group named Satellite/);
    r = await select(['Phone', 'phone']);
    expect(r.error?.field).toBe('config.dialGroups.1');
    expect(r.error?.message).toMatch(/selected twice/);
    // Nothing was stored by the refused saves.
    expect(version).toBe(0);
    expect((await c.call('genesys', 'get', {})).value).toBeNull();
  });

  it('saves the selection (versioned, with the dial groups’ own spelling) and marks the selected ones', async () => {
    const r = await select(['tie line', 'Phone']);
    expect(r.ok).toBe(true);
    expect(r.value?.config.dialGroups).toEqual(['Tie Line', 'Phone']);
    expect((await list()).filter((g) => g.selected).map((g) => g.name)).toEqual(['Phone', 'Tie Line']);
    const stale = await c.call('genesys', 'save', { expectedVersion: 0, config: base(['Private']) });
    expect(stale.error?.code).toBe('CONFLICT');
  });

  it('refuses deleting a selected dial group, naming where it is selected; deletes it once removed', async () => {
    const phone = await byName('Phone');
    const r = await c.call('genesys', 'deleteDialGroup', { id: phone.id, expectedVersion: phone.version });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('CONFLICT');
    expect(r.error?.field).toBe('id');
    expect(r.error?.message).toMatch(/Currently Selected Dial Groups/);
    expect(await byName('Phone')).toBeDefined();
    expect((await select(['Tie Line'])).ok).toBe(true);
    const ok = await c.call('genesys', 'deleteDialGroup', { id: phone.id, expectedVersion: phone.version });
    expect(ok.ok).toBe(true);
    expect((await list()).map((g) => g.name)).toEqual(['Long Distance', 'Private', 'Tie Line']);
    // A deleted one cannot be selected again.
    expect((await select(['Tie Line', 'Phone'])).error?.field).toBe('config.dialGroups.1');
  });

  it('renaming a selected dial group renames it in the selection (the configuration’s version moves on)', async () => {
    const tie = await byName('Tie Line');
    const r = await c.call('genesys', 'saveDialGroup', { id: tie.id, expectedVersion: tie.version, name: 'Tie Lines' });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ name: 'Tie Lines', selected: true, version: tie.version + 1 });
    const doc = (await c.call('genesys', 'get', {})).value!;
    expect(doc.config.dialGroups).toEqual(['Tie Lines']);
    expect(doc.version).toBe(version + 1);
    version = doc.version;
    const dup = await c.call('genesys', 'saveDialGroup', {
      id: tie.id,
      expectedVersion: tie.version + 1,
      name: 'private',
    });
    expect(dup.error?.field).toBe('name');
    const stale = await c.call('genesys', 'saveDialGroup', { id: tie.id, expectedVersion: tie.version, name: 'X' });
    expect(stale.error?.code).toBe('CONFLICT');
  });

  it('a delete and a save selecting the same dial group at once: exactly one wins, the selection stays valid', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `Race ${round}`;
      const g = (await add(name)).value as DialGroupRow;
      const selection = ['Tie Lines', name];
      const [d, sv] = await Promise.all([
        c.call('genesys', 'deleteDialGroup', { id: g.id, expectedVersion: g.version }),
        c.call('genesys', 'save', { expectedVersion: version, config: base(selection) }),
      ]);
      expect([d.ok, sv.ok].filter(Boolean)).toHaveLength(1);
      const doc = (await c.call('genesys', 'get', {})).value!;
      version = doc.version;
      const names = (await list()).map((x) => x.name);
      for (const n of doc.config.dialGroups) expect(names).toContain(n);
      if (sv.ok) expect((await select(['Tie Lines'])).ok).toBe(true);
    }
  });
});
