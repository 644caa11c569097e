/**
 * npm run bench:traps — the figures issue 8 asks for:
 *   - SNMPv2c traps on loopback at rising rates into the console's own pipeline (TrapListener
 *     → EventMatcher/mapTrap → AlarmWriter batched transactions on SQLite): a rate counts as
 *     lossless when every sent trap was received, decoded, mapped and stored (trap_log row +
 *     alarm fold) with nothing dropped; the highest such rate is then held for 30 s;
 *   - in the same run, the same packets at the same rates to Debian's snmptrapd (logging one
 *     line per trap to a pipe, counted here), and its lossless rate;
 *   - memory during a 60 s storm above the lossless rate (the queue is bounded; overflow is
 *     counted as dropped, memory must stay flat).
 *
 * The sender is a child process (this script with --sender) that paces pre-encoded packets.
 * BENCH_TRAP_STEP_S (default 5), BENCH_TRAP_HOLD_S (30), BENCH_TRAP_STORM_S (60) and
 * BENCH_TRAP_RATES (comma list) change the run; BENCH_TRAP_CPU_ONLY=1 measures only the CPU
 * time per trap of each stage (no UDP).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import snmp from 'net-snmp';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../../electron/connectors/db/engine';
import { migrateToLatest } from '../../electron/connectors/db/migrate';
import { mainDbParts } from '../../electron/features';
import { decodeMessage, encodeTrapV1, encodeTrapV2 } from '../../electron/domain/alarms/ber';
import { EventMatcher, mapTrap, packBatch, unpackBatch } from '../../electron/domain/alarms/eventConfig';
import { indexFor } from '../../electron/services/alarms/mibs';
import { MICC_BASE_OID, toTrap, windowsEnterprise } from '../../electron/domain/alarms/trap';
import { loadEventConfigs } from '../../electron/services/alarms/runtime';
import { createReceiver } from '../../electron/services/alarms/receiverHost';
import { AlarmWriter } from '../../electron/services/alarms/writer';

const STEP_S = Number(process.env.BENCH_TRAP_STEP_S ?? 5);
const HOLD_S = Number(process.env.BENCH_TRAP_HOLD_S ?? 30);
const STORM_S = Number(process.env.BENCH_TRAP_STORM_S ?? 60);
const RATES = (
  process.env.BENCH_TRAP_RATES ?? '1000,2000,5000,10000,20000,30000,40000,50000,60000,70000,80000,90000,100000'
)
  .split(',')
  .map(Number);
const TRAPD_RATES = (process.env.BENCH_TRAPD_RATES ?? RATES.join(',')).split(',').map(Number);

/**
 * 1,024 real-shaped MiCC Enterprise traps, 4 kinds × 256 servers: as the Windows event-to-trap
 * translator sends them (SNMPv1, enterprise = BaseEnterpriseOID + the event source, specific =
 * the 32-bit event ID with severity bits, a negative INTEGER on the wire; $1 = the text with
 * CR LF) and the same events forwarded as SNMPv2c (snmpTrapAddress.0 names the server). Every
 * one goes through the event recognition (event number, Windows severity, the MiCC subtree
 * configuration).
 */
