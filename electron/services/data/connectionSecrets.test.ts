import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { seededDb, signIn, startConsole, type ResultOf, type SeededDb, type TestConsole } from '../testing/harness';
import { passwordKey } from './dataContext';
import { ProfilesStore } from './profilesStore';

type Auth = 'cleartext' | 'md5';

/**
 * A fake PostgreSQL server on 127.0.0.1: it reads the StartupMessage (refusing an
 * SSLRequest with 'N'), answers AuthenticationCleartextPassword (R, int32 3) or
 * AuthenticationMD5Password (R, int32 5 + salt), and records every byte and message after.
 */
async function fakePostgres(auth: Auth) {
  const salt = randomBytes(4);
  const state = {
    connections: 0,
    closed: 0,
    startups: [] as Record<string, string>[],
    messages: [] as string[],
    bytes: [] as Buffer[],
  };
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    state.connections++;
    sockets.add(sock);
    let buf = Buffer.alloc(0);
    let started = false;
    sock.on('data', (chunk: Buffer) => {
      state.bytes.push(chunk);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const code = buf.readInt32BE(4);
          const body = buf.subarray(8, len);
          buf = buf.subarray(len);
          if (code === 80877103) {
            sock.write('N'); // SSLRequest: this server has no TLS
            continue;
          }
          started = true;
          const parts = body.toString('utf8').split('\0');
          const params: Record<string, string> = {};
          for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) params[parts[i]!] = parts[i + 1]!;
          state.startups.push(params);
          const r = Buffer.alloc(auth === 'cleartext' ? 9 : 13);
          r.write('R', 0);
          r.writeInt32BE(auth === 'cleartext' ? 8 : 12, 1);
          r.writeInt32BE(auth === 'cleartext' ? 3 : 5, 5);
          if (auth === 'md5') salt.copy(r, 9);
          sock.write(r);
          continue;
        }
        if (buf.length < 5) return;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) return;
        state.messages.push(String.fromCharCode(buf[0]!));
        buf = buf.subarray(len + 1);
      }
    });
    sock.on('error', () => {});
    sock.on('close', () => {
      state.closed++;
      sockets.delete(sock);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    state,
    /** Whatever arrived, as one buffer. */
    received: () => Buffer.concat(state.bytes),
    /** The password in any form it could take on the wire: as is, or pg's MD5 answer. */
    carries(password: string, user: string) {
      const inner = createHash('md5')
        .update(password + user)
        .digest('hex');
      const md5 =
        'md5' +
        createHash('md5')
          .update(Buffer.concat([Buffer.from(inner), salt]))
          .digest('hex');
      const all = this.received();
      return all.includes(Buffer.from(password)) || all.includes(Buffer.from(md5)) || all.includes(Buffer.from(inner));
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const pg = () => inject('pg');
type Doc = ResultOf<'connections', 'list'>;
const findView = (doc: Doc, name: string) => doc.profiles.find((p) => p.profile.name === name)!;
const { hostAdmin, supervisor, technician } = DEMO_ACCOUNTS;

/** Saves a PostgreSQL profile on the real server with its real password, as the admin. */
async function saveShared(c: TestConsole, name: string, over: Record<string, unknown> = {}, password = pg().password) {
  const doc = (await c.call('connections', 'list')).value as Doc;
  const res = await c.call('connections', 'save', {
    expectedVersion: doc.version,
    profile: {
      id: '',
      name,
      engine: 'postgres',
      host: pg().host,
      port: pg().port,
      database: pg().database,
      user: pg().user,
      ssl: false,
      ...over,
    },
    password,
  });
  expect(res.error).toBeUndefined();
  return findView(res.value, name).profile as {
    id: string;
    name: string;
    engine: 'postgres';
    host: string;
    port: number;
    database: string;
    user: string;
    ssl: boolean;
  };
}

describe('a stored password only goes to the server it was saved for', { timeout: 60_000 }, () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 5));
    await signIn(c, 'admin', hostAdmin.password);
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  it.each<Auth>(['cleartext', 'md5'])(
    'a fake PostgreSQL server asking for a %s password receives nothing from a stored profile re-pointed at it',
    async (auth) => {
      const fake = await fakePostgres(auth);
      try {
        const shared = await saveShared(c, `Shared ${auth}`);
        // Test Connection with the stored profile's id but the fake server's host and port, no password typed.
        const res = await c.call('connections', 'test', { profile: { ...shared, host: '127.0.0.1', port: fake.port } });
        expect(res.error).toMatchObject({ code: 'INVALID', field: 'password' });
        expect(res.error!.message).toContain(
          `The saved password is only sent to ${pg().user}@${pg().host}:${pg().port}/${pg().database}; port changed`,
        );
        expect(res.error!.message).toContain('Type the password');
        // Also the user and database alone.
        expect(
          (await c.call('connections', 'test', { profile: { ...shared, user: 'someone_else' } })).error,
        ).toMatchObject({ field: 'password' });
        expect(
          (await c.call('connections', 'test', { profile: { ...shared, database: 'other_db' } })).error,
        ).toMatchObject({ field: 'password' });
        expect(fake.state.connections).toBe(0);
        expect(fake.carries(pg().password, pg().user)).toBe(false);
        // The same profile, unchanged, still tests fine with its stored password.
        expect((await c.call('connections', 'test', { profile: shared })).value).toMatchObject({ ok: true });
      } finally {
        await fake.close();
      }
    },
  );

  it.each<Auth>(['cleartext', 'md5'])(
    'a stored profile on a server asking for a %s password without TLS: refused, the password is never sent',
    async (auth) => {
      const fake = await fakePostgres(auth);
      const secret = `Stored-${randomUUID()}`;
      try {
        // An administrator saved this profile for that server, with a password.
        const stored = await saveShared(
          c,
          `Plain ${auth}`,
          { host: '127.0.0.1', port: fake.port, user: 'ccm_plain' },
          secret,
        );
        const res = await c.call('connections', 'test', { profile: stored });
        expect(res.value).toMatchObject({ ok: false, kind: 'insecure-auth' });
        expect(res.value.message).toBe(
          `Refused: the server at 127.0.0.1:${fake.port} asked for the password ${auth === 'cleartext' ? 'in cleartext' : 'as an MD5 hash'} on a connection without TLS; the password was not sent. Turn on SSL for this connection (the server certificate is verified) or set the server to scram-sha-256.`,
        );
        await expect.poll(() => fake.state.closed).toBe(1); // hung up: nothing more can arrive
        expect(fake.state.startups).toEqual([expect.objectContaining({ user: 'ccm_plain' })]);
        expect(fake.state.messages.filter((m) => m === 'p')).toEqual([]); // no PasswordMessage at all
        expect(fake.carries(secret, 'ccm_plain')).toBe(false);
        // A typed password is refused the same way.
        const typed = await c.call('connections', 'test', {
          profile: { ...stored, id: '' },
          password: 'Typed#secret1',
        });
        expect(typed.value).toMatchObject({ ok: false, kind: 'insecure-auth' });
        await expect.poll(() => fake.state.closed).toBe(2);
        expect(fake.carries('Typed#secret1', 'ccm_plain')).toBe(false);
        expect(fake.state.messages.filter((m) => m === 'p')).toEqual([]);
      } finally {
        await fake.close();
      }
    },
  );

  it('save: changing host, port, user or database, or turning SSL off, needs the password again', async () => {
    const shared = await saveShared(c, 'Moving');
    const saveAs = async (profile: Record<string, unknown>, password?: string) => {
      const doc = (await c.call('connections', 'list')).value as Doc;
      return c.call('connections', 'save', {
        expectedVersion: doc.version,
        profile: { ...shared, ...profile },
        password,
      });
    };
    for (const change of [
      { host: 'db-elsewhere.example' },
      { port: 1 },
      { user: 'other' },
      { database: 'other' },
      { ssl: false },
    ]) {
      if ('ssl' in change) {
        // SSL on first (allowed: stronger), then off (a downgrade).
        expect((await saveAs({ ssl: true })).error).toBeUndefined();
        Object.assign(shared, { ssl: true });
      }
      const res = await saveAs(change);
      expect(res.error, JSON.stringify(change)).toMatchObject({ code: 'INVALID', field: 'password' });
      expect(res.error!.message).toMatch(/^Type the password again: the saved one is only sent to /);
    }
    const file = () => readFileSync(join(c.userDataDir, 'connections.json'), 'utf8');
    expect(JSON.parse(file()).profiles.find((p: { id: string }) => p.id === shared.id)).toMatchObject({
      host: pg().host,
      port: pg().port,
      user: pg().user,
      database: pg().database,
    });
    expect(await createKeychainStore().get(passwordKey(shared.id))).toBe(pg().password);
    // A new name alone keeps the password; a new host with the password typed again is fine.
    expect(findView((await saveAs({ name: 'Moving (renamed)' })).value, 'Moving (renamed)').passwordSet).toBe(true);
    Object.assign(shared, { name: 'Moving (renamed)' });
    const moved = await saveAs({ host: 'db-elsewhere.example', ssl: false }, 'New#password1');
    expect(findView(moved.value, 'Moving (renamed)').passwordSet).toBe(true);
    expect(await createKeychainStore().get(passwordKey(shared.id))).toBe('New#password1');
    // With the password cleared first, the profile can be re-pointed without one.
    await c.call('connections', 'clearPassword', { id: shared.id });
    expect((await saveAs({ host: 'db-third.example', ssl: false })).error).toBeUndefined();
  });

  it('addFromUrl cannot take over a stored profile: a new profile gets only the URL’s password', async () => {
    const fake = await fakePostgres('cleartext');
    try {
      const shared = await saveShared(c, 'Target of URL');
      const doc = (await c.call('connections', 'list')).value as Doc;
      const same = await c.call('connections', 'addFromUrl', {
        expectedVersion: doc.version,
        name: 'Target of URL',
        url: `postgres://${pg().user}@127.0.0.1:${fake.port}/${pg().database}`,
      });
      expect(same.error).toMatchObject({ code: 'INVALID', field: 'name' });
      const added = await c.call('connections', 'addFromUrl', {
        expectedVersion: doc.version,
        name: 'URL copy',
        url: `postgres://${pg().user}@127.0.0.1:${fake.port}/${pg().database}`,
      });
      const view = findView(added.value, 'URL copy');
      expect(view.passwordSet).toBe(false);
      expect(view.profile.id).not.toBe(shared.id);
      // Testing it sends nothing of the other profile's password (and nothing at all to a cleartext request).
      expect((await c.call('connections', 'test', { profile: view.profile })).value).toMatchObject({
        ok: false,
        kind: 'insecure-auth',
      });
      await expect.poll(() => fake.state.closed).toBe(1);
      expect(fake.carries(pg().password, pg().user)).toBe(false);
      expect(fake.state.messages.filter((m) => m === 'p')).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('save with an id that is not stored is refused (no stale keychain entry can be picked up)', async () => {
    const doc = (await c.call('connections', 'list')).value as Doc;
    const res = await c.call('connections', 'save', {
      expectedVersion: doc.version,
      profile: {
        id: 'no-such-id',
        name: 'Ghost',
        engine: 'postgres',
        host: '127.0.0.1',
        port: 1,
        database: 'x',
        user: 'x',
        ssl: false,
      },
    });
    expect(res.error).toMatchObject({ code: 'NOT_FOUND', field: 'profile.id' });
  });
});

describe('/brokername: and /brokerport: never get the stored password', { timeout: 60_000 }, () => {
  it('the flags point the profile at a fake server: nothing is sent until the user types the password', async () => {
    const fake = await fakePostgres('cleartext');
    const id = `shared-${randomUUID()}`;
    const seeded: SeededDb = {
      engine: 'postgres',
      async profileInto(dir) {
        const store = new ProfilesStore(dir);
        store.upsert(store.read().version, {
          id,
          name: 'Shared',
          engine: 'postgres',
          host: pg().host,
          port: pg().port,
          database: pg().database,
          user: pg().user,
          ssl: false,
        });
        store.select(id);
        await createKeychainStore().set(passwordKey(id), pg().password);
      },
    };
    const c = await startConsole(seeded, ['/brokername:127.0.0.1', `/brokerport:${fake.port}`]);
    try {
      const status = (await c.call('auth', 'status')).value;
      expect(status.connection).toMatchObject({ state: 'error', profileId: id });
      expect(status.connection.message).toBe(
        `The saved password is only sent to ${pg().user}@${pg().host}:${pg().port}/${pg().database}; /brokername: and /brokerport: point this profile at ${pg().user}@127.0.0.1:${fake.port}/${pg().database} for this run. Type the password to use it there (it is not saved).`,
      );
      // Connect again, and Test Connection: still nothing.
      expect((await c.call('connections', 'connect', { id })).value).toMatchObject({ state: 'error' });
      const list = (await c.call('connections', 'list')).value as Doc;
      const view = list.profiles.find((p) => p.profile.id === id)!;
      expect((await c.call('connections', 'test', { profile: view.profile })).error).toMatchObject({
        code: 'INVALID',
        field: 'password',
      });
      expect(fake.state.connections).toBe(0);
      expect(fake.carries(pg().password, pg().user)).toBe(false);
      // Typed by the user: it goes to the override host (which refuses a cleartext request without TLS here).
      const typed = (await c.call('connections', 'connect', { id, password: 'Typed#1' })).value;
      expect(typed).toMatchObject({ state: 'error' });
      expect(typed.message).toMatch(/^Refused: the server at 127\.0\.0\.1:\d+ asked for the password in cleartext/);
      expect(fake.state.messages.filter((m) => m === 'p')).toEqual([]);
      expect(await createKeychainStore().get(passwordKey(id))).toBe(pg().password); // not replaced by the typed one
    } finally {
      await c.stop();
      await fake.close();
    }
  });

  it('with the password typed, the override host is used (and the saved password is not needed)', async () => {
    const id = `shared-${randomUUID()}`;
    const seeded: SeededDb = {
      engine: 'postgres',
      async profileInto(dir) {
        const store = new ProfilesStore(dir);
        store.upsert(store.read().version, {
          id,
          name: 'Elsewhere',
          engine: 'postgres',
          host: 'db-unreachable.invalid',
          port: 1,
          database: pg().database,
          user: pg().user,
          ssl: false,
        });
        store.select(id);
        await createKeychainStore().set(passwordKey(id), 'Not-the-password#1');
      },
    };
    const c = await startConsole(seeded, [`/brokername:${pg().host}`, `/brokerport:${pg().port}`]);
    try {
      expect((await c.call('auth', 'status')).value.connection).toMatchObject({ state: 'error' });
      const state = (await c.call('connections', 'connect', { id, password: pg().password })).value;
      expect(state).toMatchObject({
        state: 'connected',
        label: `Elsewhere (PostgreSQL ${pg().user}@${pg().host}:${pg().port}/${pg().database})`,
      });
      expect(await createKeychainStore().get(passwordKey(id))).toBe('Not-the-password#1');
    } finally {
      await c.stop();
      await createKeychainStore().clear(passwordKey(id));
    }
  });
});

describe('changing the connection profiles needs System read-write', { timeout: 60_000 }, () => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb('sqlite', 5));
  }); // vitest.config.ts hookTimeout (120 s): room for a loaded machine
  afterAll(async () => c.stop());

  const list = async () => (await c.call('connections', 'list')).value as Doc;
  const tryAll = async (id: string) => {
    const doc = await list();
    const view = doc.profiles.find((p) => p.profile.id === id)!;
    return {
      change: (
        await c.call('connections', 'save', {
          expectedVersion: doc.version,
          profile: { ...view.profile, name: `${view.profile.name}!` },
        })
      ).error?.code,
      add: (
        await c.call('connections', 'save', {
          expectedVersion: doc.version,
          profile: { id: '', name: `New ${randomUUID()}`, engine: 'sqlite', file: '/tmp/x.sqlite', demo: false },
        })
      ).error?.code,
      url: (
        await c.call('connections', 'addFromUrl', {
          expectedVersion: doc.version,
          name: `Url ${randomUUID()}`,
          url: 'postgres://u:p@db01/x',
        })
      ).error?.code,
      remove: (await c.call('connections', 'remove', { expectedVersion: doc.version, id })).error?.code,
      clear: (await c.call('connections', 'clearPassword', { id })).error?.code,
    };
  };

  it('the first server profile of a fresh install: anyone may add it, nothing else', async () => {
    // No PostgreSQL profile yet: adding one is open (the sign-in screen needs it)…
    const doc = await list();
    expect(doc.profiles.every((p) => p.profile.engine === 'sqlite')).toBe(true);
    const demo = doc.profiles.find((p) => p.profile.engine === 'sqlite')!;
    // …but not changing, removing or clearing an existing profile.
    expect(
      (
        await c.call('connections', 'save', {
          expectedVersion: doc.version,
          profile: { ...demo.profile, name: 'Renamed' },
        })
      ).error,
    ).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(
      (await c.call('connections', 'remove', { expectedVersion: doc.version, id: demo.profile.id })).error,
    ).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await c.call('connections', 'clearPassword', { id: demo.profile.id })).error).toMatchObject({
      code: 'NOT_SIGNED_IN',
    });
    const first = await c.call('connections', 'addFromUrl', {
      expectedVersion: doc.version,
      name: 'First server',
      url: 'postgres://u:first-secret@db01:5432/x',
    });
    expect(first.error).toBeUndefined();
    const firstId = findView(first.value, 'First server').profile.id;
    // Now a server profile exists: the exception is closed, for adding too.
    const after = await list();
    const second = await c.call('connections', 'addFromUrl', {
      expectedVersion: after.version,
      name: 'Second server',
      url: 'postgres://u@127.0.0.1:1/x',
    });
    expect(second.error).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(second.error!.message).toBe(
      'Sign in first: adding a connection profile needs a user with System read-write.',
    );
    const replace = await c.call('connections', 'save', {
      expectedVersion: after.version,
      profile: {
        id: firstId,
        name: 'First server',
        engine: 'postgres',
        host: '127.0.0.1',
        port: 1,
        database: 'x',
        user: 'u',
        ssl: false,
      },
      password: 'attacker-chosen',
    });
    expect(replace.error).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await createKeychainStore().get(passwordKey(firstId))).toBe('first-secret');
    expect(await tryAll(firstId)).toEqual({
      change: 'NOT_SIGNED_IN',
      add: 'NOT_SIGNED_IN',
      url: 'NOT_SIGNED_IN',
      remove: 'NOT_SIGNED_IN',
      clear: 'NOT_SIGNED_IN',
    });
  });

  it.each([
    ['supervisor', supervisor.password],
    ['tech', technician.password],
  ])('signed in as %s (no System read-write): refused', async (logonId, password) => {
    const id = (await list()).profiles.find((p) => p.profile.engine === 'postgres')!.profile.id;
    await signIn(c, logonId, password);
    try {
      expect(await tryAll(id)).toEqual({
        change: 'FORBIDDEN',
        add: 'FORBIDDEN',
        url: 'FORBIDDEN',
        remove: 'FORBIDDEN',
        clear: 'FORBIDDEN',
      });
    } finally {
      await c.call('auth', 'signOut');
    }
  });

  it('signed in as admin: allowed', async () => {
    const id = (await list()).profiles.find((p) => p.profile.engine === 'postgres')!.profile.id;
    await signIn(c, 'admin', hostAdmin.password);
    try {
      const doc = await list();
      const view = doc.profiles.find((p) => p.profile.id === id)!;
      expect((await c.call('connections', 'clearPassword', { id })).ok).toBe(true);
      const renamed = await c.call('connections', 'save', {
        expectedVersion: doc.version,
        profile: { ...view.profile, name: 'Renamed server' },
      });
      expect(renamed.error).toBeUndefined();
      const url = await c.call('connections', 'addFromUrl', {
        expectedVersion: renamed.value.version,
        name: 'Another',
        url: 'postgres://u@127.0.0.1:1/x',
      });
      expect(url.error).toBeUndefined();
      expect((await c.call('connections', 'remove', { expectedVersion: url.value.version, id })).ok).toBe(true);
    } finally {
      await c.call('auth', 'signOut');
    }
  });
});

