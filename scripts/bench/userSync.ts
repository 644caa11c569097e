/**
 * npm run bench:sync — user synchronization through the contract (router + zod + permission, as the demo
 * administrator), on SQLite and PostgreSQL (a private server started here), from a real directory (Debian's slapd,
 * started here) and from the Microsoft Graph stand-in (TLS, client credentials, transitiveMembers with nextLink):
 *   1. setup: BENCH_SYNC_USERS (100,000) directory users become the tenant's synchronized users (preview + apply);
 *   2. the measured run: the directory with 1 % of the users changed (last name), 1 % new and 1 % gone:
 *      preview (full read with paging + compare) and apply, while main's event loop is watched (the largest gap
 *      between two ticks of a 5 ms timer).
 * BENCH_SYNC_ENGINES (sqlite,postgres) and BENCH_SYNC_SOURCES (slapd,graph) choose the combinations.
 * The Graph stand-in runs in a child process (graph-standin.cjs), so its own work is not counted as a stall.
 * Diagnostic: BENCH_SYNC_WAL_AUTOCHECKPOINT=<pages> sets SQLite's wal_autocheckpoint on main's connection (0 = off),
 * to see how much of a large apply's stall is the checkpoint SQLite runs inside COMMIT.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseFlags } from '../../electron/cli/flags';
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb, type DbTarget } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { createDatabase, startPgServer, type PgServer } from '../../electron/connectors/db/testing/postgresServer';
import { addOutboundCa } from '../../electron/connectors/http/outbound';
import { createKeychainStore } from '../../electron/connectors/keychain/secretStore';
import { DEFAULT_MAPPING } from '../../electron/contract';
import { mainDbParts } from '../../electron/features';
import { startCore } from '../../electron/services';
import { passwordKey } from '../../electron/services/data/dataContext';
import { ProfilesStore } from '../../electron/services/data/profilesStore';
import { setLdapWorkerFile } from '../../electron/services/userSync/ldapOffMain';
import { startSlapd, type TestSlapd } from '../../electron/testing/slapd';
import { APP, AZ_TENANT, SECRET, USERS, directories } from './userSyncDirectories';

const ENGINES = (process.env.BENCH_SYNC_ENGINES ?? 'sqlite,postgres').split(',') as ('sqlite' | 'postgres')[];
const SOURCES = (process.env.BENCH_SYNC_SOURCES ?? 'slapd,graph').split(',') as ('slapd' | 'graph')[];

/** Where the longest stall was, in process.hrtime µs (a --cpu-prof profile's clock), for BENCH_SYNC_STALLS=1. */
const stallWindows: string[] = [];

function watch() {
  let last = performance.now();
  let maxGap = 0;
  let at: [bigint, bigint] = [0n, 0n];
  let lastHr = process.hrtime.bigint();
  const timer = setInterval(() => {
    const now = performance.now();
    const hr = process.hrtime.bigint();
    if (now - last > maxGap) {
      maxGap = now - last;
      at = [lastHr / 1000n, hr / 1000n];
    }
    last = now;
    lastHr = hr;
  }, 5);
  return () => {
    clearInterval(timer);
    stallWindows.push(`${maxGap.toFixed(0)} ms: ${at[0]}–${at[1]} µs`);
    return maxGap;
  };
}

interface Source {
  name: 'slapd' | 'graph';
  /** userSync.save's settings and secret for the first (0) or second (1) directory. */
  settings(
    step: 0 | 1,
  ): Promise<{ settings: Record<string, unknown>; secret: { password?: string; clientSecret?: string } }>;
  stop(): Promise<void>;
}