function packets(): Buffer[] {
  const ERROR = 0xc0000000;
  const INFO = 0x40000000;
  const kinds = [
    ['v1', 'Router Service', ERROR + 3000, 'Fail to connect to Broker.\r\n'],
    ['v1', 'Router Service', ERROR + 3010, 'Router Service lost connection to OAS.\r\n'],
    ['v2c', 'Service Control Manager', INFO + 7036, 'The Report Service service entered the stopped state.\r\n'],
    ['v2c', 'Router Service', ERROR + 3000, 'Fail to connect to Broker.\r\n'],
  ] as const;
  const out: Buffer[] = [];
  for (let s = 0; s < 256; s++) {
    const address = `10.20.${s >> 4}.${s & 15}`;
    for (const [version, source, id, text] of kinds) {
      const enterprise = windowsEnterprise(MICC_BASE_OID, source);
      const strings = [
        { oid: `${MICC_BASE_OID}.9999.1.0`, type: 'OctetString' as const, value: text },
        { oid: `${MICC_BASE_OID}.9999.2.0`, type: 'OctetString' as const, value: `micc${s}.demo.example` },
      ];
      out.push(
        version === 'v1'
          ? encodeTrapV1({
              community: 'public',
              enterprise,
              agentAddr: address,
              generic: 6,
              specific: id | 0,
              uptime: 100_000 + out.length,
              varbinds: strings,
            })
          : encodeTrapV2({
              community: 'public',
              requestId: out.length + 1,
              uptime: 100_000 + out.length,
              trapOid: `${enterprise}.0.${id >>> 0}`,
              varbinds: [...strings, { oid: '1.3.6.1.6.3.18.1.3.0', type: 'IpAddress', value: address }],
            }),
      );
    }
  }
  return out;
}

// ------------------------------------------------------------------ sender (child process)

function runSender(): void {
  process.on('disconnect', () => process.exit(0)); // the bench is gone: stop sending
  const pkts = packets();
  const socket = dgram.createSocket({ type: 'udp4', sendBufferSize: 4 * 1024 * 1024 });
  process.on('message', (m: { port: number; rate: number; seconds: number }) => {
    const t0 = performance.now();
    const total = Math.round(m.rate * m.seconds);
    let sent = 0;
    let errors = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * m.rate));
      while (sent < due) {
        socket.send(pkts[sent % pkts.length]!, m.port, '127.0.0.1', (e) => e && errors++);
        sent++;
      }
      if (sent < total) setImmediate(tick);
      else setTimeout(() => process.send!({ sent, errors, ms: performance.now() - t0 }), 50);
    };
    tick();
  });
}

function send(
  sender: ChildProcess,
  port: number,
  rate: number,
  seconds: number,
): Promise<{ sent: number; errors: number; ms: number }> {
  return new Promise((resolve) => {
    sender.once('message', (r) => resolve(r as { sent: number; errors: number; ms: number }));
    sender.send({ port, rate, seconds });
  });
}

