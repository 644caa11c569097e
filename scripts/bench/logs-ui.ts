/**
 * npm run bench:logs-ui — the log viewer's frame time in Chromium while lines pour in:
 *   - the real console in browser mode (out/main/browser.cjs, a fresh CCM_USER_DATA, so the
 *     embedded demo database and its three demo sources), signed in as the host administrator (log sources are
 *     installation-wide: only a host administrator may add one);
 *   - one more source added through the contract: a flood server in this script on loopback
 *     TCP, sending structured SocketManager-style lines at BENCH_UI_RATE (default 100,000)
 *     lines a second, paced every 5 ms;
 *   - Debian's Chromium driven by playwright-core opens a viewer (no filter: every line) and,
 *     phase by phase, follows, scrolls with the mouse wheel, and drags through the whole
 *     list (scrollTop steps every frame, as a scrollbar drag does), while the page records
 *     requestAnimationFrame deltas (and long animation frames).
 * Prints a table per phase: frames, p50 / p95 / max frame time, frames over 16.7 ms, lines
 * received. docs/PERFORMANCE.md records the figures. Goal: p95 ≤ 16.7 ms.
 *
 * BENCH_UI_RATE, BENCH_UI_SECONDS (per scrolling phase, default 10) and
 * BENCH_UI_CAPACITY_MB (store capacity, default: the console's own, 64 MB) change the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const RATE = Number(process.env.BENCH_UI_RATE ?? 100_000);
const SECONDS = Number(process.env.BENCH_UI_SECONDS ?? 10);
const CAPACITY_MB = process.env.BENCH_UI_CAPACITY_MB ? Number(process.env.BENCH_UI_CAPACITY_MB) : null;
const CHROMIUM = process.env.CCM_CHROMIUM ?? '/usr/bin/chromium';
const TICK_MS = 5;
/** A folder to save a screenshot in the middle of each phase (to look at what the viewer shows). */
const SHOTS = process.env.BENCH_UI_SHOTS;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ the flood source

const LEVELS = [
  'INFO',
  'DEBUG',
  'INFO',
  'TRACE',
  'INFO',
  'DEBUG',
  'WARN',
  'INFO',
  'DEBUG',
  'INFO',
  'TRACE',
  'INFO',
  'DEBUG',
  'INFO',
  'INFO',
  'DEBUG',
  'INFO',
  'TRACE',
  'INFO',
  'ERROR',
];
const MESSAGES = [
  'SocketManager: Accepted connection from 10.20.1.31:50712 (socket 0x3F2A1B)',
  'Route request for call 0x1A2B3C on Dialed Number 5000: Service Group Support, queue position 4',
  'Agent agent1023 state changed: Available -> Busy (call 0x37627A)',
  'SocketManager: heartbeat from BrokerService.exe (10.20.2.180)',
  'Database query timed out after 30000 ms (cc_user page, tenant 1)',
  'UserSync: UPDATE sharpka SyncID 6F1C-22AB',
  'Dispatch queue poll: 0 items',
  'PBX event CALL_DELIVERED 0x0B2CE5 from MiVoice Business 10.20.1.146',
];
const pad = (v: number, w = 2) => String(v).padStart(w, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** A TCP server that sends `rate` lines a second to whoever connects (paced, with backpressure). */
async function startFlood(
  rate: number,
): Promise<{ server: Server; port: number; sent: () => number; close: () => Promise<void> }> {
  let sent = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    const t0 = Date.now();
    let mine = 0;
    let seq = 0;
    let waiting = false;
    const pump = () => {
      if (socket.destroyed || waiting) return;
      const due = Math.floor(((Date.now() - t0) * rate) / 1000) - mine;
      if (due <= 0) return;
      const n = Math.min(due, rate); // never more than a second's worth at once
      const ts = stamp(Date.now());
      let chunk = '';
      for (let i = 0; i < n; i++, seq++) {
        chunk +=
          `${ts} ${LEVELS[seq % LEVELS.length]} flood.exe [${1000 + (seq % 7)}] ` +
          `${MESSAGES[seq % MESSAGES.length]} seq=${seq}\n`;
      }
      mine += n;
      sent += n;
      if (!socket.write(chunk)) {
        waiting = true;
        socket.once('drain', () => {
          waiting = false;
        });
      }
    };
    const timer = setInterval(pump, TICK_MS);
    socket.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    sent: () => sent,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

// ------------------------------------------------------------------ the console

async function startConsoleHost(): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const userData = mkdtempSync(join(tmpdir(), 'ccm-bench-ui-'));
  const child = spawn(
    process.execPath,
    [
      resolve(process.cwd(), process.env.CCM_OUT ?? 'out', 'main/browser.cjs'),
      '/user:admin',
      '/password:Admin#2026',
      '/tenantid:1',
    ],
    {
      env: { ...process.env, CCM_USER_DATA: userData, CCM_BROWSER_REASON: 'benchmark' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the console did not print its URL:\n${out}`)), 20_000);
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
    child,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGTERM');
      }),
  };
}

/** Calls main with the page's session (browser mode: same origin, cookie). */
async function api<T>(page: Page, service: string, method: string, args: unknown): Promise<T> {
  const body = await page.evaluate(
    async ([s, m, a]) =>
      (
        await fetch(`/api/${s}/${m}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(a),
        })
      ).json(),
    [service, method, args] as const,
  );
  const env = body as { ok: boolean; value?: T; error?: unknown };
  if (!env.ok) throw new Error(`${service}.${method}: ${JSON.stringify(env.error)}`);
  return env.value as T;
}

