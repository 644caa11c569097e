/**
 * npm run bench:logs — the log figures issue asks for:
 *   - four sources on loopback TCP sending ~120-byte structured lines as fast as they can,
 *     received by the console's own LogsRuntime (TcpLogClient → LogStore, the 250 ms merge
 *     into an open view, events to an EventBus): lines/s parsed and stored;
 *   - memory of the store against the raw bytes it holds;
 *   - time to re-filter 1,000,000 lines (openView with a severity, a source and a text filter);
 *   - in the same run, Debian's lnav indexing the same lines from files.
 *
 * The senders are child processes (this script with --sender): each builds its lines in
 * memory first, then writes them to its socket in 1 MB slices, so a sender costs little
 * besides the kernel's copy. On a 2-core machine the receiver shares the CPU with them and
 * with the kernel's loopback work; that is part of what is measured.
 *
 * BENCH_LOG_LINES (default 8,000,000) and BENCH_LOG_CAPACITY_MB (default 128, which holds
 * about 1.1 million of these lines) change the run.
 */
import { spawnSync, fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../electron/ipc/events';
import type { CallContext } from '../../electron/ipc/router';
import { LogsRuntime } from '../../electron/services/logs/logsRuntime';

const SOURCES = 4;
const COMPONENTS = ['cs.exe', 'RouterService.exe', 'AgentService.exe', 'SeCLogonWS'];
const LEVELS = [
  'INFO',
  'DEBUG',
  'INFO',
  'WARN',
  'INFO',
  'DEBUG',
  'INFO',
  'INFO',
  'ERROR',
  'INFO',
  'DEBUG',
  'INFO',
  'INFO',
  'TRACE',
  'INFO',
  'DEBUG',
  'INFO',
  'WARN',
  'INFO',
  'INFO',
];
const WORDS = [
  'Accepted connection from 10.20.1.31:50712',
  'Route request for call 0x1A2B3C on Dialed Number 5000',
  'Agent 1023 state changed',
  'heartbeat from BrokerService.exe',
  'Database query timed out',
  'UserSync: UPDATE sharpka SyncID 6f1c',
];
const LINE_BYTES = 120;

const pad = (v: number, w = 2) => String(v).padStart(w, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** Source `index`'s lines: 120 bytes each with the LF, four lines per millisecond. */
function buildLines(index: number, count: number, t0: number): Buffer {
  const buf = Buffer.allocUnsafe(count * LINE_BYTES);
  let at = 0;
  let ts = '';
  let tsMs = -1;
  for (let i = 0; i < count; i++) {
    const ms = t0 + Math.floor(i / 4);
    if (ms !== tsMs) {
      ts = stamp(ms);
      tsMs = ms;
    }
    let line =
      `${ts} ${LEVELS[i % LEVELS.length]} ${COMPONENTS[index]} [${1000 + (i % 13)}] ` +
      `${WORDS[(i + index) % WORDS.length]} seq=${i}`;
    if (line.length > LINE_BYTES - 1) line = line.slice(0, LINE_BYTES - 1);
    at += buf.write(line.padEnd(LINE_BYTES - 1, ' '), at, 'latin1');
    buf[at++] = 10;
  }
  return buf;
}

// ------------------------------------------------------------------ sender (child process)

async function sender(index: number, count: number, t0: number, file: string): Promise<void> {
  const data = buildLines(index, count, t0);
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.end(data, () => resolve());
  });
  const server = createServer((socket) => {
    server.close(); // one connection: after it ends, reconnects are refused
    socket.setNoDelay(true);
    socket.on('error', () => {});
    const go = () => {
      const cpu0 = process.cpuUsage();
      let off = 0;
      const pump = () => {
        while (off < data.length) {
          const end = Math.min(data.length, off + 1024 * 1024);
          const ok = socket.write(data.subarray(off, end));
          off = end;
          if (!ok) return void socket.once('drain', pump);
        }
        socket.end(() => {
          const cpu = process.cpuUsage(cpu0);
          process.send!({ done: true, cpuMs: (cpu.user + cpu.system) / 1000 });
        });
      };
      pump();
    };
    process.once('message', go);
    process.send!({ connected: true });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

// ------------------------------------------------------------------ receiver (the console's runtime)

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

async function main(): Promise<void> {
  const total = Number(process.env.BENCH_LOG_LINES ?? 8_000_000);
  const capacityMB = Number(process.env.BENCH_LOG_CAPACITY_MB ?? 128);
  const perSource = Math.floor(total / SOURCES);
  const lines = perSource * SOURCES;
  const dir = join(tmpdir(), `ccm-bench-logs-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const t0 = new Date(2026, 10, 22, 10, 0, 0, 0).getTime();

  console.log(
    `Generating ${fmt(lines)} lines (${SOURCES} senders × ${fmt(perSource)}, ${LINE_BYTES} bytes each: ` +
      `${mb(lines * LINE_BYTES)}) …`,
  );
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const files: string[] = [];
  const done: Array<Promise<number>> = [];
  const connected: Array<Promise<void>> = [];
  for (let i = 0; i < SOURCES; i++) {
    const file = join(dir, `source-${i}.log`);
    files.push(file);
    const child = fork(process.argv[1]!, ['--sender', String(i), String(perSource), String(t0), file], {
      stdio: 'inherit',
      execArgv: ['--max-old-space-size=2048'],
    });
    children.push(child);
    ports.push(await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port))));
    connected.push(
      new Promise<void>((resolve) => child.on('message', (m: { connected?: boolean }) => m.connected && resolve())),
    );
    done.push(
      new Promise<number>((resolve) =>
        child.on('message', (m: { done?: boolean; cpuMs: number }) => m.done && resolve(m.cpuMs)),
      ),
    );
  }

  // The receiver: the runtime the console runs, with one open view (as the viewer keeps one).
  const bus = new EventBus();
  let batches = 0;
  bus.addSink(() => batches++);
  const userDataDir = join(dir, 'userData');
  const rt = new LogsRuntime({ userDataDir, bus, capacityBytes: capacityMB * 1024 * 1024 });
  const impl = rt.impl();
  // A host administrator: adding log sources is theirs (requireHostAdmin).
  const identity = { userId: 1, logonId: 'admin', tenantId: 1, hostAdmin: true, agentGroupScope: null };
  const ctx: CallContext = {
    principal: { signedIn: true, permissions: { logs: 'write' }, identity },
    origin: 'bench',
  };
  const view = await impl.openView({ filter: { regex: false, caseSensitive: false } }, ctx);
  let version = (await impl.sources({}, ctx)).version;
  for (let i = 0; i < SOURCES; i++) {
    version = (
      await impl.saveSource(
        {
          expectedVersion: version,
          source: {
            id: `bench-${i}`,
            kind: 'tcp',
            name: `Bench ${i}`,
            host: '127.0.0.1',
            port: ports[i]!,
            component: COMPONENTS[i]!,
            enabled: true,
          },
        },
        ctx,
      )
    ).version;
  }
  await Promise.all(connected);

  console.log('Sending …');
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const child of children) child.send('go');
  await new Promise<void>((resolve) => {
    const check = () => (rt.store.totalLines >= lines ? resolve() : setTimeout(check, 2));
    check();
  });
  rt.store.flush();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const senderCpuMs = await Promise.all(done);
  const rate = lines / seconds;
  const stats = rt.store.stats();
  const viewTotal = (await impl.window({ viewId: view.viewId, offset: 0, count: 1 }, ctx)).total;
  const memAll = rt.store.memoryBytes();
  await impl.closeView({ viewId: view.viewId }, ctx);
  const memStore = rt.store.memoryBytes();

  // Re-filter exactly 1,000,000 lines: the store refilled with a quarter from each source,
  // interleaved by time as they would arrive (the senders above do not finish together, so
  // what the flood left is not an even mix).
  await impl.clear({}, ctx);
  const REFILTER = 1_000_000;
  const refill = Array.from({ length: SOURCES }, (_, i) => buildLines(i, REFILTER / SOURCES, t0 + 3_600_000));
  for (let off = 0; off < refill[0]!.length; off += 65536) {
    for (let i = 0; i < SOURCES; i++)
      rt.store.append(rt.store.sourceIndex(`bench-${i}`), refill[i]!.subarray(off, off + 65536), Date.now());
  }
  rt.store.flush();
  const refilterLines = rt.store.stats().lines;
  const filters: Array<[string, Record<string, unknown>]> = [
    ['severity: error + warning', { severities: ['error', 'warning'] }],
    ['source: 1 of 4', { sourceIds: ['bench-2'] }],
    ['substring include "timed out" (any case)', { include: 'timed out' }],
    ['substring include "Agent 1023" (case-sensitive)', { include: 'Agent 1023', caseSensitive: true }],
    ['filter out "DEBUG"', { exclude: 'DEBUG' }],
    ['severity error + include "timed"', { severities: ['error'], include: 'timed' }],
    ['regex include "seq=\\d*77\\b"', { include: 'seq=\\d*77\\b', regex: true }],
  ];
  const refilter: Array<{ name: string; ms: number; matched: number }> = [];
  for (const [name, f] of filters) {
    const times: number[] = [];
    let matched = 0;
    for (let run = 0; run < 5; run++) {
      const t = process.hrtime.bigint();
      const v = await impl.openView(
        { viewId: 'bench-refilter', filter: { regex: false, caseSensitive: false, ...f } },
        ctx,
      );
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      matched = v.total;
    }
    refilter.push({ name, ms: median(times), matched });
  }
  await rt.dispose();
  bus.dispose();
  for (const child of children) child.kill();

  // lnav on the same lines.
  let lnav: { seconds: number; count: number; version: string } | null = null;
  const which = spawnSync('lnav', ['-V'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) {
    console.log('\nlnav is not installed (apt-get install -y lnav): its column is skipped.');
  } else {
    console.log(`Indexing the same lines with ${which.stdout.trim()} …`);
    // A private home, so lnav's config and index files land in the temporary folder.
    const home = join(dir, 'lnav-home');
    mkdirSync(join(home, '.config'), { recursive: true });
    const t = process.hrtime.bigint();
    const r = spawnSync('lnav', ['-n', '-c', ';SELECT count(*) FROM all_logs', ...files], {
      cwd: home,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    });
    const s = Number(process.hrtime.bigint() - t) / 1e9;
    const count = Number(/(\d+)\s*$/.exec(r.stdout.trim())?.[1] ?? NaN);
    if (r.status !== 0 || count !== lines)
      console.log(`lnav answered status ${r.status}, count ${count} (expected ${lines}): ${r.stderr.slice(0, 500)}`);
    lnav = { seconds: s, count, version: which.stdout.trim() };
  }
  rmSync(dir, { recursive: true, force: true });

  const rawHeld = stats.lines * LINE_BYTES;
  console.log('\n| measure | value | goal |');
  console.log('|---|---|---|');
  console.log(
    `| lines received, parsed and stored (4 TCP sources) | **${fmt(rate)} lines/s** (${fmt(lines)} lines, ` +
      `${mb(lines * LINE_BYTES)} in ${seconds.toFixed(2)} s, ` +
      `${((lines * LINE_BYTES) / 1048576 / seconds).toFixed(0)} MB/s) | ≥ 1,000,000 lines/s |`,
  );
  if (lnav) {
    const lnavRate = lines / lnav.seconds;
    console.log(
      `| lnav indexing the same lines (4 files) | ${fmt(lnavRate)} lines/s (${lnav.seconds.toFixed(2)} s) | — |`,
    );
    console.log(`| console ÷ lnav | **${(rate / lnavRate).toFixed(2)}×** | ≥ 0.5× |`);
  }
  console.log(
    `| store memory ÷ raw bytes held (ring + line slots + time index) | **${(memStore / rawHeld).toFixed(2)}×** ` +
      `(${mb(memStore)} for ${fmt(stats.lines)} lines, ${mb(rawHeld)}) | ≤ 1.5× |`,
  );
  console.log(`| … with the open all-lines view | ${(memAll / rawHeld).toFixed(2)}× (${mb(memAll)}) | — |`);
  console.log(
    `| lines dropped (store full) | ${fmt(stats.dropped)} (store ${capacityMB} MB holds ${fmt(stats.lines)}; view ` +
      `${fmt(viewTotal)}) | counted |`,
  );
  for (const r of refilter)
    console.log(
      `| re-filter ${fmt(refilterLines)} lines: ${r.name} | **${r.ms.toFixed(1)} ms** ` +
        `(${fmt(r.matched)} match) | ≤ 150 ms |`,
    );
  console.log(
    `| receiver CPU during the send | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s of ${seconds.toFixed(2)} s; ` +
      `senders ${senderCpuMs.map((c) => (c / 1000).toFixed(2)).join(' / ')} s | — |`,
  );
  console.log(`| event batches to the renderer sink | ${batches} in ${seconds.toFixed(2)} s | ≤ 20/s |`);
  process.exit(0);
}

if (process.argv[2] === '--sender') {
  const [, , , index, count, t0, file] = process.argv;
  void sender(Number(index), Number(count), Number(t0), file!);
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
