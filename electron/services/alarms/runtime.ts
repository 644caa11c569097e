import { hostname } from 'node:os';
import type { AlarmCounters, AlarmListenerStatus } from '../../contract/services/alarms';
import type { Selectable } from 'kysely';
import type { Db } from '../../connectors/db/engine';
import type { Database } from '../../connectors/db/schema';
import { ListenError, type ListenerConfig, type ReplayState, type V3User } from '../../connectors/snmp/trapListener';
import {
  EventMatcher,
  mapTrap,
  type EventConfig,
  type Severity as AlarmSeverity,
} from '../../domain/alarms/eventConfig';
import type { Trap } from '../../domain/alarms/trap';
import type { MibIndex } from '../../domain/alarms/mib';
import { DEMO_PROFILE_ID } from '../data';
import type { ServiceDeps } from '../deps';
import { DemoTrapSource } from './demoSource';
import { indexFor } from './mibs';
import { createReceiver, type Receiver } from './receiverHost';
import type { ReceiverSetup, V3Seen } from './receiverCore';
import { AlarmWriter, applyRetention, RaisedQueue } from './writer';

export const DEMO_ADDRESS = '127.0.0.1';
export const DEMO_PORT = 10162;
export const secretKey = (user: string, which: 'auth' | 'priv') => `snmpv3:${user}:${which}`;

export interface LoadedSettings {
  enabled: boolean;
  address: string;
  port: number;
  communities: string[];
  acceptAnyHost: boolean;
  acceptHosts: string[];
  engineId: string;
  retentionDays: number;
  maxTrapRows: number;
  notifyDesktop: boolean;
}

export async function loadSettings(db: Db): Promise<LoadedSettings> {
  const r = await db.kysely.selectFrom('alarm_listener').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return {
    enabled: r.enabled === 1,
    address: r.address,
    port: r.port,
    communities: JSON.parse(r.communities) as string[],
    acceptAnyHost: r.accept_any_host === 1,
    acceptHosts: JSON.parse(r.accept_hosts) as string[],
    engineId: r.engine_id,
    retentionDays: r.retention_days,
    maxTrapRows: r.max_trap_rows,
    notifyDesktop: r.notify_desktop === 1,
  };
}

export async function loadEventConfigs(db: Db): Promise<EventConfig[]> {
  const rows = await db.kysely.selectFrom('alarm_event_config').selectAll().orderBy('id').execute();
  return rows.map(toEventConfig);
}

/** A stored configuration row as the matcher reads it. */
export function toEventConfig(r: Selectable<Database['alarm_event_config']>): EventConfig {
  return {
    id: r.id,
    oidPattern: r.oid_pattern,
    name: r.name,
    category: r.category,
    severity: r.severity as AlarmSeverity,
    severityFromEvent: r.severity_from_event === 1,
    messageFormat: r.message_format,
    dedupeKey: r.dedupe_key,
    clearKey: r.clear_key,
  };
}

/** The computer a listener's counters and replay cache belong to (several consoles may share one database). */
export const stateHost = () => hostname().slice(0, 255) || 'localhost';
/**
 * Replay-cache entries younger than this are kept in the database (past the 150 s window the clock check refuses
 * anyway).
 */
const REPLAY_KEEP_MS = 10 * 60_000;

interface PersistedCounters {
  received: number;
  decoded: number;
  ignored: number;
  stored: number;
  overflow: number;
  failed: number;
  dropped: Record<string, number>;
}

export async function loadCounters(db: Db, host = stateHost()): Promise<PersistedCounters | null> {
  const r = await db.kysely
    .selectFrom('alarm_listener_state')
    .select('counters')
    .where('host', '=', host)
    .executeTakeFirst();
  if (!r) return null;
  try {
    const c = JSON.parse(r.counters) as Partial<PersistedCounters>;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
    const dropped: Record<string, number> = {};
    for (const [k, v] of Object.entries(c.dropped ?? {})) dropped[k] = num(v);
    return {
      received: num(c.received),
      decoded: num(c.decoded),
      ignored: num(c.ignored),
      stored: num(c.stored),
      overflow: num(c.overflow),
      failed: num(c.failed),
      dropped,
    };
  } catch {
    return null;
  }
}

