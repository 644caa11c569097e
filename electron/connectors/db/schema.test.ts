import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './engine';
import { inspectSchema, migrateToLatest, SCHEMA_VERSION, SchemaVersionError } from './migrate';
import { ENGINES, newMigratedDb } from './testing/engines';
import { OBJECT_TYPE } from './schema';

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
    tenant = (await k.insertInto('tenant').values({ name: 'T', ...by, lockout_after_attempts: 5, cannot_reuse_last: 0, password_expires_days: 0, password_warn_days: 0, never_delete_synced: 0, allow_manual_delete_synced: 0, auto_restore_logon: 0 }).returning('id').executeTakeFirstOrThrow()).id;
    group = (await k.insertInto('agent_group').values({ tenant_id: tenant, name: 'G', ...by }).returning('id').executeTakeFirstOrThrow()).id;
    type = (await k.insertInto('user_type').values({ tenant_id: tenant, name: 'U', permissions: '{}', is_host_admin: 0, scope_users_to_agent_groups: 0, ...by }).returning('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => db.close());

  const user = (logon_id: string, extra: Record<string, unknown> = {}) =>
    db.kysely
      .insertInto('cc_user')
      .values({ tenant_id: tenant, logon_id, first_name: '', last_name: '', agent_group_id: group, user_type_id: type, phone_agent_logon: 0, dispatch_privilege: 0, locked: 0, failed_attempts: 0, deleted: 0, directory_number: null, external_logon_id: null, chat_display_name: null, circuit_user: null, sync_id: null, personal_default_destination: null, password_hash: null, password_changed_at: null, lock_reason: null, locked_at: null, locked_by_host: null, last_logon_at: null, ...by, ...extra })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('is at the latest schema version', async () => {
    expect(await inspectSchema(db)).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION, unknown: [] });
    expect(await migrateToLatest(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION }); // idempotent
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

  it('refuses a user in an agent group that does not exist (foreign key)', async () => {
    await expect(user('orphan', { agent_group_id: 999999 })).rejects.toThrow(/foreign key/i);
  });

  it('object_tag: the same tenant cannot have two tags with the same name and type', async () => {
    const tag = (name: string, t: number) =>
      db.kysely.insertInto('object_tag').values({ name, type: t, tenant_id: tenant, sa_enabled: 1, sg_enabled: 0, agent_enabled: 1, dialednumber_enabled: 0, ...by }).returning('id').executeTakeFirstOrThrow();
    const first = await tag('Region', 1);
    await tag('Region', 0); // same name, other type: allowed
    await expect(tag('Region', 1)).rejects.toThrow(/unique|duplicate/i);
    await expect(tag('x'.repeat(101), 1)).rejects.toThrow(/check|too long/i);

    // object_tag_mapping: (object_tag_id, object_type, object_id) unique; object_type from the seed's list.
    const map = (object_type: number, object_id: number) =>
      db.kysely.insertInto('object_tag_mapping').values({ object_tag_id: first.id, object_tag_value: 'North', object_id, object_type }).execute();
    await map(OBJECT_TYPE.agent, 1);
    await map(OBJECT_TYPE.serviceAccess, 1);
    await expect(map(OBJECT_TYPE.agent, 1)).rejects.toThrow(/unique|duplicate/i);
    await expect(map(0x0300, 2)).rejects.toThrow(/check/i);
  });

  it('dialed numbers: unique in the tenant, 1 to 50 characters of any kind', async () => {
    const dn = (number: string) => db.kysely.insertInto('dialed_number').values({ tenant_id: tenant, number, ...by }).execute();
    await dn('+1 (613) 555-0100 ext. #2');
    await expect(dn('+1 (613) 555-0100 ext. #2')).rejects.toThrow(/unique|duplicate/i);
    await expect(dn('9'.repeat(51))).rejects.toThrow(/check|too long/i);
    await expect(dn('')).rejects.toThrow(/check/i);
  });

  it('Personal Calls only on a Voice – Manual Routing service group', async () => {
    const sg = (name: string, media_type: 'voice' | 'email', routing: 'manual' | 'automatic', personal_calls: number) =>
      db.kysely.insertInto('service_group').values({ tenant_id: tenant, name, media_type, routing, personal_calls, display_in_dispatch: 0, max_wait_personal_sec: 30, open_rule: 'logged_on', response_file_id: null, caller_id_id: null, agents_may_change_caller_id: 0, ...by }).execute();
    await sg('Personal', 'voice', 'manual', 1);
    await expect(sg('Auto personal', 'voice', 'automatic', 1)).rejects.toThrow(/check/i);
    await expect(sg('Mail personal', 'email', 'manual', 1)).rejects.toThrow(/check/i);
  });

  it('phone_agent_logon keeps the seed columns and needs a real call manager', async () => {
    const u = await user('phone1');
    const cm = await db.kysely.insertInto('site_server_param').values({ tenant_id: tenant, name: 'OAS1', server_type: 'OAS', host: 'oas1', port: 7001, ...by }).returning('id').executeTakeFirstOrThrow();
    await db.kysely.insertInto('phone_agent_logon').values({ agent_id: u.id, tenant_id: tenant, call_manager_id: cm.id, phone_num: '5500', ready_status: 1, priority_logon: 0, time_stamp: now }).execute();
    await expect(
      db.kysely.insertInto('phone_agent_logon').values({ agent_id: (await user('phone2')).id, tenant_id: tenant, call_manager_id: 424242, phone_num: '5501', ready_status: 0, priority_logon: 0, time_stamp: now }).execute(),
    ).rejects.toThrow(/foreign key/i);
    const cols = (await db.kysely.introspection.getTables()).find((t) => t.name === 'phone_agent_logon')!.columns.map((c) => c.name);
    expect(cols.sort()).toEqual(['agent_id', 'call_manager_id', 'phone_num', 'priority_logon', 'ready_status', 'tenant_id', 'time_stamp']);
  });

  it('trace_settings: one row per server machine, whatever the case of its name', async () => {
    const row = (server: string) => db.kysely.insertInto('trace_settings').values({ server, settings: '{}', ...by }).execute();
    await row('cc01.example');
    await expect(row('CC01.Example')).rejects.toThrow(/unique|duplicate/i);
    await expect(row('')).rejects.toThrow(/check/i);
    expect((await db.kysely.selectFrom('trace_settings').select(['server', 'version']).execute())).toEqual([{ server: 'cc01.example', version: 1 }]);
  });

  it('refuses a database upgraded by a newer console', async () => {
    await sql`insert into ccm_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(db.kysely);
    await expect(migrateToLatest(db)).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(migrateToLatest(db)).rejects.toThrow(/newer than this console understands/);
    await sql`delete from ccm_migration where name = '999_future'`.execute(db.kysely);
  });
});
