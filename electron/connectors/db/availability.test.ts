import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseFlags } from '../../cli/flags';
import { createKeychainStore } from '../keychain/secretStore';
import { passwordKey } from '../../services/data/dataContext';
import { ProfilesStore } from '../../services/data/profilesStore';
import { signIn, testConsoleOf, type ResultOf, type TestConsole } from '../../services/testing/harness';
import { startCore } from '../../services';
import { DEMO_ACCOUNTS } from './demoSeed';
import { openDb, type DbTarget } from './engine';
import { migrateToLatest } from './migrate';
import { mainDbParts } from '../../features';
import { seedDemo } from './demoSeed';
import { newTarget } from './testing/engines';

// Database or data folder unavailable: the answer is UNAVAILABLE naming the cause (never
// INTERNAL, never "ok" for a write that was lost), and auth.status carries it for the
// status bar. Real parts: PostgreSQL behind a TCP relay the test cuts, a SQLite file
// whose folder is removed, the immutable flag (chattr +i: it binds root too, unlike file
// modes), a user data folder removed.

/**
 * A TCP relay to PostgreSQL: `cut()` closes it and every connection through it; `resume()` listens again on
 * the same port.
 */
async function relay(to: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((inbound) => {
        const outbound = connect(to.port, to.host);
        for (const s of [inbound, outbound]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        inbound.pipe(outbound).pipe(inbound);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    resume: () => listen(port),
  };
}

function start(userDataDir: string): Promise<TestConsole> {
  const parsed = parseFlags([]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir,
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
  });
  const c = testConsoleOf(core, userDataDir);
  return core.ready.then(() => c);
}

async function seeded(target: DbTarget) {
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 5);
  await db.close();
}

vi.setConfig({ testTimeout: 120_000 }); // each test starts a console (and seeds a database) on a shared machine

const consoles: TestConsole[] = [];
const immutable: string[] = [];
afterAll(async () => {
  for (const p of immutable) spawnSync('chattr', ['-i', p]);
  for (const c of consoles) await c.stop();
});

/** A save of the tenant's password policy, with the document read while the database answered. */
let lastPolicy: ResultOf<'tenants', 'getPolicy'> | undefined;
const policyWrite = async (c: TestConsole) => {
  const read = await c.call('tenants', 'getPolicy', { tenantId: 1 });
  if (read.ok) lastPolicy = read.value;
  const res = await c.call('tenants', 'savePolicy', {
    tenantId: 1,
    expectedVersion: lastPolicy!.version,
    policy: { ...lastPolicy!.policy, lockoutAfterAttempts: 7 },
  });
  if (res.ok) lastPolicy = res.value;
  return res;
};

describe('PostgreSQL stops answering mid-session', () => {
  it('answers UNAVAILABLE naming the server, shows it in auth.status, and clears when it is back', async () => {
    const target = (await newTarget('postgres')) as Extract<DbTarget, { engine: 'postgres' }>;
    await seeded(target);
    const link = await relay(target);
    const dir = mkdtempSync(join(tmpdir(), 'ccm-unavail-'));
    const store = new ProfilesStore(dir);
    store.upsert(store.read().version, {
      id: 'test',
      name: 'Test',
      engine: 'postgres',
      host: '127.0.0.1',
      port: link.port,
      database: target.database,
      user: target.user,
      ssl: false,
    });
    await createKeychainStore().set(passwordKey('test'), target.password!);
    store.select('test');
    const c = await start(dir);
    consoles.push(c);
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    expect((await policyWrite(c)).ok).toBe(true);
    expect((await c.call('auth', 'status')).value.connection).not.toHaveProperty('unavailable');

    await link.cut();
    const read = await c.call('tenants', 'getPolicy', { tenantId: 1 });
    expect(read.error?.code).toBe('UNAVAILABLE');
    expect(read.error!.message).toMatch(
      new RegExp(`^Database unavailable: PostgreSQL at 127\\.0\\.0\\.1:${link.port} (refused|closed) the connection`),
    );
    const write = await policyWrite(c);
    expect(write.ok).toBe(false);
    expect(write.error?.code).toBe('UNAVAILABLE');
    const status = (await c.call('auth', 'status')).value.connection;
    expect(status.state).toBe('connected');
    expect(status.unavailable).toMatch(/PostgreSQL at 127\.0\.0\.1:\d+ (refused|closed) the connection/);
    await expect.poll(() => c.events('auth.changed').length, { timeout: 10_000 }).toBeGreaterThan(0);

    await link.resume();
    await expect
      .poll(async () => (await c.call('auth', 'status')).value.connection.unavailable, { timeout: 15_000 })
      .toBeUndefined();
    expect((await c.call('tenants', 'getPolicy', { tenantId: 1 })).ok).toBe(true);
  }, 120_000);
});

