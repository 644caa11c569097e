import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest, schemaVersion } from '../../connectors/db/migrate';
import { mainDbParts } from '../../features';
import { createDatabase } from '../../connectors/db/testing/postgresServer';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';
import { passwordKey } from './dataContext';

const SCHEMA_VERSION = schemaVersion(mainDbParts.migrations);

// The connection manager against a real PostgreSQL server and the real keychain.
describe('connection manager', () => {
  let c: TestConsole;
  const pg = () => inject('pg');
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 5));
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  const pgProfile = (over: Record<string, unknown> = {}) => ({
    id: '',
    name: 'Shared',
    engine: 'postgres' as const,
    host: pg().host,
    port: pg().port,
    database: pg().database,
    user: pg().user,
    ssl: false,
    ...over,
  });
  const test = async (profile: unknown, password?: string) =>
    (await c.call('connections', 'test', { profile: profile as never, password })).value;

  it('Test Connection: unreachable server', async () => {
    const r = await test(pgProfile({ port: 1 }), 'x');
    expect(r).toMatchObject({ ok: false, kind: 'unreachable' });
    expect(r.message).toMatch(/^Unreachable: no PostgreSQL server answered at 127\.0\.0\.1:1/);
  });

  it('Test Connection: bad credentials', async () => {
    const r = await test(pgProfile(), 'wrong-password');
    expect(r).toMatchObject({ ok: false, kind: 'bad-credentials' });
    expect(r.message).toMatch(/Bad credentials.*user "ccm"/);
    expect(r.message).not.toContain('wrong-password');
  });

  it('Test Connection: missing database, empty database, current schema', async () => {
    expect(await test(pgProfile({ database: 'no_such_db' }), pg().password)).toMatchObject({
      ok: false,
      kind: 'no-database',
    });
    const empty = await createDatabase(pg());
    expect(await test(pgProfile({ database: empty.database }), pg().password)).toMatchObject({
      ok: true,
      kind: 'new-database',
    });
    const db = openDb({ engine: 'postgres', ...empty });
    await migrateToLatest(db, mainDbParts.migrations);
    expect(await test(pgProfile({ database: empty.database }), pg().password)).toMatchObject({
      ok: true,
      kind: 'ok',
      message: `Connected. Schema version ${SCHEMA_VERSION} (current).`,
    });
    // Wrong schema version: a newer console upgraded it.
    await sql`insert into ccm_migration (name, timestamp) values ('999_future', '2030-01-01')`.execute(db.kysely);
    await db.close();
    const wrong = await test(pgProfile({ database: empty.database }), pg().password);
    expect(wrong).toMatchObject({ ok: false, kind: 'wrong-schema' });
    expect(wrong.message).toContain(
      `Wrong schema version: the database is at version ${SCHEMA_VERSION + 1}, newer than this console (${SCHEMA_VERSION})`,
    );
  });

  it('Test Connection: a file that is not SQLite', async () => {
    const file = join(c.userDataDir, 'not-a-db.sqlite');
    writeFileSync(file, 'hello, I am text');
    expect(await test({ id: '', name: 'x', engine: 'sqlite', file, demo: false })).toMatchObject({
      ok: false,
      message: `${file} is not a SQLite database.`,
    });
  });

  it('a profile from a URL keeps its password in the keychain, never in the file', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const doc = (await c.call('connections', 'list')).value;
    expect(doc.keychain).toEqual({ ok: true });
    const url = `postgres://${pg().user}:${encodeURIComponent(pg().password)}@${pg().host}:${pg().port}/${pg().database}`;
    const saved = await c.call('connections', 'addFromUrl', { expectedVersion: doc.version, name: 'From URL', url });
    const view = saved.value.profiles.find((p: { profile: { name: string } }) => p.profile.name === 'From URL');
    expect(view!.passwordSet).toBe(true);
    expect(JSON.stringify(saved.value)).not.toContain(pg().password);
    expect(readFileSync(join(c.userDataDir, 'connections.json'), 'utf8')).not.toContain(pg().password);
    expect(await createKeychainStore().get(passwordKey(view!.profile.id))).toBe(pg().password);
    // Test Connection uses the keychain's password when none is typed.
    expect(await test(view!.profile)).toMatchObject({ ok: true });
    const cleared = await c.call('connections', 'clearPassword', { id: view!.profile.id });
    expect(
      cleared.value.profiles.find((p: { profile: { id: string } }) => p.profile.id === view!.profile.id)!.passwordSet,
    ).toBe(false);
    await c.call('auth', 'signOut');
  });

  it('refuses bad profiles with the field and the rule', async () => {
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    const doc = (await c.call('connections', 'list')).value;
    expect(
      (await c.call('connections', 'save', { expectedVersion: doc.version, profile: pgProfile({ port: 70000 }) }))
        .error,
    ).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'profile.port' });
    expect(
      (await c.call('connections', 'addFromUrl', { expectedVersion: doc.version, name: 'x', url: 'mysql://a@b/c' }))
        .error,
    ).toMatchObject({ code: 'BAD_ARGUMENTS', field: 'url' });
    expect(
      (
        await c.call('connections', 'addFromUrl', {
          expectedVersion: doc.version,
          name: 'x',
          url: 'postgres://host/db',
        })
      ).error,
    ).toMatchObject({ code: 'INVALID', field: 'url' });
    expect(
      (await c.call('connections', 'save', { expectedVersion: doc.version - 1, profile: pgProfile({ name: 'Stale' }) }))
        .error,
    ).toMatchObject({ code: 'CONFLICT' });
    await c.call('auth', 'signOut');
  });
});

