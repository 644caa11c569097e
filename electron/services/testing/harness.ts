import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBatch } from '../../contract';
import { parseFlags } from '../../cli/flags';
import { seedDemo } from '../../connectors/db/demoSeed';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { mainDbParts } from '../../features';
import { newTarget, type ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore } from '../../connectors/keychain/secretStore';
import { passwordKey } from '../data/dataContext';
import { ProfilesStore } from '../data/profilesStore';
import { startCore, type Core } from '..';

export const TEST_HOST = '10.1.2.3';

export interface TestConsole {
  core: Core;
  userDataDir: string;
  /** Calls a contract method through the real router, as the signed-in user (if any). */
  call(
    service: string,
    method: string,
    args?: unknown,
  ): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string; field?: string } }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Items of one event received since start. */
  events(name: string): unknown[];
  stop(): Promise<void>;
}

export interface SeededDb {
  engine: (typeof ENGINES)[number];
  /** Writes a profile for this database (password to the real keychain) into a user data folder. */
  profileInto(userDataDir: string): Promise<void>;
}

/** A demo-seeded database on the engine: a SQLite file or a fresh PostgreSQL database. */
export async function seededDb(engine: (typeof ENGINES)[number], agents = 50): Promise<SeededDb> {
  const target = await newTarget(engine);
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, agents);
  await db.close();
  return {
    engine,
    async profileInto(dir) {
      const store = new ProfilesStore(dir);
      const f = store.read();
      if (target.engine === 'sqlite') {
        store.upsert(f.version, { id: 'test', name: 'Test', engine: 'sqlite', file: target.file, demo: false });
      } else {
        store.upsert(f.version, {
          id: 'test',
          name: 'Test',
          engine: 'postgres',
          host: target.host,
          port: target.port,
          database: target.database,
          user: target.user,
          ssl: false,
        });
        await createKeychainStore().set(passwordKey('test'), target.password!);
      }
      store.select('test');
    },
  };
}

/** A console (services + router, no window) on a seeded database, as a test drives it. */
export async function startConsole(db: SeededDb, argv: string[] = []): Promise<TestConsole> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ccm-svc-'));
  await db.profileInto(userDataDir);
  const parsed = parseFlags(argv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir,
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
  });
  const received = new Map<string, unknown[]>();
  core.bus.addSink((batch: EventBatch) => {
    for (const e of batch.events) received.set(e.name, [...(received.get(e.name) ?? []), ...e.items]);
  });
  await core.ready;
  return {
    core,
    userDataDir,
    call: (service, method, args = {}) =>
      core.router.call(service, method, args, {
        principal: core.principal(),
        origin: 'test',
        host: TEST_HOST,
      }) as never,
    events: (name) => received.get(name) ?? [],
    stop: () => core.dispose(),
  };
}

export async function signIn(c: TestConsole, logonId: string, password: string, tenantId = 1) {
  const res = await c.call('auth', 'signIn', { logonId, password, tenantId });
  if (!res.ok) throw new Error(`sign-in as ${logonId} failed: ${res.error?.message}`);
  return res.value;
}