describe('SQLite file removed or read-only', () => {
  it('a write after the database folder was removed is refused, not "saved" into the removed file', async () => {
    const target = (await newTarget('sqlite')) as Extract<DbTarget, { engine: 'sqlite' }>;
    await seeded(target);
    const dir = mkdtempSync(join(tmpdir(), 'ccm-unavail-'));
    const store = new ProfilesStore(dir);
    store.upsert(store.read().version, { id: 'test', name: 'Test', engine: 'sqlite', file: target.file, demo: false });
    store.select('test');
    const c = await start(dir);
    consoles.push(c);
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
    expect((await policyWrite(c)).ok).toBe(true);

    rmSync(dirname(target.file), { recursive: true, force: true });
    const write = await policyWrite(c);
    expect(write.error?.code).toBe('UNAVAILABLE');
    expect(write.error!.message).toContain(
      `The database file ${target.file} was removed or replaced while the console was using it`,
    );
    expect((await c.call('auth', 'status')).value.connection.unavailable).toContain('was removed or replaced');
    expect(existsSync(target.file)).toBe(false);
  });

  it('an immutable (read-only) database file: connected for reading, every write UNAVAILABLE naming it', async () => {
    const target = (await newTarget('sqlite')) as Extract<DbTarget, { engine: 'sqlite' }>;
    await seeded(target);
    const chattr = spawnSync('chattr', ['+i', target.file]);
    expect(chattr.status, String(chattr.stderr)).toBe(0);
    immutable.push(target.file);
    const dir = mkdtempSync(join(tmpdir(), 'ccm-unavail-'));
    const store = new ProfilesStore(dir);
    store.upsert(store.read().version, { id: 'test', name: 'Test', engine: 'sqlite', file: target.file, demo: false });
    store.select('test');
    const c = await start(dir);
    consoles.push(c);
    const status = (await c.call('auth', 'status')).value.connection;
    expect(status.state).toBe('connected');
    expect(status.unavailable).toBe(`The database file ${target.file} is read-only: changes cannot be saved.`);
    // Signing in records the attempt (a write): refused with the cause, never INTERNAL.
    const res = await c.call('auth', 'signIn', {
      logonId: 'admin',
      password: DEMO_ACCOUNTS.hostAdmin.password,
      tenantId: 1,
    });
    expect(res.error?.code).toBe('UNAVAILABLE');
    expect(res.error!.message).toMatch(/read-only/);
    spawnSync('chattr', ['-i', target.file]);
  });
});

describe('user data folder unavailable', () => {
  it('preferences and connection profiles: a removed folder is UNAVAILABLE, not ok, and nothing is lost silently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-unavail-'));
    const c = await start(dir);
    consoles.push(c);
    const doc = (await c.call('prefs', 'get')).value;
    expect(
      (await c.call('prefs', 'save', { expectedVersion: doc.version, value: { ...doc.value, theme: 'dark' } })).ok,
    ).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    const saved = await c.call('prefs', 'save', {
      expectedVersion: doc.version + 1,
      value: { ...doc.value, theme: 'light' },
    });
    expect(saved.ok).toBe(false);
    expect(saved.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(saved.error!.message).toBe(
      `Could not save the preferences: the folder ${dir} was removed while the console was running. Nothing was saved; restart the console.`,
    );
    const list = (await c.call('connections', 'list')).value;
    const profile = await c.call('connections', 'save', {
      expectedVersion: list.version,
      profile: { id: '', name: 'Other', engine: 'sqlite', file: join(tmpdir(), 'x.sqlite'), demo: false },
    });
    expect(profile.error?.code).toBe('UNAVAILABLE');
  });

  it('an immutable user data folder: the save is UNAVAILABLE and the old file is kept whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccm-unavail-'));
    const c = await start(dir);
    consoles.push(c);
    const doc = (await c.call('prefs', 'get')).value;
    const first = await c.call('prefs', 'save', {
      expectedVersion: doc.version,
      value: { ...doc.value, theme: 'dark' },
    });
    expect(first.ok).toBe(true);
    const before = readFileSync(join(dir, 'preferences.json'), 'utf8');
    expect(spawnSync('chattr', ['+i', dir]).status).toBe(0);
    immutable.push(dir);
    const saved = await c.call('prefs', 'save', {
      expectedVersion: first.value.version,
      value: { ...doc.value, theme: 'light' },
    });
    expect(saved.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(saved.error!.message).toBe(
      `Could not save the preferences: the folder ${dir} cannot be written (it is read-only or its permissions forbid it). Nothing was saved.`,
    );
    spawnSync('chattr', ['-i', dir]);
    expect(readFileSync(join(dir, 'preferences.json'), 'utf8')).toBe(before);
  });
});