const common = {
  userGroup: 'MICCE Users',
  logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
  neverDelete: false,
  allowManualDelete: false,
  schedule: { enabled: false, time: '02:00' },
  csv: { folder: '', fileName: 'UserSync.csv' },
};
const noAzure = { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' };
const noAd = { host: '', port: 389, userName: '', security: 'none', baseDn: '', domain: '' };

async function slapdSource(dirs: ReturnType<typeof directories>): Promise<Source> {
  const t = performance.now();
  const servers: TestSlapd[] = [];
  for (const users of [dirs.first, dirs.second])
    servers.push(await startSlapd({ users, groups: [{ cn: 'MICCE Users', members: users.map((u) => u.uid) }] }));
  console.log(`slapd with ${USERS.toLocaleString('en')} users, twice: ${(performance.now() - t).toFixed(0)} ms`);
  return {
    name: 'slapd',
    async settings(step) {
      const d = servers[step]!;
      return {
        settings: {
          ...common,
          type: 'ad',
          ad: { ...noAd, host: '127.0.0.1', port: d.port, userName: d.bindDn, baseDn: d.baseDn },
          azure: noAzure,
          mapping: DEFAULT_MAPPING.ad,
        },
        secret: { password: d.password },
      };
    },
    stop: async () => {
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

/**
 * The Graph stand-in in a process of its own (graph-standin.cjs): building its 100,000-member answer is its
 * work, not the console's, so it must not show as a stall of this process's event loop.
 */
async function graphSource(): Promise<Source> {
  const child = spawn(process.execPath, [resolve(__dirname, 'graph-standin.cjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((ok) => lines.once('line', ok));
  const ready = JSON.parse(await next()) as { loginBaseUrl: string; graphBaseUrl: string; caPem: string };
  addOutboundCa(ready.caPem);
  return {
    name: 'graph',
    async settings(step) {
      if (step === 1) {
        // The second directory: the stand-in's tenant is changed in place, as Azure AD would be.
        child.stdin!.write('second\n');
        if ((await next()) !== 'ok') throw new Error('the Graph stand-in did not switch to the second directory');
      }
      return {
        settings: {
          ...common,
          logonId: { order: 'firstLast', firstChars: 2, lastChars: 18 },
          type: 'azure',
          ad: noAd,
          azure: {
            tenantId: AZ_TENANT,
            clientId: APP,
            loginBaseUrl: ready.loginBaseUrl,
            graphBaseUrl: ready.graphBaseUrl,
          },
          mapping: DEFAULT_MAPPING.azure,
        },
        secret: { clientSecret: SECRET },
      };
    },
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function database(engine: 'sqlite' | 'postgres', pg: PgServer | null): Promise<DbTarget> {
  if (engine === 'sqlite')
    return { engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'ccm-bench-sync-')), 'bench.sqlite') };
  const t = await createDatabase(pg!, `sync_${Date.now().toString(36)}`);
  return { engine: 'postgres', host: t.host, port: t.port, database: t.database, user: t.user, password: t.password };
}

async function run(engine: 'sqlite' | 'postgres', source: Source, pg: PgServer | null) {
  const target = await database(engine, pg);
  const db = openDb(target);
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  await db.close();
  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-sync-'));
  const store = new ProfilesStore(dir);
  if (target.engine === 'sqlite')
    store.upsert(0, { id: 'b', name: 'Bench', engine: 'sqlite', file: target.file, demo: false });
  else {
    store.upsert(0, {
      id: 'b',
      name: 'Bench',
      engine: 'postgres',
      host: target.host,
      port: target.port,
      database: target.database,
      user: target.user,
      ssl: false,
    });
    await createKeychainStore().set(passwordKey('b'), target.password!);
  }
  store.select('b');
  const parsed = parseFlags([]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir: dir,
    info: { productName: 'bench', version: 'bench', mode: 'browser', platform: process.platform },
  });
  await core.ready;
  const autoCheckpoint = process.env.BENCH_SYNC_WAL_AUTOCHECKPOINT;
  if (autoCheckpoint !== undefined && target.engine === 'sqlite')
    core.data.require().sqlite!.pragma(`wal_autocheckpoint = ${Number(autoCheckpoint)}`);
  const call = async <T>(s: string, m: string, a: unknown): Promise<T> => {
    const r = await core.router.call(s, m, a, { principal: core.principal(), origin: 'bench', host: 'bench' });
    if (!r.ok) throw new Error(`${s}.${m}: ${r.error.message}`);
    return r.value as T;
  };
  await call('auth', 'signIn', { logonId: 'admin', password: DEMO_ACCOUNTS.hostAdmin.password, tenantId: 1 });
  let version = 0;
  const configure = async (step: 0 | 1) => {
    const { settings, secret } = await source.settings(step);
    version = (await call<{ version: number }>('userSync', 'save', { expectedVersion: version, settings, ...secret }))
      .version;
  };
  type Preview = { previewId: string; counts: Record<string, number> };
  const measure = async (label: string) => {
    let stop = watch();
    let t = performance.now();
    const p = await call<Preview>('userSync', 'preview', {});
    const previewMs = performance.now() - t;
    const previewGap = stop();
    stop = watch();
    t = performance.now();
    await call('userSync', 'apply', { previewId: p.previewId });
    const applyMs = performance.now() - t;
    const applyGap = stop();
    const line =
      `${engine} ← ${source.name}, ${label}: preview ${previewMs.toFixed(0)} ms ` +
      `(longest stall ${previewGap.toFixed(0)} ms), apply ${applyMs.toFixed(0)} ms ` +
      `(longest stall ${applyGap.toFixed(0)} ms); ${JSON.stringify(p.counts)}`;
    console.log(line);
  };
  try {
    await configure(0);
    await measure('setup (all new)');
    await configure(1);
    await measure('1 % changed, 1 % new, 1 % gone');
  } finally {
    await core.dispose();
    if (target.engine === 'postgres') await createKeychainStore().clear(passwordKey('b'));
  }
}

async function main() {
  // As the console runs it: the directory read in the worker built next to main (out/main/), unless
  // BENCH_SYNC_LDAP_ON_MAIN=1 (the reader on main, as before that worker).
  const ldapWorker = resolve(__dirname, '../main/userSyncLdapWorker.cjs');
  const onMain = process.env.BENCH_SYNC_LDAP_ON_MAIN === '1' || !existsSync(ldapWorker);
  setLdapWorkerFile(onMain ? null : ldapWorker);
  console.log(`directory read: ${onMain ? 'on main' : 'in its worker thread'}`);
  console.log(
    `bench:sync — ${USERS.toLocaleString('en')} directory users; ${ENGINES.join(', ')} × ${SOURCES.join(', ')} ` +
      `(load ${loadavg()[0]!.toFixed(1)})`,
  );
  const pg = ENGINES.includes('postgres') ? await startPgServer() : null;
  try {
    for (const name of SOURCES)
      for (const engine of ENGINES) {
        // Each run gets its own directory state: the Graph stand-in is changed in place by the second step.
        const source = name === 'slapd' ? await slapdSource(directories()) : await graphSource();
        try {
          await run(engine, source, pg);
        } finally {
          await source.stop();
        }
      }
  } finally {
    await pg?.stop();
  }
  if (process.env.BENCH_SYNC_STALLS) console.log(`longest stalls (hrtime): ${stallWindows.join('; ')}`);
  console.log(`(${new Date().toISOString()}, load ${loadavg()[0]!.toFixed(1)})`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
