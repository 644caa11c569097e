import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './engine';
import { inspectSchema, migrateToLatest, schemaVersion, SchemaVersionError } from './migrate';
import { mainDbParts } from '../../features';
import { ENGINES, newMigratedDb } from './testing/engines';
import { OBJECT_TYPE } from './schema';
import { userKeyColumns } from '../../domain/users/logonKey';
import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrate';
import { newTarget } from './testing/engines';
import { openDb } from './engine';

/** Every migration of this console: the core set and each feature's (electron/features.ts). */
const ALL = mainDbParts.migrations;
const SCHEMA_VERSION = schemaVersion(ALL);

// The constraints the seeds state, enforced by the database itself on both engines:
// each insert below would succeed if the constraint were only checked in code.
describe.each(ENGINES)('schema on %s', (engine) => {
  let db: Db;
  const now = '2026-11-22T00:00:00.000Z';
  const by = { updated_at: now, updated_by: 'test' };
  let tenant = 0;
  let group = 0;
  let type = 0;

  beforeAll(async () => {
    db = await newMigratedDb(engine);
    const k = db.kysely;
    tenant = (
      await k
        .insertInto('tenant')
        .values({
          name: 'T',
          ...by,
          lockout_after_attempts: 5,
          cannot_reuse_last: 0,
          password_expires_days: 0,
          password_warn_days: 0,
          never_delete_synced: 0,
          allow_manual_delete_synced: 0,
          auto_restore_logon: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    group = (
      await k
        .insertInto('agent_group')
        .values({ tenant_id: tenant, name: 'G', ...by })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    type = (
      await k
        .insertInto('user_type')
        .values({
          tenant_id: tenant,
          name: 'U',
          permissions: '{}',
          is_host_admin: 0,
          scope_users_to_agent_groups: 0,
          ...by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => db.close());

  const userValues = (logon_id: string, extra: Record<string, unknown> = {}) => {
    const row = {
      tenant_id: tenant,
      logon_id,
      first_name: '',
      last_name: '',
      agent_group_id: group,
      user_type_id: type,
      phone_agent_logon: 0,
      dispatch_privilege: 0,
      locked: 0,
      failed_attempts: 0,
      deleted: 0,
      directory_number: null,
      external_logon_id: null,
      chat_display_name: null,
      circuit_user: null,
      sync_id: null,
      personal_default_destination: null,
      password_hash: null,
      password_changed_at: null,
      lock_reason: null,
      locked_at: null,
      locked_by_host: null,
      last_logon_at: null,
      ...by,
      ...extra,
    };
    // The keys as every writer computes them (domain/users/logonKey.ts), unless the test sets them itself.
    return { ...row, ...userKeyColumns(row as never), ...extra };
  };
  const user = (logon_id: string, extra: Record<string, unknown> = {}) =>
    db.kysely.insertInto('cc_user').values(userValues(logon_id, extra)).returning('id').executeTakeFirstOrThrow();

  it('is at the latest schema version', async () => {
    expect(await inspectSchema(db, ALL)).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION, unknown: [] });
    expect(await migrateToLatest(db, ALL)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION }); // idempotent
  });

  it('Logon ID is unique in the tenant, whatever the case', async () => {
    await user('jdoe');
    await expect(user('JDoe')).rejects.toThrow(/unique|duplicate/i);
  });

  it('External Logon ID, Directory Number, Circuit User and Sync ID are unique when set, and may be blank many times', async () => {
    await user('a1', { external_logon_id: 'a@x.com', directory_number: '5001', circuit_user: 'c1', sync_id: 's1' });
    await user('a2'); // all null
    await user('a3'); // null again: fine
    await expect(user('a4', { external_logon_id: 'A@X.COM' })).rejects.toThrow(/unique|duplicate/i);
    await expect(user('a5', { directory_number: '5001' })).rejects.toThrow(/unique|duplicate/i);
    await expect(user('a6', { circuit_user: 'C1' })).rejects.toThrow(/unique|duplicate/i);
    await expect(user('a7', { sync_id: 's1' })).rejects.toThrow(/unique|duplicate/i);
  });

  it("Logon ID, External Logon ID and Circuit User are unique per tenant by their key (NFKC + lower case), not the engine's lower()", async () => {
    await user('Ärger.Öz', { external_logon_id: 'Ärger.Öz@x.example', circuit_user: 'Ärger.Öz@circuit' });
    // SQLite's lower() leaves Ä and Ö alone, so 001's index let these twins in on SQLite.
    await expect(user('äRGER.öZ')).rejects.toThrow(/unique|duplicate/i);
    await expect(user('A\u0308rger.O\u0308z')).rejects.toThrow(/unique|duplicate/i); // decomposed umlauts
    await expect(user('twin-e', { external_logon_id: 'ÄRGER.ÖZ@X.EXAMPLE' })).rejects.toThrow(/unique|duplicate/i);
    await expect(user('twin-c', { circuit_user: 'äRGER.öZ@CIRCUIT' })).rejects.toThrow(/unique|duplicate/i);
    // per tenant: another tenant may have the same ones
    const other = (
      await db.kysely
        .insertInto('tenant')
        .values({
          name: 'T2',
          ...by,
          lockout_after_attempts: 5,
          cannot_reuse_last: 0,
          password_expires_days: 0,
          password_warn_days: 0,
          never_delete_synced: 0,
          allow_manual_delete_synced: 0,
          auto_restore_logon: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const g2 = (
      await db.kysely
        .insertInto('agent_group')
        .values({ tenant_id: other, name: 'G', ...by })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const t2 = (
      await db.kysely
        .insertInto('user_type')
        .values({
          tenant_id: other,
          name: 'U',
          permissions: '{}',
          is_host_admin: 0,
          scope_users_to_agent_groups: 0,
          ...by,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await user('äRGER.öZ', {
      tenant_id: other,
      agent_group_id: g2,
      user_type_id: t2,
      external_logon_id: 'ärger.öz@x.example',
      circuit_user: 'ärger.öz@circuit',
    });
    // The indexes are on the key columns (migration 009), not on lower(…).
    const indexes =
      engine === 'sqlite'
        ? (
            await sql<{
              name: string;
              sql: string;
            }>`select name, sql from sqlite_master where type = 'index' and tbl_name = 'cc_user' and name like 'ux_cc_user_%'`.execute(
              db.kysely,
            )
          ).rows
        : (
            await sql<{
              name: string;
              sql: string;
            }>`select indexname as name, indexdef as sql from pg_indexes where tablename = 'cc_user' and indexname like 'ux_cc_user_%'`.execute(
              db.kysely,
            )
          ).rows;
    const def = (name: string) =>
      indexes
        .find((i) => i.name === name)
        ?.sql.replace(/"/g, '')
        .toLowerCase() ?? '';
    expect(def('ux_cc_user_logon_key')).toMatch(/unique.*\(tenant_id, logon_key\)/);
    expect(def('ux_cc_user_external_logon_key')).toMatch(
      /unique.*\(tenant_id, external_logon_key\).*where.*external_logon_key is not null/,
    );
    expect(def('ux_cc_user_circuit_user_key')).toMatch(
      /unique.*\(tenant_id, circuit_user_key\).*where.*circuit_user_key is not null/,
    );
    expect(indexes.map((i) => i.name)).not.toContain('ux_cc_user_logon_id');
  });

  it('a row whose key is missing while its column is set is refused (a writer that forgets the key fails)', async () => {
    await expect(user('nokey', { logon_key: null })).rejects.toThrow(/null|keys missing|check/i);
    await expect(user('nokey-e', { external_logon_id: 'nokey@x.example', external_logon_key: null })).rejects.toThrow(
      /keys missing|check/i,
    );
    await expect(user('nokey-c', { circuit_user: 'nokey@circuit', circuit_user_key: null })).rejects.toThrow(
      /keys missing|check/i,
    );
    const u = await user('keyed');
    await expect(
      db.kysely.updateTable('cc_user').set({ circuit_user: 'later@circuit' }).where('id', '=', u.id).execute(),
    ).rejects.toThrow(/keys missing|check/i);
  });

  it('refuses a user in an agent group that does not exist (foreign key)', async () => {
    await expect(user('orphan', { agent_group_id: 999999 })).rejects.toThrow(/foreign key/i);
  });

  it('object_tag: the same tenant cannot have two tags with the same name and type', async () => {
    const tag = (name: string, t: number) =>
      db.kysely
        .insertInto('object_tag')
        .values({
          name,
          type: t,
          tenant_id: tenant,
          sa_enabled: 1,
          sg_enabled: 0,
          agent_enabled: 1,
          dialednumber_enabled: 0,
          ...by,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const first = await tag('Region', 1);
    await tag('Region', 0); // same name, other type: allowed
    await expect(tag('Region', 1)).rejects.toThrow(/unique|duplicate/i);
    await expect(tag('x'.repeat(101), 1)).rejects.toThrow(/check|too long/i);

    // object_tag_mapping: (object_tag_id, object_type, object_id) unique; object_type from the seed's list.
    const map = (object_type: number, object_id: number) =>
      db.kysely
        .insertInto('object_tag_mapping')
        .values({ object_tag_id: first.id, object_tag_value: 'North', object_id, object_type })
        .execute();
    await map(OBJECT_TYPE.agent, 1);
    await map(OBJECT_TYPE.serviceAccess, 1);
    await expect(map(OBJECT_TYPE.agent, 1)).rejects.toThrow(/unique|duplicate/i);
    await expect(map(0x0300, 2)).rejects.toThrow(/check/i);
  });

  it('dialed numbers: unique in the tenant, 1 to 50 characters of any kind', async () => {
    const dn = (number: string) =>
      db.kysely
        .insertInto('dialed_number')
        .values({ tenant_id: tenant, number, ...by })
        .execute();
    await dn('+1 (613) 555-0100 ext. #2');
    await expect(dn('+1 (613) 555-0100 ext. #2')).rejects.toThrow(/unique|duplicate/i);
    await expect(dn('9'.repeat(51))).rejects.toThrow(/check|too long/i);
    await expect(dn('')).rejects.toThrow(/check/i);
  });

  it('Personal Calls only on a Voice – Manual Routing service group', async () => {
    const sg = (name: string, media_type: 'voice' | 'email', routing: 'manual' | 'automatic', personal_calls: number) =>
      db.kysely
        .insertInto('service_group')
        .values({
          tenant_id: tenant,
          name,
          media_type,
          routing,
          personal_calls,
          display_in_dispatch: 0,
          max_wait_personal_sec: 30,
          open_rule: 'logged_on',
          response_file_id: null,
          caller_id_id: null,
          agents_may_change_caller_id: 0,
          ...by,
        })
        .execute();
    await sg('Personal', 'voice', 'manual', 1);
    await expect(sg('Auto personal', 'voice', 'automatic', 1)).rejects.toThrow(/check/i);
    await expect(sg('Mail personal', 'email', 'manual', 1)).rejects.toThrow(/check/i);
  });

  it('phone_agent_logon keeps the seed columns and needs a real call manager', async () => {
    const u = await user('phone1');
    const cm = await db.kysely
      .insertInto('site_server_param')
      .values({ tenant_id: tenant, name: 'OAS1', server_type: 'OAS', host: 'oas1', port: 7001, ...by })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('phone_agent_logon')
      .values({
        agent_id: u.id,
        tenant_id: tenant,
        call_manager_id: cm.id,
        phone_num: '5500',
        ready_status: 1,
        priority_logon: 0,
        time_stamp: now,
      })
      .execute();
    await expect(
      db.kysely
        .insertInto('phone_agent_logon')
        .values({
          agent_id: (await user('phone2')).id,
          tenant_id: tenant,
          call_manager_id: 424242,
          phone_num: '5501',
          ready_status: 0,
          priority_logon: 0,
          time_stamp: now,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
    const cols = (await db.kysely.introspection.getTables())
      .find((t) => t.name === 'phone_agent_logon')!
      .columns.map((c) => c.name);
    expect(cols.sort()).toEqual([
      'agent_id',
      'call_manager_id',
      'phone_num',
      'priority_logon',
      'ready_status',
      'tenant_id',
      'time_stamp',
    ]);
  });

  it('trace_settings: one row per server machine, whatever the case of its name', async () => {
    const row = (server: string) =>
      db.kysely
        .insertInto('trace_settings')
        .values({ server, settings: '{}', ...by })
        .execute();
    await row('cc01.example');
    await expect(row('CC01.Example')).rejects.toThrow(/unique|duplicate/i);
    await expect(row('')).rejects.toThrow(/check/i);
    expect(await db.kysely.selectFrom('trace_settings').select(['server', 'version']).execute()).toEqual([
      { server: 'cc01.example', version: 1 },
    ]);
  });

  it('migration 009 fills the keys of existing users with the one function, and refuses an upgrade over case twins', async () => {
    const upTo008 = async () => {
      const d = openDb(await newTarget(engine));
      const m = new Migrator({
        db: d.kysely,
        provider: { getMigrations: async () => migrations(ALL, engine) },
        migrationTableName: 'ccm_migration',
        migrationLockTableName: 'ccm_migration_lock',
      });
      const r = await m.migrateTo('008_users');
      if (r.error) throw r.error;
      const k = d.kysely as never as Kysely<Record<string, Record<string, unknown>>>;
      const t = (
        await k
          .insertInto('tenant')
          .values({
            name: 'T',
            ...by,
            lockout_after_attempts: 5,
            cannot_reuse_last: 0,
            password_expires_days: 0,
            password_warn_days: 0,
            never_delete_synced: 0,
            allow_manual_delete_synced: 0,
            auto_restore_logon: 0,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const g = (
        await k
          .insertInto('agent_group')
          .values({ tenant_id: t, name: 'G', ...by })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const ty = (
        await k
          .insertInto('user_type')
          .values({
            tenant_id: t,
            name: 'U',
            permissions: '{}',
            is_host_admin: 0,
            scope_users_to_agent_groups: 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const add = (logon_id: string, extra: Record<string, unknown> = {}) =>
        k
          .insertInto('cc_user')
          .values({
            tenant_id: t,
            logon_id,
            first_name: '',
            last_name: '',
            agent_group_id: g,
            user_type_id: ty,
            phone_agent_logon: 0,
            dispatch_privilege: 0,
            locked: 0,
            failed_attempts: 0,
            deleted: 0,
            ...by,
            ...extra,
          })
          .execute();
      return { d, add };
    };
    const ok = await upTo008();
    await ok.add('Ärger.Öz', { external_logon_id: 'Ä@X', circuit_user: 'ÖZ@C' });
    await ok.add('plain');
    await migrateToLatest(ok.d, ALL);
    const rows = await ok.d.kysely
      .selectFrom('cc_user')
      .select(['logon_id', 'logon_key', 'external_logon_key', 'circuit_user_key'])
      .orderBy('logon_id')
      .execute();
    expect(rows).toEqual([
      { logon_id: 'plain', logon_key: 'plain', external_logon_key: null, circuit_user_key: null },
      { logon_id: 'Ärger.Öz', logon_key: 'ärger.öz', external_logon_key: 'ä@x', circuit_user_key: 'öz@c' },
    ]);
    await ok.d.close();

    const twins = await upTo008();
    await twins.add('Ärger.Öz');
    // 001's lower() index compares these as different on SQLite; PostgreSQL's lower() may fold them, so use
    // composed/decomposed forms there.
    await twins.add(engine === 'sqlite' ? 'äRGER.öZ' : 'A\u0308rger.Öz');
    await expect(migrateToLatest(twins.d, ALL)).rejects.toThrow(
      /Cannot upgrade the database: 1 pair of users share a value.*Ärger\.Öz/,
    );
    // Nothing half-done: still at 008, the old index in place.
    expect((await inspectSchema(twins.d, ALL)).version).toBe(8);
    await twins.d.close();
  });

  it('refuses a database upgraded by a newer console', async () => {
    await sql`insert into ccm_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(db.kysely);
    await expect(migrateToLatest(db, ALL)).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(migrateToLatest(db, ALL)).rejects.toThrow(/newer than this console understands/);
    await sql`delete from ccm_migration where name = '999_future'`.execute(db.kysely);
  });
});
