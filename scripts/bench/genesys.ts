/**
 * npm run bench:genesys — the one-way synchronization to Genesys Cloud against the stand-in (OAuth, SCIM 2.0,
 * Platform API on 127.0.0.1, in a process of its own: genesys-standin.cjs, so its work is not the console's),
 * an embedded SQLite database, through the contract as the demo administrator:
 *   1. first complete synchronization of BENCH_GENESYS_USERS (10,000) users with a Business Email and their
 *      skills (Sync Advanced Platform Objects on: skills, workgroups → queues, user skills as stars);
 *   2. incremental: 100 users' Display Name changed one save at a time; for each, the time from its save to its
 *      record being Synced again (the goal: within 5 s).
 * Runs without NODE_ENV=production: the stand-in's base URL is honoured only outside production builds
 * (event payload validation stays on).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseFlags } from '../../electron/cli/flags';
import { DEMO_ACCOUNTS, seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import { startCore } from '../../electron/services';
import { ProfilesStore } from '../../electron/services/data/profilesStore';

const USERS = Number(process.env.BENCH_GENESYS_USERS ?? 10_000);
const CHANGES = 100;

/** The stand-in in its own process, asked over stdin/stdout (genesysStandIn.ts). */
async function startStandIn() {
  const child = spawn(process.execPath, [resolve(__dirname, 'genesys-standin.cjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const lines = createInterface({ input: child.stdout! });
  const next = () => new Promise<string>((ok) => lines.once('line', ok));
  const { baseUrl } = JSON.parse(await next()) as { baseUrl: string };
  const ask = async <T>(q: object): Promise<T> => {
    const answer = next();
    child.stdin!.write(`${JSON.stringify(q)}\n`);
    return JSON.parse(await answer) as T;
  };
  return {
    baseUrl,
    stats: () => ask<{ requests: number; usersWithSkills: number; skills: number }>({ q: 'stats' }),
    displayNames: (names: string[]) => ask<(string | null)[]>({ q: 'displayNames', names }),
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main() {
  const cloud = await startStandIn();
  process.env.CCM_GENESYS_BASE_URL = cloud.baseUrl;
  process.env.CCM_GENESYS_FULL_SYNC_MS = String(24 * 3600_000);
  console.log(
    `bench:genesys — ${USERS.toLocaleString('en')} users, SQLite, stand-in (load ${loadavg()[0]!.toFixed(1)})`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-genesys-'));
  const file = join(dir, 'bench.sqlite');
  const db = openDb({ engine: 'sqlite', file });
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, USERS);
  const users = await db.kysely
    .selectFrom('cc_user')
    .select(['id', 'logon_id'])
    .where('tenant_id', '=', 1)
    .where('deleted', '=', 0)
    .execute();
  for (let i = 0; i < users.length; i += 500)
    await db.kysely
      .insertInto('genesys_user_profile')
      .values(
        users
          .slice(i, i + 500)
          .map((u) => ({ user_id: u.id, business_email: `${u.logon_id}@acme.example`, display_name: '' })),
      )
      .execute();
  const assignments = await db.kysely
    .selectFrom('skill_assignment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
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
  const k = core.data.require().kysely;
  const synced = async () =>
    Number(
      (
        await k
          .selectFrom('genesys_sync_status')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', 1)
          .where('kind', '=', 'user')
          .where('status', '=', 'Synced')
          .executeTakeFirst()
      )?.n ?? 0,
    );
  const eligible = users.filter((u) => u.logon_id.toLowerCase() !== 'purecloudadmin').length;
  console.log(`${eligible} users with a Business Email, ${assignments?.n ?? 0} skill assignments`);

  const config = {
    enabled: true,
    adminEmail: 'admin@acme.example',
    orgShortName: 'acme',
    region: 'mypurecloud.com',
    syncUsers: true,
    syncAdvanced: true,
    browserClientApps: [],
    dialGroups: [],
  };
  await call('genesys', 'save', { expectedVersion: 0, config, password: 'Genesys#2026' });
  const before = (await cloud.stats()).requests;
  let t = performance.now();
  await call('genesys', 'apply', {});
  for (;;) {
    if ((await synced()) >= eligible) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const full = performance.now() - t;
  const after = await cloud.stats();
  const requests = after.requests - before;
  // Every record kind the first pass synchronized (users, their skills, skills, workgroups, wrap-up codes).
  const records = Number(
    (
      await k
        .selectFrom('genesys_sync_status')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', 1)
        .where('status', '=', 'Synced')
        .executeTakeFirst()
    )?.n ?? 0,
  );
  console.log(
    `first complete sync: ${eligible} users all Synced in ${(full / 1000).toFixed(1)} s ` +
      `(${(eligible / (full / 1000)).toFixed(0)} users/s; ${records} Synced records of every kind, ` +
      `${(records / (full / 1000)).toFixed(0)} records/s; ${requests} API requests, ` +
      `${(requests / eligible).toFixed(2)} per user, ${after.usersWithSkills} users with skills, ` +
      `${after.skills} skills)`,
  );

  // Incremental: one save at a time, each timed from its save to its record Synced again.
  const targets = users.filter((u) => u.logon_id.toLowerCase() !== 'purecloudadmin').slice(0, CHANGES);
  const lat: number[] = [];
  t = performance.now();
  const pending = new Map<number, { at: number; iso: string }>();
  for (const u of targets) {
    const iso = new Date().toISOString();
    await call('genesys', 'setUserProfile', {
      userId: u.id,
      businessEmail: `${u.logon_id}@acme.example`,
      displayName: `Changed ${u.logon_id}`,
    });
    pending.set(u.id, { at: performance.now(), iso });
  }
  const saved = performance.now() - t;
  while (pending.size > 0) {
    const rows = await k
      .selectFrom('genesys_sync_status')
      .select(['object_id', 'last_synced_at'])
      .where('kind', '=', 'user')
      .where('object_id', 'in', [...pending.keys()])
      .execute();
    for (const r of rows) {
      const p = pending.get(r.object_id)!;
      if (r.last_synced_at && r.last_synced_at > p.iso) {
        lat.push(performance.now() - p.at);
        pending.delete(r.object_id);
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const total = performance.now() - t;
  lat.sort((a, b) => a - b);
  const max = lat[lat.length - 1]!;
  const names = await cloud.displayNames(targets.map((u) => `${u.logon_id}@acme.example`));
  const ok = targets.every((u, i) => names[i] === `Changed ${u.logon_id}`);
  console.log(
    `incremental: ${CHANGES} saves in ${(saved / 1000).toFixed(2)} s, all Synced ${(total / 1000).toFixed(2)} s ` +
      `after the first save; save → Synced median ${lat[Math.floor(lat.length / 2)]!.toFixed(0)} ms, ` +
      `max ${max.toFixed(0)} ms (goal 5,000 ms: ${max <= 5000 ? 'met' : 'NOT met'}); ` +
      `Genesys Cloud has the new names: ${ok}`,
  );
  await core.dispose();
  await cloud.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