const udpRcvbufErrors = () => {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const head = lines[0]!.split(/\s+/);
  const vals = lines[1]!.split(/\s+/);
  return Number(vals[head.indexOf('RcvbufErrors')]);
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ------------------------------------------------------------------ the console's pipeline

async function consolePipeline() {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-traps-'));
  const db = openDb({ engine: 'sqlite', file: join(dir, 'traps.sqlite') });
  await migrateToLatest(db, mainDbParts.migrations);
  const configs = await loadEventConfigs(db);
  let mapped = 0;
  const writer = new AlarmWriter(
    () => db,
    { consoleId: 'bench', committed: () => {} },
    () => {},
    (e) => console.error('store failed', e),
  );
  // As the console runs it: the receiver worker built next to main (out/main/alarmsReceiver.cjs).
  const workerFile = resolve(__dirname, '../main/alarmsReceiver.cjs');
  const receiver = createReceiver(
    {
      listener: {
        address: '127.0.0.1',
        port: 0,
        communities: ['public'],
        acceptAnyHost: true,
        acceptHosts: [],
        v3Users: [],
        engineId: '800000c10400',
      },
      configs,
      mibs: [],
    },
    {
      mapped: (batch) => {
        for (const m of batch) if (writer.push(m)) mapped++;
      },
      dropLog: () => {},
    },
    existsSync(workerFile) ? workerFile : null,
  );
  const bound = await receiver.start();
  let base = { received: 0, decoded: 0, dropped: 0 };
  const raw = () => {
    const c = receiver.counts();
    return { received: c.received, decoded: c.decoded, dropped: Object.values(c.dropped).reduce((a, b) => a + b, 0) };
  };
  return {
    port: bound.port,
    recvBuffer: bound.recvBufferBytes,
    worker: existsSync(workerFile),
    counts: () => {
      const r = raw();
      return {
        received: r.received - base.received,
        decoded: r.decoded - base.decoded,
        dropped: r.dropped - base.dropped,
        mapped,
        stored: writer.stored,
        queued: writer.queued,
        overflow: writer.overflow,
      };
    },
    reset() {
      base = raw();
      mapped = 0;
      writer.stored = 0;
      writer.overflow = 0;
    },
    async drain(ms = 10_000) {
      const end = Date.now() + ms;
      let last = -1;
      let stable = 0;
      while (Date.now() < end && stable < 2) {
        await writer.flush();
        await sleep(300);
        const now = raw().received;
        stable = now === last && writer.queued === 0 ? stable + 1 : 0;
        last = now;
      }
    },
    async close() {
      await receiver.close();
      await writer.dispose();
      const rows = await db.kysely
        .selectFrom('trap_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      // The recognition was in the path: every event named by its number, none in Unknown traps.
      const sample = await db.kysely
        .selectFrom('trap_log')
        .select(['name', 'category', 'severity', 'message'])
        .orderBy('id', 'desc')
        .limit(4)
        .execute();
      const unknown = await db.kysely
        .selectFrom('trap_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('category', '=', 'Unknown traps')
        .executeTakeFirst();
      console.log(
        `\nRecognition: ${fmt(Number(unknown?.n ?? 0))} traps in Unknown traps; last stored: ` +
          `${sample.map((r) => `${r.name} / ${r.category} / ${r.severity} / "${r.message}"`).join('; ')}`,
      );
      await db.close();
      rmSync(dir, { recursive: true, force: true });
      return Number(rows?.n ?? 0);
    },
  };
}

// ------------------------------------------------------------------ snmptrapd

async function snmptrapd() {
  const dir = mkdtempSync(join(tmpdir(), 'ccm-bench-snmptrapd-'));
  const conf = join(dir, 'snmptrapd.conf');
  const log = join(dir, 'traps.log');
  // Accept everything; one short line per trap to a log file (net-snmp flushes its file log per
  // message), counted here; no DNS lookups (-n), no MIB loading (-m "": Debian ships none of the
  // standard MIBs without snmp-mibs-downloader, so loading them only prints errors).
  writeFileSync(conf, 'disableAuthorization yes\ndoNotRetainNotificationLogs yes\n');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(
    'snmptrapd',
    ['-f', '-C', '-c', conf, '-Lf', log, '-n', '-m', '', '-F', 'T\\n', '-p', join(dir, 'pid'), `udp:127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (b) => (err += b));
  process.once('exit', () => child.kill('SIGTERM')); // never leave it running
  await sleep(1500);
  if (child.exitCode !== null) throw new Error(`snmptrapd did not start: ${err}`);
  let offset = 0;
  let lines = 0;
  const read = () => {
    let buf: Buffer;
    try {
      buf = readFileSync(log);
    } catch {
      return lines;
    }
    for (let i = offset; i < buf.length; i++) if (buf[i] === 10) lines++;
    offset = buf.length;
    return lines;
  };
  read(); // the "NET-SNMP version … started" line
  let base = lines;
  return {
    port,
    counts: () => read() - base,
    reset() {
      base = read();
    },
    async drain() {
      let last = -1;
      for (let i = 0; i < 40 && read() !== last; i++) {
        last = lines;
        await sleep(300);
      }
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// CPU time per trap of each stage, measured without UDP (process CPU time, so less sensitive
// to other processes on a shared machine than wall-clock rates): a capacity estimate per core.
// Each stage is what its thread does per trap: the receiver decodes (decodeMessage + toTrap, one
// receive time per batch as the listener's per-millisecond clock gives), maps (event
// configuration) and packs (2,000 per batch); main unpacks and stores (AlarmWriter, 20,000 per
// transaction). BENCH_TRAP_CPU_ROUNDS rounds (default 3) after a warm-up; the median is reported.
async function cpuPerTrap() {
  const pk = packets();
  const db2 = openDb({ engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'ccm-bench-cpu-')), 'cpu.sqlite') });
  await migrateToLatest(db2, mainDbParts.migrations);
  const matcher = new EventMatcher(await loadEventConfigs(db2));
  const mib = indexFor([]).index;
  const N = 200_000;
  const BATCH = 2000;
  // Batches per writer transaction (BENCH_TRAP_CPU_STORE_BATCHES, default 10: 20,000 traps).
  const STORE_BATCHES = Number(process.env.BENCH_TRAP_CPU_STORE_BATCHES ?? 10);
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  const w = new AlarmWriter(
    () => db2,
    { consoleId: 'bench', committed: () => {} },
    () => {},
    (e) => console.error(e),
  );
  // Batch by batch as the threads do it (a batch's objects die young, as they do in the console).
  const round = async (n: number) => {
    const at = new Date().toISOString();
    const us = { decodeUs: 0, mapUs: 0, packUs: 0, unpackUs: 0, storeUs: 0 };
    const stored0 = w.stored;
    let json: string[] = [];
    for (let i = 0; i < n; i += BATCH) {
      let t = cpu();
      const traps = new Array<ReturnType<typeof toTrap>>(BATCH);
      for (let j = 0; j < BATCH; j++) traps[j] = toTrap(decodeMessage(pk[(i + j) % pk.length]!), '127.0.0.1', at);
      let t2 = cpu();
      us.decodeUs += t2 - t;
      const mapped = new Array<ReturnType<typeof mapTrap>>(BATCH);
      for (let j = 0; j < BATCH; j++) mapped[j] = mapTrap(traps[j]!, matcher, mib);
      t = cpu();
      us.mapUs += t - t2;
      json.push(packBatch(mapped));
      t2 = cpu();
      us.packUs += t2 - t;
      if (json.length === STORE_BATCHES || i + BATCH >= n) {
        // Main: unpack what arrived, push into the writer, one transaction per 20,000.
        t = cpu();
        const unpacked = json.map((x) => unpackBatch(x));
        t2 = cpu();
        us.unpackUs += t2 - t;
        for (const list of unpacked) for (const m of list) w.push(m);
        await w.flush();
        us.storeUs += cpu() - t2;
        json = [];
      }
    }
    if (w.stored - stored0 !== n) console.log(`  (stored ${w.stored - stored0} of ${n})`);
    for (const k of Object.keys(us) as (keyof typeof us)[]) us[k] /= n;
    return us;
  };
  await round(20_000); // warm-up: JIT, caches, prepared statements
  const rounds: Awaited<ReturnType<typeof round>>[] = [];
  for (let r = 0; r < Number(process.env.BENCH_TRAP_CPU_ROUNDS ?? 3); r++) rounds.push(await round(N));
  const med = (f: (x: (typeof rounds)[number]) => number) => {
    const v = rounds.map(f).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  // net-snmp's own receiver on the same packets (fed directly, an inert socket), decode only.
  const inert = { createSocket: () => ({ on() {}, once() {}, bind() {}, close() {}, address: () => ({}) }) };
  let got = 0;
  const r = snmp.createReceiver({ port: 1, address: '127.0.0.1', dgramModule: inert } as never, (err: Error | null) => {
    if (!err) got++;
  });
  r.getAuthorizer().addCommunity('public');
  const rinfo = { address: '127.0.0.1', family: 'IPv4', port: 40000, size: 0 };
  for (let i = 0; i < 20_000; i++) r.onMsg(null as never, pk[i % pk.length]!, rinfo as never);
  const t = cpu();
  for (let i = 0; i < N; i++) r.onMsg(null as never, pk[i % pk.length]!, rinfo as never);
  const netSnmpUs = (cpu() - t) / N;
  if (got !== N + 20_000) console.log(`  (net-snmp decoded ${got} of ${N + 20_000})`);
  await db2.close();
  const f = (x: number) => x.toFixed(2);
  for (const [i, x] of rounds.entries())
    console.log(
      `  round ${i + 1}: decode ${f(x.decodeUs)}, map ${f(x.mapUs)}, pack ${f(x.packUs)} µs (receiver); unpack ` +
        `${f(x.unpackUs)}, store ${f(x.storeUs)} µs (main)`,
    );
  const recv = med((x) => x.decodeUs + x.mapUs + x.packUs);
  const mainUs = med((x) => x.unpackUs + x.storeUs);
  console.log(
    `\nCPU per trap (no UDP, ${fmt(N)} traps, median of ${rounds.length}): net-snmp's receiver, decode only ` +
      `${f(netSnmpUs)} µs; ours: decode ${f(med((x) => x.decodeUs))} + map ${f(med((x) => x.mapUs))} + pack ` +
      `${f(med((x) => x.packUs))} = ${f(recv)} µs (receiver thread); unpack ${f(med((x) => x.unpackUs))} + store ` +
      `${f(med((x) => x.storeUs))} = ${f(mainUs)} µs (main thread) → about ${fmt(1e6 / recv)}/s and ` +
      `${fmt(1e6 / mainUs)}/s per core before the socket's own cost; load average now ` +
      `${(await import('node:os')).loadavg()[0]!.toFixed(1)} on ${(await import('node:os')).cpus().length} cores`,
  );
}

// ------------------------------------------------------------------ the run

async function main() {
  if (process.argv.includes('--sender')) return runSender();
  if (process.env.BENCH_TRAP_CPU_ONLY) {
    await cpuPerTrap();
    process.exit(0);
  }
  const sender = fork(__filename, ['--sender'], { stdio: 'inherit' });
  process.once('exit', () => sender.kill());
  const us = await consolePipeline();
  console.log(
    `bench:traps — real-shaped MiCC event traps, v1 and v2c forwards ` +
      `(~${packets()[0]!.length}–${packets()[2]!.length} bytes) on loopback; receiver ` +
      `${us.worker ? 'in its worker thread' : 'in-process (no built worker)'}; receive buffer ` +
      `${(us.recvBuffer / 1048576).toFixed(1)} MB; steps of ${STEP_S} s, hold ${HOLD_S} s, storm ${STORM_S} s`,
  );

  const trialUs = async (rate: number, seconds: number) => {
    us.reset();
    const kernel0 = udpRcvbufErrors();
    const s = await send(sender, us.port, rate, seconds);
    await us.drain();
    const c = us.counts();
    const lossless =
      c.received === s.sent && c.decoded === s.sent && c.mapped === s.sent && c.stored === s.sent && c.dropped === 0;
    const achieved = s.sent / (s.ms / 1000);
    console.log(
      `  console   ${fmt(rate).padStart(7)}/s for ${seconds}s: sent ${fmt(s.sent)} (${fmt(achieved)}/s achieved), ` +
        `received ${fmt(c.received)}, decoded ${fmt(c.decoded)}, mapped ${fmt(c.mapped)}, stored ${fmt(c.stored)}, ` +
        `dropped ${fmt(c.dropped + c.overflow)}, kernel drops ${fmt(udpRcvbufErrors() - kernel0)} → ` +
        `${lossless ? 'LOSSLESS' : 'loss'}`,
    );
    return { lossless, achieved };
  };

  const ladder = async (
    name: string,
    trial: (rate: number, seconds: number) => Promise<{ lossless: boolean; achieved: number }>,
    rates = RATES,
  ) => {
    let best = 0;
    let lossy = 0;
    for (const rate of rates) {
      const r = await trial(rate, STEP_S);
      // The sender itself cannot go faster: stop rather than report a rate nobody sent.
      if (!r.lossless || r.achieved < rate * 0.95) {
        lossy = rate;
        break;
      }
      best = rate;
    }
    // Refine between the last lossless and the first lossy step (two halvings), so neither
    // receiver is judged by the coarseness of the ladder.
    for (let i = 0; i < 2 && lossy > 0 && lossy - best > 2000; i++) {
      const mid = Math.round((best + lossy) / 2 / 1000) * 1000;
      if ((await trial(mid, STEP_S)).lossless) best = mid;
      else lossy = mid;
    }
    let held = 0;
    // Hold the best step; if it does not hold for the whole time, step down 5% at a time.
    for (
      let rate = best, tries = 0;
      rate > 0 && held === 0 && tries < 6;
      rate = Math.floor((rate * 0.95) / 1000) * 1000, tries++
    ) {
      const r = await trial(rate, HOLD_S);
      if (r.lossless) held = rate;
    }
    console.log(`  ${name}: highest rate held ${HOLD_S} s with zero loss: ${fmt(held)} traps/s`);
    return held;
  };

  console.log('\nThe console (listener → decode → event configuration → batched SQLite transactions):');
  const ours = await ladder('console', trialUs);

  let theirs = 0;
  try {
    const d = await snmptrapd();
    console.log(
      `\nDebian snmptrapd (${process.env.SNMPTRAPD_VERSION ?? 'net-snmp 5.9'}) on port ${d.port}, one log line per ` +
        `trap to a pipe:`,
    );
    theirs = await ladder(
      'snmptrapd',
      async (rate, seconds) => {
        d.reset();
        const kernel0 = udpRcvbufErrors();
        const s = await send(sender, d.port, rate, seconds);
        await d.drain();
        const got = d.counts();
        const achieved = s.sent / (s.ms / 1000);
        console.log(
          `  snmptrapd ${fmt(rate).padStart(7)}/s for ${seconds}s: sent ${fmt(s.sent)} (${fmt(achieved)}/s ` +
            `achieved), logged ${fmt(got)}, kernel drops ${fmt(udpRcvbufErrors() - kernel0)} → ` +
            `${got === s.sent ? 'LOSSLESS' : 'loss'}`,
        );
        return { lossless: got === s.sent, achieved };
      },
      TRAPD_RATES,
    );
    await d.close();
  } catch (err) {
    console.log(
      `\nsnmptrapd not run: ${err instanceof Error ? err.message : String(err)} (install it with: apt-get install ` +
        `snmptrapd)`,
    );
  }

  // Storm: twice the lossless rate (at least 80,000/s) for STORM_S seconds; memory sampled every second.
  const stormRate = Math.max(80_000, ours * 2);
  console.log(`\nStorm: ${fmt(stormRate)}/s for ${STORM_S} s (memory sampled each second):`);
  us.reset();
  const rss0 = process.memoryUsage().rss;
  let peakRss = rss0;
  let peakHeap = 0;
  let peakQueue = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakQueue = Math.max(peakQueue, us.counts().queued);
  }, 1000);
  const s = await send(sender, us.port, stormRate, STORM_S);
  await us.drain(20_000);
  clearInterval(timer);
  const c = us.counts();
  console.log(
    `  sent ${fmt(s.sent)} (${fmt(s.sent / (s.ms / 1000))}/s achieved), received ${fmt(c.received)}, stored ` +
      `${fmt(c.stored)}, queue overflow ${fmt(c.overflow + c.dropped)} (counted, not kept); RSS ` +
      `${fmt(rss0 / 1048576)} MB before, peak ${fmt(peakRss / 1048576)} MB; peak heap ${fmt(peakHeap / 1048576)} ` +
      `MB; peak queue ${fmt(peakQueue)} traps`,
  );

  await cpuPerTrap();

  const rows = await us.close();
  sender.kill();
  console.log(
    `\nSummary: console ${fmt(ours)} traps/s held ${HOLD_S} s with zero loss; snmptrapd ${fmt(theirs)} traps/s; ` +
      `ratio ${theirs ? (ours / theirs).toFixed(2) : 'n/a'}× (goals: ≥ 40,000/s and ≥ 2.5×); trap_log rows written ` +
      `in the run: ${fmt(rows)}.`,
  );
  process.exit(0);
}

void main();