export async function loadReplayState(db: Db, now = Date.now(), host = stateHost()): Promise<ReplayState> {
  const [d, e] = await Promise.all([
    db.kysely
      .selectFrom('alarm_v3_replay')
      .select(['digest', 'seen_at'])
      .where('host', '=', host)
      .where('seen_at', '>', now - REPLAY_KEEP_MS)
      .execute(),
    db.kysely
      .selectFrom('alarm_v3_engine')
      .select(['engine_id', 'boots', 'engine_time', 'seen_at'])
      .where('host', '=', host)
      .execute(),
  ]);
  return {
    digests: d.map((r) => ({ digest: r.digest, at: Number(r.seen_at) })),
    clocks: e.map((r) => ({
      engineId: r.engine_id,
      boots: Number(r.boots),
      time: Number(r.engine_time),
      at: Number(r.seen_at),
    })),
  };
}

export async function loadImportedMibs(db: Db) {
  return db.kysely
    .selectFrom('alarm_mib')
    .select(['module_name', 'file_name', 'text', 'imported_at', 'imported_by'])
    .orderBy('id')
    .execute();
}

/**
 * The running parts of the alarms feature: the listener, the batching writer, the retention
 * timer, the demo source and the throttled events. It follows the console's database: when
 * one is connected it loads settings, MIBs and event configuration and starts listening;
 * when it goes away everything stops (the queue is flushed first).
 */
