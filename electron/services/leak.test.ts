import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../connectors/db/demoSeed';
import { seededDb, signIn, startConsole } from './testing/harness';

function filesUnder(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  return readdirSync(path).flatMap((n) => filesUnder(join(path, n)));
}

/** Every place a secret could end up on disk, searched as UTF-8 and UTF-16 bytes. */
function findSecret(paths: string[], secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  return paths.flatMap(filesUnder).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

// Sets known secrets through the real flows — the /password: flag, a server connection's
// password, a password set by an administrator, one changed by its user, one mistyped at
// sign-in — then searches the database file, the config folder and the logs for them.
describe('no secret leaks to disk, logs or the renderer', () => {
  it('finds none of them anywhere', async () => {
    const db = await seededDb('sqlite', 10);
    const flagSecret = `Flag-${Math.random().toString(36).slice(2)}#1`;
    const adminSet = `AdminSet-${Math.random().toString(36).slice(2)}#1`;
    const changed = `Changed-${Math.random().toString(36).slice(2)}#1`;
    const mistyped = `Mistyped-${Math.random().toString(36).slice(2)}#1`;
    const pgPassword = inject('pg').password;
    const secrets = [flagSecret, adminSet, changed, mistyped, pgPassword];

    // 1. /password: on the command line (a wrong one: it is logged as a failed sign-in).
    const c = await startConsole(db, ['/user:admin', `/password:${flagSecret}`, '/tenantid:1']);
    const renderer: unknown[] = [];
    renderer.push((await c.call('auth', 'status')).value, (await c.call('app', 'getLaunchOptions')).value);

    // 2. A server connection's password, saved through the connection manager and used.
    const list = (await c.call('connections', 'list')).value;
    const pg = inject('pg');
    const saved = await c.call('connections', 'save', {
      expectedVersion: list.version,
      profile: {
        id: '',
        name: 'Shared server',
        engine: 'postgres',
        host: pg.host,
        port: pg.port,
        database: pg.database,
        user: pg.user,
        ssl: false,
      },
      password: pgPassword,
    });
    expect(saved.ok).toBe(true);
    renderer.push(saved.value, (await c.call('connections', 'list')).value);
    const shared = saved.value.profiles.find(
      (p: { profile: { name: string } }) => p.profile.name === 'Shared server',
    )!.profile;
    renderer.push((await c.call('connections', 'test', { profile: shared })).value);

    // 3. A mistyped password at sign-in, then the right one.
    await c.call('auth', 'signIn', { logonId: 'supervisor', password: mistyped, tenantId: 1 });
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);

    // 4. An administrator sets a user's password.
    const tech = (await c.call('users', 'page', { search: 'tech' })).value.rows[0];
    const set = await c.call('users', 'setPassword', {
      id: tech!.id,
      expectedVersion: tech!.version,
      password: adminSet,
    });
    expect(set.ok).toBe(true);
    renderer.push(set.value);
    await c.call('auth', 'signOut');

    // 5. The user changes it.
    const ch = await c.call('auth', 'changePassword', {
      logonId: 'tech',
      tenantId: 1,
      currentPassword: adminSet,
      newPassword: changed,
    });
    expect(ch.ok).toBe(true);
    renderer.push(ch.value);
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    renderer.push(
      (await c.call('audit', 'query', { limit: 1000 })).value,
      (await c.call('audit', 'exportCsv', {})).value,
    );
    await c.stop();

    const places = [c.userDataDir];
    // The seeded SQLite file (with its -wal and -shm) lives next to the harness's target.
    const target = JSON.parse(readFileSync(join(c.userDataDir, 'connections.json'), 'utf8')).profiles.find(
      (p: { id: string }) => p.id === 'test',
    ).file as string;
    places.push(dirname(target));

    for (const secret of secrets) {
      expect(findSecret(places, secret), `on disk: ${secret === pgPassword ? 'server password' : secret}`).toEqual([]);
      expect(JSON.stringify(renderer), 'sent to the renderer').not.toContain(secret);
    }
    // The search itself works: the log file and database are really there and non-empty.
    expect(filesUnder(places[0]!).some((f) => f.endsWith('console.log'))).toBe(true);
    expect(filesUnder(places[1]!).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(findSecret(places, 'supervisor').length).toBeGreaterThan(0);
    // Five real sign-ins (scrypt) and a seeded database: a ceiling for a heavily loaded machine, not a wait.
  }, 180_000);
});
