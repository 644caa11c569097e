/**
 * npm run bench:sync — user synchronization from a real directory (Debian's slapd, started here) into an
 * embedded SQLite database, through the contract (router + zod + permission, as the demo administrator):
 *   1. setup: BENCH_SYNC_USERS (100,000) directory users become the tenant's synchronized users (preview + apply);
 *   2. the measured run: a second directory with 1 % of the users changed (last name), 1 % new and 1 % gone:
 *      preview (full read with paged results + compare) and apply, while main's event loop is watched (the largest
 *      gap between two ticks of a 5 ms timer).
 * Only SQLite and slapd (PostgreSQL and the Graph stand-in are not measured here).
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags } from '../../electron/cli/flags';
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { DEFAULT_MAPPING } from '../../electron/contract';
import { mainDbParts } from '../../electron/features';
import { startCore } from '../../electron/services';
import { ProfilesStore } from '../../electron/services/data/profilesStore';
import { manyUsers, startSlapd, type TestSlapd } from '../../electron/testing/slapd';

const USERS = Number(process.env.BENCH_SYNC_USERS ?? 100_000);

function watch() {
  let last = performance.now();
  let maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return maxGap;
  };
}

async function main() {
  console.log(
    `bench:sync — ${USERS.toLocaleString('en')} directory users, SQLite, slapd (load ${loadavg()[0]!.toFixed(1)})`,
  );
  const base = manyUsers(USERS);
  let t = performance.now();
  const first = await startSlapd({ users: base, groups: [{ cn: 'MICCE Users', members: base.map((u) => u.uid) }] });
  console.log(`slapd with ${USERS} users: ${(performance.now() - t).toFixed(0)} ms`);
  const pct = Math.max(1, Math.floor(USERS / 100));
  // 1 % changed (the first pct), 1 % gone (the last pct), 1 % new.
  const changed = base.slice(0, USERS - pct).map((u, i) => (i < pct ? { ...u, sn: `${u.sn}-changed` } : u));
  const fresh = manyUsers(USERS + pct).slice(USERS);
  const second = await startSlapd({
    users: [...changed, ...fresh],
    groups: [{ cn: 'MICCE Users', members: [...changed, ...fresh].map((u) => u.uid) }],
  });

  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-sync-'));
  const file = join(dir, 'bench.sqlite');
  const db = openDb({ engine: 'sqlite', file });
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  await db.close();
  const store = new ProfilesStore(dir);
  store.upsert(0, { id: 'b', name: 'Bench', engine: 'sqlite', file, demo: false });
  store.select('b');
  const parsed = parseFlags([]);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const core = startCore({
    launchOptions: parsed.options,
    userDataDir: dir,
    info: { productName: 'bench', version: 'bench', mode: 'browser', platform: process.platform },
  });
  await core.ready;
  const call = async <T>(s: string, m: string, a: unknown): Promise<T> => {
    const r = await core.router.call(s, m, a, { principal: core.principal(), origin: 'bench', host: 'bench' });
    if (!r.ok) throw new Error(`${s}.${m}: ${r.error.message}`);
    return r.value as T;
  };
  await call('auth', 'signIn', { logonId: 'admin', password: DEMO_ACCOUNTS.hostAdmin.password, tenantId: 1 });
  let version = 0;
  const configure = async (d: TestSlapd) => {
    const v = await call<{ version: number }>('userSync', 'save', {
      expectedVersion: version,
      password: d.password,
      settings: {
        type: 'ad',
        ad: { host: '127.0.0.1', port: d.port, userName: d.bindDn, security: 'none', baseDn: d.baseDn },
        azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
        userGroup: 'MICCE Users',
        logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
        neverDelete: false,
        allowManualDelete: false,
        mapping: DEFAULT_MAPPING.ad,
        schedule: { enabled: false, time: '02:00' },
      },
    });
    version = v.version;
  };
  type Preview = { previewId: string; counts: Record<string, number> };
  const run = async (label: string) => {
    let stop = watch();
    t = performance.now();
    const p = await call<Preview>('userSync', 'preview', {});
    const previewMs = performance.now() - t;
    const previewGap = stop();
    stop = watch();
    t = performance.now();
    await call('userSync', 'apply', { previewId: p.previewId });
    const applyMs = performance.now() - t;
    const applyGap = stop();
    console.log(
      `${label}: preview ${previewMs.toFixed(0)} ms (longest stall ${previewGap.toFixed(0)} ms), apply ` +
        `${applyMs.toFixed(0)} ms (longest stall ${applyGap.toFixed(0)} ms); ${JSON.stringify(p.counts)}`,
    );
  };
  await configure(first);
  await run('setup (all new)');
  await configure(second);
  await run('1 % changed, 1 % new, 1 % gone');
  console.log(`(${new Date().toISOString()}, load ${loadavg()[0]!.toFixed(1)})`);
  await core.dispose();
  await first.stop();
  await second.stop();
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