export class AlarmsRuntime {
  private db: Db | null = null;
  private receiver: Receiver | null = null;
  private demo: DemoTrapSource | null = null;
  private configs: EventConfig[] = [];
  private mibTexts: ReceiverSetup['mibs'] = [];
  mib: MibIndex = indexFor([]).index;
  settings: LoadedSettings | null = null;
  readonly writer: AlarmWriter;
  private state: AlarmListenerStatus['state'] = 'no-database';
  private address = '';
  private port = 0;
  private message: string | null = null;
  private recvBufferBytes = 0;
  /** Counts of receivers stopped earlier in this run (a restart must not reset the live counters). */
  private base = { received: 0, decoded: 0, ignored: 0, dropped: {} as Record<string, number> };
  /** Counters carried over from before a restart (the database's alarm_listener_state), added to the writer's. */
  private carried = { stored: 0, overflow: 0, failed: 0 };
  private writerAtLoad = { stored: 0, overflow: 0, failed: 0 };
  private lastPersisted = '';
  private replayPending: V3Seen[] = [];
  private replayTimer: NodeJS.Timeout | null = null;
  private readonly rate: number[] = [];
  private lastDecoded = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private changedTimer: NodeJS.Timeout | null = null;
  private lastChangedEmit = 0;
  private disposed = false;
  private restarting: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly opts: {
      watchMs?: number;
      retentionMs?: number;
      demoIntervalMs?: number;
      receiverWorker?: string | null;
    } = {},
  ) {
    this.writer = new AlarmWriter(
      () => this.db,
      deps.data,
      (r) => {
        this.emitChanged();
        // New Critical/Major alarms go out with the next throttled alarms.changed.
        this.raised.add(r.raised);
      },
      (err) => this.deps.log.error('storing traps failed', { error: err instanceof Error ? err.message : String(err) }),
    );
    // Follow the database; one sample a second for the rate chart and the stats event.
    this.timers.push(setInterval(() => void this.watch(), opts.watchMs ?? 1000));
    this.timers.push(
      setInterval(() => {
        const decoded = this.counts().decoded;
        this.rate.push(decoded - this.lastDecoded);
        this.lastDecoded = decoded;
        if (this.rate.length > 120) this.rate.shift();
        if (this.state !== 'no-database') this.deps.bus.emit('alarms.stats', this.status());
        if (++this.persistTick % 2 === 0) void this.persistCounters().catch(() => {});
      }, 1000),
    );
    this.timers.push(setInterval(() => void this.retention(), opts.retentionMs ?? 60_000));
    for (const t of this.timers) t.unref?.();
    void this.watch();
  }

  get isDemo(): boolean {
    return this.deps.profiles.selected()?.id === DEMO_PROFILE_ID;
  }

  private counts() {
    const live = this.receiver?.counts() ?? { received: 0, decoded: 0, ignored: 0, dropped: {} };
    const dropped: Record<string, number> = { ...this.base.dropped };
    for (const [k, v] of Object.entries(live.dropped)) dropped[k] = (dropped[k] ?? 0) + v;
    return {
      received: this.base.received + live.received,
      decoded: this.base.decoded + live.decoded,
      ignored: this.base.ignored + live.ignored,
      dropped,
    };
  }

  private writerCounts() {
    const w = this.writer;
    return {
      stored: this.carried.stored + w.stored - this.writerAtLoad.stored,
      overflow: this.carried.overflow + w.overflow - this.writerAtLoad.overflow,
      failed: this.carried.failed + w.failed - this.writerAtLoad.failed,
    };
  }

  counters(): AlarmCounters {
    const c = this.counts();
    const w = this.writerCounts();
    return {
      received: c.received,
      decoded: c.decoded,
      stored: w.stored,
      queued: this.writer.queued,
      dropped: {
        ...c.dropped,
        ...(w.overflow || c.dropped['queue-full'] ? { 'queue-full': w.overflow + (c.dropped['queue-full'] ?? 0) } : {}),
        ...(w.failed ? { 'store-failed': w.failed } : {}),
        ...(c.ignored ? { ignored: c.ignored } : {}),
      },
      rate: [...this.rate],
    };
  }

  /** Writes the counters (when they changed) for this computer, so a restart continues them. */
  async persistCounters(db = this.db): Promise<void> {
    if (!db) return;
    const c = this.counts();
    const w = this.writerCounts();
    const value: PersistedCounters = {
      received: c.received,
      decoded: c.decoded,
      ignored: c.ignored,
      stored: w.stored,
      overflow: w.overflow,
      failed: w.failed,
      dropped: c.dropped,
    };
    const text = JSON.stringify(value);
    if (text === this.lastPersisted) return;
    const now = new Date().toISOString();
    await db.kysely
      .insertInto('alarm_listener_state')
      .values({ host: stateHost(), counters: text, updated_at: now })
      .onConflict((oc) => oc.column('host').doUpdateSet({ counters: text, updated_at: now }))
      .execute();
    this.lastPersisted = text;
  }

  /** Counters of this computer from the database (or zero): the run continues from them. */
  private async loadCarried(db: Db | null): Promise<void> {
    const p = db ? await loadCounters(db).catch(() => null) : null;
    this.base = {
      received: p?.received ?? 0,
      decoded: p?.decoded ?? 0,
      ignored: p?.ignored ?? 0,
      dropped: { ...(p?.dropped ?? {}) },
    };
    delete this.base.dropped['queue-full'];
    this.carried = { stored: p?.stored ?? 0, overflow: p?.overflow ?? 0, failed: p?.failed ?? 0 };
    this.writerAtLoad = { stored: this.writer.stored, overflow: this.writer.overflow, failed: this.writer.failed };
    this.lastDecoded = this.base.decoded;
    this.lastPersisted = p ? JSON.stringify(p) : '';
  }

  private queueReplay(seen: V3Seen): void {
    this.replayPending.push(seen);
    if (!this.replayTimer) {
      this.replayTimer = setTimeout(() => void this.persistReplay(), 200);
      this.replayTimer.unref?.();
    }
  }

  /** Accepted SNMPv3 digests and engine clocks to the database (the replay cache survives a restart). */
  async persistReplay(db = this.db): Promise<void> {
    if (this.replayTimer) clearTimeout(this.replayTimer);
    this.replayTimer = null;
    const batch = this.replayPending.splice(0);
    if (!db || batch.length === 0) return;
    const host = stateHost();
    try {
      const k = db.kysely;
      for (let i = 0; i < batch.length; i += 200) {
        await k
          .insertInto('alarm_v3_replay')
          .values(batch.slice(i, i + 200).map((b) => ({ host, digest: b.digest.slice(0, 400), seen_at: b.at })))
          .onConflict((oc) => oc.columns(['host', 'digest']).doNothing())
          .execute();
      }
      const clocks = new Map(batch.map((b) => [b.engineId, b]));
      for (const b of clocks.values()) {
        const v = { boots: b.boots, engine_time: b.time, seen_at: b.at };
        await k
          .insertInto('alarm_v3_engine')
          .values({ host, engine_id: b.engineId.slice(0, 130), ...v })
          .onConflict((oc) => oc.columns(['host', 'engine_id']).doUpdateSet(v))
          .execute();
      }
      await k
        .deleteFrom('alarm_v3_replay')
        .where('host', '=', host)
        .where('seen_at', '<', Date.now() - REPLAY_KEEP_MS)
        .execute();
    } catch (err) {
      this.deps.log.warn('storing the SNMPv3 replay cache failed', { error: String(err) });
    }
  }

  status(): AlarmListenerStatus {
    return {
      state: this.state,
      address: this.address,
      port: this.port,
      message: this.message,
      recvBufferBytes: this.recvBufferBytes,
      demo: this.isDemo && this.demo !== null,
      counters: this.counters(),
    };
  }

  /** Where this console's own listener can be reached (for the test trap). */
  target(): { host: string; port: number } | null {
    if (this.state !== 'listening') return null;
    const host = this.address === '0.0.0.0' || this.address === '::' ? '127.0.0.1' : this.address;
    return { host, port: this.port };
  }

  private async watch(): Promise<void> {
    if (this.disposed) return;
    const connected = this.deps.data.status().state === 'connected';
    let db: Db | null;
    try {
      db = connected ? this.deps.data.require() : null;
    } catch {
      db = null;
    }
    if (db === this.db) {
      if (db && ++this.ticks % 5 === 0) await this.followOtherConsoles(db);
      return;
    }
    await this.writer.flush().catch(() => {});
    const old = this.db;
    this.db = db;
    this.stamp = db ? await this.configStamp(db).catch(() => '') : '';
    await this.restart(old, db);
  }

  private ticks = 0;
  private persistTick = 0;
  private stamp = '';

  /** What another console may change: listener settings, v3 users, event configuration, MIBs. */
  private async configStamp(db: Db): Promise<string> {
    const k = db.kysely;
    const [l, e, m, u] = await Promise.all([
      k.selectFrom('alarm_listener').select(['version']).where('id', '=', 1).executeTakeFirst(),
      k
        .selectFrom('alarm_event_config')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('t')])
        .executeTakeFirst(),
      k
        .selectFrom('alarm_mib')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('imported_at').as('t')])
        .executeTakeFirst(),
      k
        .selectFrom('alarm_v3_user')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('t')])
        .executeTakeFirst(),
    ]);
    return JSON.stringify([l?.version, e, m, u]);
  }

  /**
   * Every 5 s: another console changed the settings → restart; the configuration or MIBs → reload.
   * Runs in the restart chain: a check that read the database between this console's own save
   * and the restart that save awaits would otherwise see the save as another console's and
   * restart once more — with port 0 (any free port) the listener would move to another port
   * after the caller was told the first.
   */
  private followOtherConsoles(db: Db): Promise<void> {
    this.restarting = this.restarting
      .then(async () => {
        if (this.db !== db || this.disposed) return;
        const now = await this.configStamp(db);
        if (now === this.stamp) return;
        const before = this.stamp ? (JSON.parse(this.stamp) as unknown[]) : [];
        const after = JSON.parse(now) as unknown[];
        this.stamp = now;
        if (before[0] !== after[0] || JSON.stringify(before[3]) !== JSON.stringify(after[3])) await this.doRestart();
        else await this.reloadConfig();
      })
      .catch(() => {
        // The next tick tries again.
      });
    return this.restarting;
  }

  /** Re-reads settings, MIBs and event configuration and (re)starts the listener. */
  restart(from?: Db | null, to?: Db | null): Promise<void> {
    this.restarting = this.restarting
      .then(() => this.doRestart(from, to))
      .catch((err) => this.deps.log.error('alarms restart failed', { error: String(err) }));
    return this.restarting;
  }

  private async doRestart(from?: Db | null, to?: Db | null): Promise<void> {
    await this.stopListening(from === undefined ? this.db : from);
    // Another database: its counters for this computer continue (each database keeps its own).
    if (to !== undefined) await this.loadCarried(to);
    const db = this.db;
    if (!db || this.disposed) {
      this.state = 'no-database';
      return;
    }
    this.stamp = await this.configStamp(db).catch(() => this.stamp);
    await this.reloadConfig();
    const s = (this.settings = await loadSettings(db));
    const demo = this.isDemo;
    if (!s.enabled && !demo) {
      this.state = 'disabled';
      this.message = null;
      return;
    }
    const users = await this.v3Users(db);
    const cfg: ListenerConfig = {
      address: demo && !s.enabled ? DEMO_ADDRESS : s.address,
      port: demo && !s.enabled ? DEMO_PORT : s.port,
      communities: s.communities,
      acceptAnyHost: s.acceptAnyHost,
      acceptHosts: s.acceptHosts,
      v3Users: users,
      engineId: s.engineId,
      replay: users.length > 0 ? await loadReplayState(db).catch(() => undefined) : undefined,
    };
    this.state = 'starting';
    const sink = {
      mapped: (batch: Parameters<AlarmWriter['push']>[0][]) => {
        for (const m of batch) this.writer.push(m);
      },
      dropLog: (source: string, reason: string, detail: string) =>
        this.deps.log.warn('SNMP packet dropped', { source, reason, detail }),
      v3Seen: (seen: V3Seen) => this.queueReplay(seen),
    };
    const setup = (c: ListenerConfig): ReceiverSetup => ({ listener: c, configs: this.configs, mibs: this.mibTexts });
    const make = (c: ListenerConfig) =>
      this.opts.receiverWorker === undefined
        ? createReceiver(setup(c), sink)
        : createReceiver(setup(c), sink, this.opts.receiverWorker);
    try {
      let receiver = make(cfg);
      let bound;
      try {
        bound = await receiver.start();
        this.message = null;
      } catch (err) {
        // The demo falls back to any free port so two demo consoles can run side by side.
        if (!(demo && !s.enabled && err instanceof ListenError && err.code === 'EADDRINUSE')) throw err;
        receiver = make({ ...cfg, port: 0 });
        bound = await receiver.start();
        this.message =
          `Port ${DEMO_PORT} is in use (another console?); the demo listens on ` +
          `${bound.address}:${bound.port} instead.`;
      }
      this.receiver = receiver;
      this.address = bound.address;
      this.port = bound.port;
      this.recvBufferBytes = bound.recvBufferBytes;
      this.state = 'listening';
      this.deps.log.info('SNMP trap listener started', {
        address: bound.address,
        port: bound.port,
        recvBuffer: this.recvBufferBytes,
      });
      if (demo) {
        this.demo = new DemoTrapSource({
          host: '127.0.0.1',
          port: bound.port,
          community: s.communities[0] ?? 'public',
          intervalMs: this.opts.demoIntervalMs,
        });
        this.demo.start();
      }
    } catch (err) {
      this.state = 'error';
      this.address = cfg.address;
      this.port = cfg.port;
      this.message = err instanceof Error ? err.message : String(err);
      this.deps.log.warn('SNMP trap listener could not start', { reason: this.message });
      this.deps.notices.raise('error', this.message);
    }
    this.emitStats();
  }

  async reloadConfig(): Promise<void> {
    const db = this.db;
    if (!db) return;
    const [configs, mibs] = await Promise.all([loadEventConfigs(db), loadImportedMibs(db)]);
    this.configs = configs;
    this.mibTexts = mibs.map((m) => ({ fileName: m.file_name, text: m.text }));
    this.mib = indexFor(this.mibTexts).index;
    this.receiver?.reconfigure(this.configs, this.mibTexts);
    this.stamp = await this.configStamp(db).catch(() => this.stamp);
  }

  private async v3Users(db: Db): Promise<V3User[]> {
    const rows = await db.kysely.selectFrom('alarm_v3_user').selectAll().execute();
    const out: V3User[] = [];
    for (const r of rows) {
      let authKey: string | undefined;
      let privKey: string | undefined;
      try {
        authKey = (await this.deps.secrets.get(secretKey(r.name, 'auth'))) ?? undefined;
        privKey = (await this.deps.secrets.get(secretKey(r.name, 'priv'))) ?? undefined;
      } catch {
        this.deps.log.warn('keychain unavailable: SNMPv3 user skipped', { user: r.name });
        continue;
      }
      out.push({
        name: r.name,
        level: r.level as V3User['level'],
        authProtocol: r.auth_protocol as V3User['authProtocol'],
        privProtocol: r.priv_protocol as V3User['privProtocol'],
        authKey,
        privKey,
      });
    }
    return out;
  }

  private async stopListening(db: Db | null = this.db): Promise<void> {
    this.demo?.stop();
    this.demo = null;
    const r = this.receiver;
    if (!r) return;
    await r.close();
    // Keep the run's totals across restarts.
    const c = r.counts();
    this.base.received += c.received;
    this.base.decoded += c.decoded;
    this.base.ignored += c.ignored;
    for (const [k, v] of Object.entries(c.dropped)) this.base.dropped[k] = (this.base.dropped[k] ?? 0) + v;
    this.receiver = null;
    if (db === this.db) await this.writer.flush().catch(() => {});
    await this.persistReplay(db);
    await this.persistCounters(db).catch((err) =>
      this.deps.log.warn('storing the listener counters failed', { error: String(err) }),
    );
  }

  /** alarms.changed at most ~4 a second, whatever the trap rate. */
  /**
   * An alarm raised by main itself (not received on the listener): mapped by the same event
   * configuration as a received trap, so it folds, clears and notifies like one (the Genesys Cloud
   * feature raises 47000 when its connection is lost and 47001 when it is back). False without a database.
   */
  raiseLocal(trap: Trap): boolean {
    if (!this.db || this.disposed) return false;
    return this.writer.push(mapTrap(trap, new EventMatcher(this.configs), this.mib));
  }

  emitChanged(): void {
    if (this.changedTimer) return;
    const wait = Math.max(0, 250 - (Date.now() - this.lastChangedEmit));
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      this.lastChangedEmit = Date.now();
      this.deps.bus.emit('alarms.changed', { at: new Date().toISOString() });
      // The desktop notification (Critical, and Major when the listener's setting asks) is the
      // notifier's (services/prefs/criticalAlarmNotifier.ts): it follows the user's preference.
      const raised = this.raised.take();
      for (const x of raised) this.deps.bus.emit('alarms.raised', x);
    }, wait);
  }
  private readonly raised = new RaisedQueue();

  emitStats(): void {
    this.deps.bus.emit('alarms.stats', this.status());
  }

  async retention(now?: number): Promise<{ traps: number; alarms: number } | null> {
    const db = this.db;
    const s = this.settings;
    if (!db || !s) return null;
    try {
      const r = await applyRetention(db, s.retentionDays, s.maxTrapRows, now);
      if (r.alarms > 0) this.emitChanged();
      return r;
    } catch (err) {
      this.deps.log.warn('trap retention failed', { error: String(err) });
      return null;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    if (this.changedTimer) clearTimeout(this.changedTimer);
    await this.restarting.catch(() => {});
    await this.stopListening();
    await this.writer.dispose().catch(() => {});
    await this.persistCounters().catch(() => {});
  }
}
