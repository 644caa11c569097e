/**
 * npm run bench:ui — the Users grid in Chromium with 100,000 users (issue 4):
 *   - a SQLite database (migrated, demo-seeded) with BENCH_USERS (default 100,000) more
 *     users in the demo tenant, written in a fresh user-data folder as the selected profile;
 *   - the real console in browser mode (<CCM_OUT or out>/main/browser.cjs) on it, signed in
 *     as the host administrator; Debian's Chromium driven by playwright-core;
 *   - time to first rows: from the click on Users in the navigation to the first grid row;
 *   - scrolling: requestAnimationFrame deltas while the wheel scrolls (±5 rows a notch) and
 *     while the scroll bar is dragged through the whole list (scrollTop steps every 16 ms,
 *     as a drag does), with the share of rows still waiting for their data;
 *   - sort / filter round trips: from the click (or the filter change) to the grid showing
 *     the new first row, and main's users.page time for the same request (resource timing).
 * Goals: p95 frame ≤ 16.7 ms; sort/filter round trip ≤ 250 ms. docs/PERFORMANCE.md records it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql, type Insertable } from 'kysely';
import { withUserKeys } from '../../electron/domain/users/logonKey';
import { chromium, type Page } from 'playwright-core';
import { seedDemo } from '../../electron/connectors/db/demoSeed';
import { openDb } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import type { Database } from '../../electron/connectors/db/schema';
import { ProfilesStore } from '../../electron/services/data/profilesStore';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 6);
const CHROMIUM = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
const OUT = resolve(process.env.CCM_OUT ?? 'out');
const SHOTS = process.env.BENCH_UI_SHOTS;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const FIRST = [
  'Aisha',
  'Bruno',
  'Chen',
  'Dana',
  'Emil',
  'Fatima',
  'Goran',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Mateo',
  'Nora',
  'Omar',
  'Priya',
];
const LAST = [
  'Brown',
  'Dubois',
  'Garcia',
  'Haddad',
  'Khan',
  'Kowalski',
  'Lopez',
  'Martin',
  'Murphy',
  'Nguyen',
  'Rossi',
  'Scott',
  'Sharp',
  'Smith',
  'Tanaka',
  'Weber',
];

/** A SQLite file with the demo and USERS more agents; returns the file and how long the insert took. */
async function fill(): Promise<{ file: string; insertMs: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'ccm-bench-users-')), 'users.sqlite');
  const db = openDb({ engine: 'sqlite', file });
  await migrateToLatest(db, mainDbParts.migrations);
  await seedDemo(db.kysely, mainDbParts.demo, 0);
  const groups = await db.kysely.selectFrom('agent_group').select('id').where('tenant_id', '=', 1).execute();
  const type = await db.kysely
    .selectFrom('user_type')
    .select('id')
    .where('tenant_id', '=', 1)
    .where('name', '=', 'Agent')
    .executeTakeFirstOrThrow();
  const t0 = Date.now();
  const at = Date.now();
  for (let i = 0; i < USERS; i += 1000) {
    const rows: Omit<Insertable<Database['cc_user']>, 'logon_key'>[] = [];
    for (let j = i; j < Math.min(USERS, i + 1000); j++) {
      const first = FIRST[j % FIRST.length]!;
      const last = `${LAST[Math.floor(j / FIRST.length) % LAST.length]!}${j % 997}`;
      rows.push({
        tenant_id: 1,
        logon_id: `${first.slice(0, 2).toLowerCase()}${last.toLowerCase()}-${j}`,
        first_name: first,
        last_name: last,
        directory_number: j % 2 ? String(100000 + j) : null,
        agent_group_id: groups[j % groups.length]!.id,
        user_type_id: type.id,
        external_logon_id: j % 3 ? null : `agent${j}@bench.example`,
        chat_display_name: null,
        circuit_user: null,
        sync_id: j % 3 ? null : `sync-${j}`,
        phone_agent_logon: 0,
        personal_default_destination: null,
        dispatch_privilege: 0,
        password_hash: null,
        password_changed_at: null,
        locked: j % 500 === 0 ? 1 : 0,
        lock_reason: j % 500 === 0 ? 'manual' : null,
        locked_at: null,
        locked_by_host: null,
        failed_attempts: 0,
        last_logon_at: j % 7 ? new Date(at - j * 60_000).toISOString() : null,
        deleted: 0,
        updated_at: new Date(at).toISOString(),
        updated_by: 'bench',
      });
    }
    await db.kysely.insertInto('cc_user').values(rows.map(withUserKeys)).execute();
  }
  const insertMs = Date.now() - t0;
  await sql`analyze`.execute(db.kysely);
  await db.close();
  return { file, insertMs };
}

