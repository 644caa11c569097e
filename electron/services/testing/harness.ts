import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildClient,
  contract,
  type CcmClient,
  type CcmErrorShape,
  type Contract,
  type EventBatch,
} from '../../contract';
import { parseFlags } from '../../cli/flags';
import { seedDemo } from '../../connectors/db/demoSeed';
import { openDb } from '../../connectors/db/engine';
import { migrateToLatest } from '../../connectors/db/migrate';
import { mainDbParts } from '../../features';
import { newTarget, type ENGINES } from '../../connectors/db/testing/engines';
import { createKeychainStore, KeychainUnavailableError, type SecretStore } from '../../connectors/keychain/secretStore';
import { passwordKey } from '../data/dataContext';
import { ProfilesStore } from '../data/profilesStore';
import type { DesktopPort } from '../deps';
import { startCore, type Core } from '..';

export const TEST_HOST = '10.1.2.3';

/** The contract's client, as the renderer holds it (every method returns the envelope). */
export type TestClient = CcmClient<Contract>;
type Service = keyof Contract & string;
type Method<S extends Service> = keyof TestClient[S] & string;
type MethodFn<S extends Service, M extends Method<S>> = TestClient[S][M] extends (args: infer A) => Promise<infer E>
  ? { args: A; envelope: E }
  : never;
/** A method's arguments as the contract's zod schema takes them (z.input). */
export type ArgsOf<S extends Service, M extends Method<S>> = MethodFn<S, M>['args'];
/** A method's result as the contract's zod schema returns it (z.output). */
export type ResultOf<S extends Service, M extends Method<S>> =
  Extract<MethodFn<S, M>['envelope'], { ok: true }> extends { value: infer V } ? V : never;
/**
 * What `call` answers: the envelope with `value` typed from the contract. `value` is only
 * there when `ok`; tests check `ok` (or `error`) first, so it is not optional here.
 */
export interface TestResult<T> {
  ok: boolean;
  value: T;
  error?: CcmErrorShape;
}

export interface TestConsole {
  core: Core;
  userDataDir: string;
  /** The contract's typed client over an in-process transport: the real router, as the signed-in user (if any). */
  client: TestClient;
  /**
   * Calls a contract method through the real router, as the signed-in user (if any). Typed from
   * the contract: a wrong service, method or argument is a compile error. Arguments may be left
   * out when the method's schema accepts `{}`. A test that sends wrong arguments on purpose
   * (to prove the zod refusal) casts them (`as never`) where it does so.
   */
  call<S extends Service, M extends Method<S>>(
    service: S,
    method: M,
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    ...args: {} extends ArgsOf<S, M> ? [args?: ArgsOf<S, M>] : [args: ArgsOf<S, M>]
  ): Promise<TestResult<ResultOf<S, M>>>;
  /** `call` for a test that goes over many methods by name (a table of samples): untyped on purpose. */
  callByName(service: string, method: string, args?: unknown): Promise<TestResult<unknown>>;
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

/**
 * The real keychain, until `down = true`: then every call fails the way a stopped Secret
 * Service does (KeychainUnavailableError), for the "keychain unavailable" refusals.
 */
export function switchableKeychain(): SecretStore & { down: boolean } {
  const real = createKeychainStore();
  const reason = 'No OS keychain is available (no Secret Service on the D-Bus session bus)';
  const gone = () => new KeychainUnavailableError(`${reason}: the test stopped it.`, reason);
  const store = {
    down: false,
    set: (key: string, secret: string) => (store.down ? Promise.reject(gone()) : real.set(key, secret)),
    get: (key: string) => (store.down ? Promise.reject(gone()) : real.get(key)),
    has: (key: string) => (store.down ? Promise.reject(gone()) : real.has(key)),
    clear: (key: string) => (store.down ? Promise.reject(gone()) : real.clear(key)),
    available: () => (store.down ? Promise.resolve({ ok: false as const, reason }) : real.available()),
  };
  return store;
}

/** A console (services + router, no window) on a seeded database, as a test drives it. */
export async function startConsole(
  db: SeededDb,
  argv: string[] = [],
  options: { secrets?: SecretStore; desktop?: DesktopPort } = {},
): Promise<TestConsole> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ccm-svc-'));
  await db.profileInto(userDataDir);
  const parsed = parseFlags(argv);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir,
    secrets: options.secrets,
    desktop: options.desktop,
    info: { productName: 'CCM', version: 'test', mode: 'browser', platform: 'linux' },
  });
  const console = testConsoleOf(core, userDataDir);
  await core.ready;
  return console;
}

/** The test's handle on a started core: the typed client, `call`, the events received since now. */
export function testConsoleOf(core: Core, userDataDir: string): TestConsole {
  const received = new Map<string, unknown[]>();
  core.bus.addSink((batch: EventBatch) => {
    for (const e of batch.events) received.set(e.name, [...(received.get(e.name) ?? []), ...e.items]);
  });
  const invoke = (service: string, method: string, args: unknown) =>
    core.router.call(service, method, args ?? {}, { principal: core.principal(), origin: 'test', host: TEST_HOST });
  return {
    core,
    userDataDir,
    client: buildClient(contract, { invoke, subscribe: (listener) => core.bus.addSink(listener) }),
    call: (service, method, ...args) => invoke(service, method, args[0]) as never,
    callByName: (service, method, args) => invoke(service, method, args) as never,
    events: (name) => received.get(name) ?? [],
    stop: () => core.dispose(),
  };
}

export async function signIn(c: TestConsole, logonId: string, password: string, tenantId = 1) {
  const res = await c.call('auth', 'signIn', { logonId, password, tenantId });
  if (!res.ok) throw new Error(`sign-in as ${logonId} failed: ${res.error?.message}`);
  return res.value;
}