interface SourcesDoc {
  version: number;
  sources: { spec: { id: string }; state: { status: string; lines: number } }[];
  stats: { lines: number; bytes: number; capacityBytes: number; dropped: number };
}

// ------------------------------------------------------------------ measuring in the page

/*
 * The functions below run in the page (page.evaluate serializes them). This script compiles
 * without the DOM library, so they reach the page's globals through this small typing.
 */
interface Rect {
  top: number;
  bottom: number;
}
interface Elem {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  readonly dataset: Record<string, string | undefined>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  querySelectorAll(selector: string): Iterable<Elem>;
}
type Meter = {
  on: boolean;
  deltas: number[];
  loaf: number[];
  last: number;
  rows: number;
  blank: number;
  moved: number;
  top: number;
};
interface PageGlobals {
  document: { querySelector(selector: string): Elem | null };
  requestAnimationFrame(cb: (t: number) => void): number;
  setTimeout(cb: () => void, ms: number): number;
  performance: {
    now(): number;
    clearResourceTimings(): void;
    getEntriesByType(type: string): { name: string; duration: number }[];
  };
  PerformanceObserver: new (cb: (list: { getEntries(): { duration: number }[] }) => void) => {
    observe(options: { type: string; buffered?: boolean }): void;
  };
  __meter: Meter;
}

/** Installed in the page: rAF deltas and long animation frames, started and stopped per phase. */
function installMeter() {
  const g = globalThis as unknown as PageGlobals;
  g.__meter = { on: false, deltas: [], loaf: [], last: 0, rows: 0, blank: 0, moved: 0, top: 0 };
  try {
    new g.PerformanceObserver((list) => {
      if (g.__meter.on) for (const e of list.getEntries()) g.__meter.loaf.push(e.duration);
    }).observe({ type: 'long-animation-frame', buffered: false });
  } catch {
    // no LoAF in this browser: the deltas still tell
  }
}
function startMeter() {
  const g = globalThis as unknown as PageGlobals;
  const m = g.__meter;
  const list = g.document.querySelector('[data-testid=logs-list]')!;
  m.on = true;
  m.deltas = [];
  m.loaf = [];
  m.rows = m.blank = m.moved = 0;
  m.top = list.scrollTop;
  m.last = g.performance.now();
  const loop = (t: number) => {
    if (!m.on) return;
    m.deltas.push(t - m.last);
    m.last = t;
    // what this frame shows: the share of the list's height covered by rows with their line
    // (a row still waiting for its line, or no row rendered there at all, leaves it empty)
    const box = list.getBoundingClientRect();
    let covered = 0;
    for (const row of list.querySelectorAll('[data-index]')) {
      if (row.getAttribute('aria-busy') === 'true') continue;
      const r = row.getBoundingClientRect();
      covered += Math.max(0, Math.min(r.bottom, box.bottom) - Math.max(r.top, box.top));
    }
    m.rows += box.bottom - box.top;
    m.blank += Math.max(0, box.bottom - box.top - covered);
    m.moved += Math.abs(list.scrollTop - m.top);
    m.top = list.scrollTop;
    g.requestAnimationFrame(loop);
  };
  g.requestAnimationFrame(loop);
}
function stopMeter(): { deltas: number[]; loaf: number[]; rows: number; blank: number; moved: number } {
  const m = (globalThis as unknown as PageGlobals).__meter;
  m.on = false;
  return { deltas: m.deltas.slice(1), loaf: m.loaf, rows: m.rows, blank: m.blank, moved: m.moved };
}
function clearTimings() {
  (globalThis as unknown as PageGlobals).performance.clearResourceTimings();
}
/** logs.window round trips (ms) since clearTimings. */
function windowTimings(): number[] {
  return (globalThis as unknown as PageGlobals).performance
    .getEntriesByType('resource')
    .filter((e) => e.name.endsWith('/api/logs/window'))
    .map((e) => e.duration);
}