async function startHost(file: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const userData = mkdtempSync(join(tmpdir(), 'ccm-bench-ui-users-'));
  const store = new ProfilesStore(userData);
  store.upsert(store.read().version, { id: 'bench', name: 'Bench 100k', engine: 'sqlite', file, demo: false });
  store.select('bench');
  const child = spawn(
    process.execPath,
    [join(OUT, 'main/browser.cjs'), '/user:admin', '/password:Admin#2026', '/tenantid:1'],
    {
      env: { ...process.env, CCM_USER_DATA: userData, CCM_BROWSER_REASON: 'benchmark' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the console did not print its URL:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /Open: (http:\/\/[a-z0-9.-]+:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    });
    child.on('exit', (code) => fail(new Error(`the console exited (${code}):\n${out}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

// ------------------------------------------------------------------ in the page (no DOM types here)

interface Elem {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): { length: number } & Iterable<Elem>;
}
type Meter = { on: boolean; deltas: number[]; last: number; rows: number; waiting: number };
interface PageGlobals {
  document: {
    querySelector(selector: string): Elem | null;
    querySelectorAll(selector: string): { length: number } & Iterable<Elem>;
  };
  requestAnimationFrame(cb: (t: number) => void): number;
  setTimeout(cb: () => void, ms: number): number;
  performance: {
    now(): number;
    clearResourceTimings(): void;
    getEntriesByType(type: string): { name: string; duration: number; startTime: number }[];
  };
  __meter: Meter;
}

function startMeter() {
  const g = globalThis as unknown as PageGlobals;
  const m: Meter = { on: true, deltas: [], last: g.performance.now(), rows: 0, waiting: 0 };
  g.__meter = m;
  const loop = (t: number) => {
    if (!m.on) return;
    m.deltas.push(t - m.last);
    m.last = t;
    const scroller = g.document.querySelector('[data-testid=users-scroller]');
    if (scroller) {
      const all = scroller.querySelectorAll('[role=row][aria-rowindex]').length;
      m.rows += all;
      m.waiting += all - scroller.querySelectorAll('[data-testid=users-row]').length;
    }
    g.requestAnimationFrame(loop);
  };
  g.requestAnimationFrame(loop);
}
function stopMeter(): { deltas: number[]; rows: number; waiting: number } {
  const m = (globalThis as unknown as PageGlobals).__meter;
  m.on = false;
  return { deltas: m.deltas.slice(1), rows: m.rows, waiting: m.waiting };
}
function dragScroll([ms, px]: [number, number]): Promise<number> {
  const g = globalThis as unknown as PageGlobals;
  const el = g.document.querySelector('[data-testid=users-scroller]')!;
  return new Promise((done) => {
    const end = g.performance.now() + ms;
    let dir = 1;
    let steps = 0;
    const step = () => {
      if (g.performance.now() >= end) return done(steps);
      const max = el.scrollHeight - el.clientHeight;
      let next = el.scrollTop + dir * px;
      if (next >= max) {
        next = max;
        dir = -1;
      } else if (next <= 0) {
        next = 0;
        dir = 1;
      }
      el.scrollTop = next;
      steps++;
      g.setTimeout(step, 16);
    };
    g.setTimeout(step, 16);
  });
}
/** Starts a measurement: returns the page's clock (requests started before it are left out). */
function clearTimings(): number {
  const g = globalThis as unknown as PageGlobals;
  g.performance.clearResourceTimings();
  return g.performance.now();
}
/** users.page requests started since `from`: their durations. */
function pageTimings(from: number): number[] {
  return (globalThis as unknown as PageGlobals).performance
    .getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/api/users/page') && e.startTime >= from)
    .map((e) => e.duration);
}
/** The first rows' Logon IDs (one row may stay first in two orders: admin is first by Logon ID and by last name). */
function firstRow(): string {
  const g = globalThis as unknown as PageGlobals;
  return [...g.document.querySelectorAll('[data-testid=users-row]')]
    .slice(0, 8)
    .map((r) => r.getAttribute('data-logon'))
    .join(' ');
}
function statusText(): string {
  const g = globalThis as unknown as PageGlobals;
  // the count only ("100,006 users" and "100,006 users match" are the same rows)
  return (g.document.querySelector('[data-testid=users-total]')?.textContent ?? '').replace(/\D/g, '');
}

// ------------------------------------------------------------------ phases

async function scrollPhase(page: Page, name: string, run: () => Promise<void>) {
  await page.evaluate(startMeter);
  await run();
  const { deltas, rows, waiting } = await page.evaluate(stopMeter);
  const sorted = [...deltas].sort((a, b) => a - b);
  return {
    name,
    frames: deltas.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
    waiting: rows ? waiting / rows : 0,
  };
}

/** From the action to the grid showing a different first row (or status), and main's users.page time. */
async function roundTrip(page: Page, name: string, act: () => Promise<void>, changed: 'row' | 'status' = 'row') {
  const before = await page.evaluate(changed === 'row' ? firstRow : statusText);
  const mark = await page.evaluate(clearTimings);
  const t0 = Date.now();
  await act();
  await page.waitForFunction(
    ([fn, prev]) => {
      const g = globalThis as unknown as PageGlobals;
      const now =
        fn === 'row'
          ? [...g.document.querySelectorAll('[data-testid=users-row]')]
              .slice(0, 8)
              .map((r) => r.getAttribute('data-logon'))
              .join(' ')
          : (g.document.querySelector('[data-testid=users-total]')?.textContent ?? '').replace(/\D/g, '');
      return now !== '' && now !== prev;
    },
    [changed, before] as const,
    { polling: 'raf', timeout: 30_000 },
  );
  const ms = Date.now() - t0;
  const server = (await page.evaluate(pageTimings, mark)).sort((a, b) => b - a)[0] ?? 0;
  return { name, ms, server };
}

async function main() {
  console.log(`Seeding ${fmt(USERS)} users into a SQLite file …`);
  const { file, insertMs } = await fill();
  console.log(`… ${fmt(insertMs)} ms. Starting the console (${OUT}/main/browser.cjs) and Chromium.`);
  const host = await startHost(file);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(host.url);
    await page.getByTestId('nav-users').waitFor();
    await sleep(500);
    const t0 = Date.now();
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-row').first().waitFor();
    const firstRows = Date.now() - t0;
    const total = (await page.getByTestId('users-status').textContent()) ?? '';
    console.log(`Time to first rows: ${fmt(firstRows)} ms (${total}).`);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'bench-users-grid.png') });

    const scroller = page.getByTestId('users-scroller');
    await scroller.hover();
    const phases = [];
    phases.push(
      await scrollPhase(page, 'mouse wheel (±5 rows a notch)', async () => {
        const end = Date.now() + SECONDS * 1000;
        for (let i = 0; Date.now() < end; i++) {
          await page.mouse.wheel(0, Math.floor(i / 90) % 2 ? -150 : 150);
          await sleep(16);
        }
      }),
    );
    phases.push(
      await scrollPhase(
        page,
        'scroll bar drag (3,000 px / 16 ms)',
        async () => void (await page.evaluate(dragScroll, [SECONDS * 1000, 3000] as [number, number])),
      ),
    );
    phases.push(
      await scrollPhase(
        page,
        'scroll bar drag (60,000 px / 16 ms)',
        async () => void (await page.evaluate(dragScroll, [SECONDS * 1000, 60_000] as [number, number])),
      ),
    );
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.document.querySelector('[data-testid=users-scroller]')!.scrollTop = 0;
    });
    await sleep(300);

    const trips = [];
    trips.push(await roundTrip(page, 'sort by Last name', () => page.getByTestId('users-sort-lastName').click()));
    trips.push(
      await roundTrip(page, 'sort by Last name, descending', () => page.getByTestId('users-sort-lastName').click()),
    );
    trips.push(await roundTrip(page, 'sort by Last logon', () => page.getByTestId('users-sort-lastLogonAt').click()));
    trips.push(await roundTrip(page, 'sort by Agent group', () => page.getByTestId('users-sort-agentGroup').click()));
    trips.push(await roundTrip(page, 'sort by Logon ID', () => page.getByTestId('users-sort-logonId').click()));
    trips.push(
      await roundTrip(
        page,
        'filter agent group = Billing',
        async () => void (await page.getByTestId('users-filter-group').selectOption({ label: 'Billing' })),
        'status',
      ),
    );
    trips.push(
      await roundTrip(page, 'filter + sort by Directory Number', () =>
        page.getByTestId('users-sort-directoryNumber').click(),
      ),
    );
    trips.push(
      await roundTrip(
        page,
        'filter locked = Locked',
        async () => void (await page.getByTestId('users-filter-locked').selectOption('yes')),
        'status',
      ),
    );
    trips.push(await roundTrip(page, 'clear filters', () => page.getByTestId('users-filter-clear').click(), 'status'));
    trips.push(
      await roundTrip(
        page,
        'search "smith5" (incl. 250 ms typing pause)',
        () => page.getByTestId('users-search').fill('smith5'),
        'status',
      ),
    );
    trips.push(
      await roundTrip(page, 'search + sort by Last name', () => page.getByTestId('users-sort-lastName').click()),
    );
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'bench-users-search.png') });

    console.log(
      `\nChromium ${browser.version()}, viewport 1440×900, ${fmt(USERS)} + demo users on SQLite (insert ` +
        `${fmt(insertMs)} ms).\n`,
    );
    console.log(`Time to first rows (click on Users → first row drawn): **${fmt(firstRows)} ms**\n`);
    console.log('| scrolling | frames | p50 | p95 | p99 | max | rows drawn still waiting for data |');
    console.log('|---|---|---|---|---|---|---|');
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    for (const p of phases)
      console.log(
        `| ${p.name} | ${fmt(p.frames)} | ${ms(p.p50)} | **${ms(p.p95)}** | ${ms(p.p99)} | ${ms(p.max)} | ` +
          `${(p.waiting * 100).toFixed(1)} % |`,
      );
    console.log('\n| sort / filter | round trip (action → new rows drawn) | users.page in the page (HTTP + main) |');
    console.log('|---|---|---|');
    for (const t of trips) console.log(`| ${t.name} | **${fmt(t.ms)} ms** | ${fmt(t.server)} ms |`);
    const worstFrame = Math.max(...phases.map((p) => p.p95));
    const worstTrip = Math.max(...trips.filter((t) => !t.name.startsWith('search "')).map((t) => t.ms));
    // rAF timestamps come in 0.1 ms steps: a run without one late frame measures 16.6–16.8 ms.
    const frameVerdict =
      worstFrame <= 16.7 + 1e-9
        ? 'met'
        : worstFrame <= 16.8 + 1e-9
          ? 'met to the timer’s 0.1 ms step (p95 is one 60 Hz frame)'
          : 'NOT met';
    console.log(
      `\nGoal p95 frame ≤ 16.7 ms: ${frameVerdict} (worst ${ms(worstFrame)}). Goal sort/filter ≤ 250 ms: ` +
        `${worstTrip <= 250 ? 'met' : 'NOT met'} (worst ${fmt(worstTrip)} ms, search typing pause excluded).`,
    );
  } finally {
    await browser.close();
    await host.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