describe('/brokername: and /brokerport: override the selected profile', () => {
  it('connects to the overriding host and port with the password typed, and says so', async () => {
    const server = inject('pg');
    const target = await createDatabase(server);
    const db = openDb({ engine: 'postgres', ...target });
    await migrateToLatest(db, mainDbParts.migrations);
    await db.close();
    const id = `shared-${randomUUID()}`;
    // The profile points at a dead port; the flags point at the real server.
    const seeded = {
      engine: 'postgres' as const,
      async profileInto(dir: string) {
        const { ProfilesStore } = await import('./profilesStore');
        const store = new ProfilesStore(dir);
        store.upsert(store.read().version, {
          id,
          name: 'Shared',
          engine: 'postgres',
          host: 'db-unreachable.invalid',
          port: 1,
          database: target.database,
          user: target.user,
          ssl: false,
        });
        store.select(id);
        await createKeychainStore().set(passwordKey(id), target.password);
      },
    };
    const c = await startConsole(seeded, [`/brokername:${server.host}`, `/brokerport:${server.port}`]);
    const label = `Shared (PostgreSQL ${target.user}@${server.host}:${server.port}/${target.database})`;
    // The stored password belongs to db-unreachable.invalid:1: it is not sent to the flags' host.
    const status = (await c.call('auth', 'status')).value;
    expect(status.connection).toMatchObject({ state: 'error', label });
    expect(status.connection.message).toMatch(/^The saved password is only sent to .*@db-unreachable\.invalid:1\//);
    // Typed by the user, it is used for this run (and not stored).
    expect((await c.call('connections', 'connect', { id, password: target.password })).value).toMatchObject({
      state: 'connected',
      label,
    });
    const list = (await c.call('connections', 'list')).value;
    expect(list.profiles.find((p: { profile: { id: string } }) => p.profile.id === id)!.overriddenBy).toBe(
      `/brokername:${server.host} /brokerport:${server.port}`,
    );
    await c.stop();

    // Without the flags the same profile fails, with the reason.
    const plain = await startConsole(seeded);
    expect((await plain.call('auth', 'status')).value.connection).toMatchObject({ state: 'error' });
    expect((await plain.call('auth', 'status')).value.connection.message).toMatch(/Unreachable/);
    expect((await plain.call('users', 'page', {})).error?.code).toBe('NOT_SIGNED_IN');
    await plain.stop();
    await createKeychainStore().clear(passwordKey(id));
  });
});