/**
 * In the page: drags the list's scrollTop from top to bottom and back, `px` every 16 ms, for
 * `ms`. Written from a timer task, as a scrollbar drag's mouse moves arrive (between frames:
 * the scroll event comes before the next frame is drawn) — not from requestAnimationFrame,
 * whose writes the page sees only a frame later.
 */
function dragScroll([ms, px]: [number, number]): Promise<number> {
  const g = globalThis as unknown as PageGlobals;
  const el = g.document.querySelector('[data-testid=logs-list]')!;
  return new Promise((done) => {
    const end = g.performance.now() + ms;
    let dir = -1;
    let steps = 0;
    const step = () => {
      if (g.performance.now() >= end) return done(steps);
      const max = el.scrollHeight - el.clientHeight;
      let next = el.scrollTop + dir * px;
      if (next <= 0) {
        next = 0;
        dir = 1;
      } else if (next >= max - px) {
        next = max - px; // not quite the bottom: the bottom would resume following
        dir = -1;
      }
      el.scrollTop = next;
      steps++;
      g.setTimeout(step, 16);
    };
    g.setTimeout(step, 16);
  });
}

interface PhaseResult {
  name: string;
  seconds: number;
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over: number;
  loaf: number;
  linesIn: number;
  viewTotal: number;
  /** The share of the list's height, over all frames, without a line on it (row still fetching, or none there yet). */
  blankShare: number;
  /** logs.window calls (page fetches and followed tails) and their round trip. */
  windows: number;
  windowP50: number;
  windowP95: number;
  /** Scroll distance (px of the scrollbar) over the phase. */
  moved: number;
  following: string;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function phase(
  page: Page,
  name: string,
  flood: { sent: () => number },
  run: () => Promise<void>,
): Promise<PhaseResult> {
  if (SHOTS) {
    const at = name.split(' ')[0]!.replace(/\W/g, '');
    setTimeout(() => void page.screenshot({ path: join(SHOTS, `bench-${at}.png`) }).catch(() => {}), 2500);
  }
  await page.evaluate(clearTimings);
  const storeBefore = await api<SourcesDoc>(page, 'logs', 'sources', {});
  const inBefore = storeBefore.sources.find((s) => s.spec.id === 'bench-flood')?.state.lines ?? 0;
  const t0 = Date.now();
  await page.evaluate(startMeter);
  await run();
  const { deltas, loaf, rows, blank, moved } = await page.evaluate(stopMeter);
  const windows = (await page.evaluate(windowTimings)).sort((a, b) => a - b);
  const seconds = (Date.now() - t0) / 1000;
  const after = await api<SourcesDoc>(page, 'logs', 'sources', {});
  const inAfter = after.sources.find((s) => s.spec.id === 'bench-flood')?.state.lines ?? 0;
  const sorted = [...deltas].sort((a, b) => a - b);
  const viewTotal = Number(await page.getByTestId('logs-list').getAttribute('data-total'));
  return {
    name,
    seconds,
    frames: deltas.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
    over: deltas.filter((d) => d > 16.7 * 1.5).length,
    loaf: loaf.length,
    linesIn: inAfter - inBefore,
    viewTotal,
    blankShare: rows ? blank / rows : 0,
    windows: windows.length,
    windowP50: quantile(windows, 0.5),
    windowP95: quantile(windows, 0.95),
    moved,
    following: (await page.getByTestId('logs-follow-state').textContent()) ?? '',
  };
}

// ------------------------------------------------------------------ the run

async function main() {
  const flood = await startFlood(RATE);
  const host = await startConsoleHost();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(host.url);
    await page.getByTestId('nav-logs').click();
    await page.getByTestId('logs-sources').waitFor();
    if (CAPACITY_MB) await api(page, 'logs', 'setCapacity', { megabytes: CAPACITY_MB });
    const doc = await api<SourcesDoc>(page, 'logs', 'sources', {});
    await api(page, 'logs', 'saveSource', {
      expectedVersion: doc.version,
      source: {
        id: 'bench-flood',
        kind: 'tcp',
        name: 'Flood (bench)',
        host: '127.0.0.1',
        port: flood.port,
        component: 'flood.exe',
        enabled: true,
      },
    });
    await page.getByTestId('logs-open-viewer').click();
    const list = page.getByTestId('logs-list');
    await list.waitFor();
    await page.evaluate(installMeter);
    console.log(
      `Chromium ${browser.version()} · flood ${fmt(RATE)} lines/s on 127.0.0.1:${flood.port} · viewer open, warming ` +
        `up 3 s …`,
    );
    await sleep(3000);

    const results: PhaseResult[] = [];
    results.push(await phase(page, 'following (no input)', flood, () => sleep(5000)));
    console.log('… following done; wheel scrolling');
    await list.hover();
    results.push(
      await phase(page, 'mouse wheel (±5 rows a notch)', flood, async () => {
        const end = Date.now() + SECONDS * 1000;
        let i = 0;
        while (Date.now() < end) {
          // up for 2 s, down for 1 s: stays away from the bottom (which would resume following)
          const up = Math.floor(i / 60) % 3 !== 2;
          await page.mouse.wheel(0, up ? -100 : 100);
          await sleep(16);
          i++;
        }
      }),
    );
    console.log('… wheel done; dragging through the list');
    results.push(
      await phase(
        page,
        'scrollbar drag (4,000 px / 16 ms)',
        flood,
        async () => void (await page.evaluate(dragScroll, [SECONDS * 1000, 4000] as [number, number])),
      ),
    );
    const last = await api<SourcesDoc>(page, 'logs', 'sources', {});
    await page.getByTestId('logs-follow-toggle').click();

    console.log(
      `\nChromium ${browser.version()}, viewport 1366×820, flood ${fmt(RATE)} lines/s (sent ${fmt(flood.sent())} ` +
        `lines in all).`,
    );
    console.log(
      `Store at the end: ${fmt(last.stats.lines)} lines, ${(last.stats.bytes / 1048576).toFixed(1)} MB of ` +
        `${(last.stats.capacityBytes / 1048576).toFixed(0)} MB, ${fmt(last.stats.dropped)} dropped.\n`,
    );
    console.log(
      '| phase | frames | p50 | p95 | p99 | max | frames > 25 ms | long animation frames (> 50 ms) | list area ' +
        'without lines yet | logs.window calls (p50 / p95) | scrolled | lines received | lines/s | lines in the view ' +
        '| at the end |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    for (const r of results) {
      console.log(
        `| ${r.name} | ${fmt(r.frames)} | ${ms(r.p50)} | **${ms(r.p95)}** | ${ms(r.p99)} | ${ms(r.max)} | ` +
          `${fmt(r.over)} | ${fmt(r.loaf)} | ${(r.blankShare * 100).toFixed(1)} % | ${fmt(r.windows)} ` +
          `(${r.windowP50.toFixed(0)} / ${r.windowP95.toFixed(0)} ms) | ${fmt(r.moved)} px | ${fmt(r.linesIn)} | ` +
          `${fmt(r.linesIn / r.seconds)} | ${fmt(r.viewTotal)} | ${r.following} |`,
      );
    }
    // rAF timestamps come in steps of 0.1 ms (Chromium coarsens performance.now()), so a run
    // without a single late frame measures 16.6–16.8 ms: the verdict allows that one step.
    const worst = Math.max(...results.map((r) => r.p95));
    const verdict =
      worst <= 16.7 + 1e-9
        ? 'met'
        : worst <= 16.8 + 1e-9
          ? 'met to the timer’s 0.1 ms step (p95 is one 60 Hz frame)'
          : 'NOT met';
    console.log(`\nGoal p95 ≤ 16.7 ms: ${verdict} — worst p95 ${ms(worst)}; a 60 Hz frame is 16.67 ms.`);
  } finally {
    await browser.close();
    await host.stop();
    await flood.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