describe(
  'the embedded demo’s administrator (a published password) cannot change the profiles',
  { timeout: 60_000 },
  () => {
    /** A console whose profile in use is the embedded demo, or a SQLite profile on the demo's file. */
    const onDemo = async (asDemoFlag: boolean) => {
      const source = await seededDb('sqlite', 5);
      const seeded: SeededDb = {
        engine: 'sqlite',
        async profileInto(dir) {
          await source.profileInto(dir); // writes the seeded file's profile "test"
          const store = new ProfilesStore(dir);
          const f = store.read();
          const seededFile = (f.profiles.find((p) => p.id === 'test') as { file: string }).file;
          const demoFile = store.demoProfile().file;
          copyFileSync(seededFile, demoFile);
          if (asDemoFlag) {
            store.select(store.demoProfile().id);
          } else {
            store.upsert(f.version, {
              id: 'copy',
              name: 'Looks harmless',
              engine: 'sqlite',
              file: join(dir, '.', 'demo.sqlite'),
              demo: false,
            });
            store.select('copy');
          }
          const g = store.read();
          store.upsert(g.version, {
            id: 'srv',
            name: 'Server',
            engine: 'postgres',
            host: 'db01',
            port: 5432,
            database: 'x',
            user: 'u',
            ssl: false,
          });
        },
      };
      return startConsole(seeded);
    };

    it.each([true, false])('demo profile in use (flagged as the demo: %s): admin is refused', async (flag) => {
      const c = await onDemo(flag);
      try {
        await signIn(c, 'admin', hostAdmin.password);
        const doc = (await c.call('connections', 'list')).value as Doc;
        const res = await c.call('connections', 'clearPassword', { id: 'srv' });
        expect(res.error).toMatchObject({ code: 'FORBIDDEN' });
        expect(res.error!.message).toBe(
          "Clearing a connection password needs a user with System read-write on a server database; the embedded demo's accounts do not count.",
        );
        const srv = doc.profiles.find((p) => p.profile.id === 'srv')!;
        expect(
          (
            await c.call('connections', 'save', {
              expectedVersion: doc.version,
              profile: { ...srv.profile, name: 'x' },
            })
          ).error,
        ).toMatchObject({ code: 'FORBIDDEN' });
        expect(
          (await c.call('connections', 'remove', { expectedVersion: doc.version, id: 'srv' })).error,
        ).toMatchObject({ code: 'FORBIDDEN' });
      } finally {
        await c.stop();
      }
    });
  },
);
