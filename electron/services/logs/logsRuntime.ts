import { randomUUID } from 'node:crypto';
import {
  logPathProblem,
  type AllowedLogFolders,
  type logsService,
  type LogSourceSpec,
  type SourceState,
  type SourceView,
  type StoreStats,
} from '../../contract';
import { SEV_ERROR, SEV_WARNING } from '../../domain/logs/lineParser';
import { FileFollower } from '../../connectors/tcplog/fileFollower';
import { TcpLogClient } from '../../connectors/tcplog/tcpClient';
import { ServiceError } from '../../ipc/errors';
import type { BusEmitter } from '../../ipc/events';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { Logger } from '../../log/logger';
import { DEMO_BASE_PORT, startDemoLogServer, type DemoLogServer } from './demoLogServer';
import { LogStore, type LogView } from './logStore';
import { consoleFileReason, isInside, realpathLoose, type ConsoleFiles } from '../responseFiles';
import { defaultLogFolders, SourcesFile } from './sourcesFile';
import { compileMatcher } from './textMatch';

type Status = SourceState['status'];

/** Colours for sources without one, in the order the sources are listed. */
export const SOURCE_PALETTE = [
  '#0078d4',
  '#107c10',
  '#ca5010',
  '#8764b8',
  '#038387',
  '#c239b3',
  '#986f0b',
  '#4f6bed',
  '#d13438',
  '#498205',
];

/**
 * How often the store merges new lines into the views and, when something changed, tells the renderer (≤ 4 a second).
 */
const TICK_MS = 250;
/** A source's growing line counters are re-sent at most this often. */
const COUNTERS_MS = 1000;
/** Views kept at once; the least recently used one is forgotten beyond this. */
const MAX_VIEWS = 32;
/** An export larger than this is refused (the text crosses to the renderer in one message). */
export const MAX_EXPORT_BYTES = 128 * 1024 * 1024;

export interface LogsRuntimeOptions {
  userDataDir: string;
  bus: BusEmitter;
  log?: Logger;
  /** The embedded demo database is in use: serve demo logs in-process and add the demo sources on first run. */
  demo?: boolean;
  demoBasePort?: number;
  /** Overrides the saved store size (benchmarks). */
  capacityBytes?: number;
  tickMs?: number;
  connectTimeoutMs?: number;
  initialBackoffMs?: number;
  filePollMs?: number;
  /** SQLite database files of the connection profiles: never followed (the data folder never is either). */
  databaseFiles?: () => string[];
  /** The defaults of the allowed folders (tests). */
  defaultFolders?: string[];
}

/**
 * Log sources and the folders file sources may be in are installation-wide settings: every
 * user of this console sees them, and a file source reads a file of this computer. Only a host
 * administrator changes them; a tenant's administrator or technician watches them.
 */
export function requireHostAdmin(ctx: CallContext, what: string): void {
  const id = ctx.principal.identity;
  if (!id?.hostAdmin) {
    throw new ServiceError(
      'FORBIDDEN',
      `Only a host administrator can change ${what}: they are installation-wide settings, not a tenant's.`,
    );
  }
}

interface Conn {
  spec: LogSourceSpec;
  index: number;
  client: TcpLogClient | FileFollower | null;
  status: Status;
  retryInSec?: number;
  message?: string;
  dirty: boolean;
  sentLines: number;
  sentAt: number;
}

/** The demo sources added on the first run with the embedded demo database. */
export function demoSources(basePort = DEMO_BASE_PORT): LogSourceSpec[] {
  return [
    {
      id: 'demo-cs',
      kind: 'tcp',
      name: 'cs.exe (demo)',
      host: '127.0.0.1',
      port: basePort,
      component: 'cs.exe',
      enabled: true,
      colour: SOURCE_PALETTE[0],
    },
    {
      id: 'demo-router',
      kind: 'tcp',
      name: 'Router Service (demo)',
      host: '127.0.0.1',
      port: basePort + 1,
      component: 'RouterService.exe',
      enabled: true,
      colour: SOURCE_PALETTE[1],
    },
    {
      id: 'demo-agent',
      kind: 'tcp',
      name: 'Agent Service (demo)',
      host: '127.0.0.1',
      port: basePort + 2,
      component: 'AgentService.exe',
      enabled: true,
      colour: SOURCE_PALETTE[2],
    },
  ];
}

/**
 * Main's log sources: the store, the connections feeding it, the renderer's views, and the
 * timer that merges new lines into the views and sends `logs.appended` / `logs.sourceState`
 * (coalesced, a few times a second).
 */
export class LogsRuntime {
  readonly store: LogStore;
  private readonly file: SourcesFile;
  private readonly conns = new Map<string, Conn>();
  private readonly views = new Map<string, LogView>();
  private readonly timer: ReturnType<typeof setInterval>;
  private demoServer: DemoLogServer | null = null;
  private forceAppended = false;
  private disposed = false;
  /** Resolves once the demo server (if any) listens and the enabled sources were started. */
  readonly ready: Promise<void>;
  /** Files of the console's logs folder another feature writes and declared here (declare): followed by path. */
  private readonly declaredOwn = new Set<string>();

  constructor(private readonly options: LogsRuntimeOptions) {
    this.file = new SourcesFile(options.userDataDir);
    const doc = this.file.read();
    this.store = new LogStore({ capacityBytes: options.capacityBytes ?? doc.capacityMB * 1024 * 1024 });
    this.timer = setInterval(() => this.tick(), options.tickMs ?? TICK_MS);
    this.timer.unref?.();
    this.ready = this.start();
  }

  private own(): ConsoleFiles {
    return { userDataDir: this.options.userDataDir, databaseFiles: this.options.databaseFiles ?? (() => []) };
  }

  allowed(): AllowedLogFolders {
    const defaults = this.options.defaultFolders ?? defaultLogFolders();
    const saved = this.file.read().allowedFolders;
    return { folders: saved ?? defaults, defaults, isDefault: saved === null };
  }

  /**
   * Where a file source may be read: its real path (symbolic links resolved), inside one of
   * the allowed folders (their real paths too) and not among the console's own files; or why not.
   */
  async checkFilePath(path: string): Promise<{ real: string } | { refusal: string }> {
    const lexical = logPathProblem(path);
    if (lexical) return { refusal: lexical };
    const real = await realpathLoose(path);
    const leads = real === path ? '' : ` (it leads to ${real})`;
    // A file the console itself writes in its logs folder (UserSync.csv), declared by main — never a caller's path.
    if (real === path && this.declaredOwn.has(path)) return { real };
    const own = await consoleFileReason(real, this.own());
    if (own) return { refusal: `The console does not follow ${path}${leads}: ${own}.` };
    const { folders } = this.allowed();
    for (const f of folders) if (isInside(real, await realpathLoose(f))) return { real };
    const list = folders.length ? folders.join('; ') : 'none';
    return {
      refusal:
        `${path}${leads} is not inside a folder file log sources may be in (${list}). A host administrator ` +
        `can add its folder under Allowed folders.`,
    };
  }

  private async start(): Promise<void> {
    if (this.options.demo) {
      const base = this.options.demoBasePort ?? DEMO_BASE_PORT;
      this.file.seedDemo(demoSources(base));
      try {
        this.demoServer = await startDemoLogServer({ basePort: base });
        this.options.log?.info('demo log server listening', { ports: this.demoServer.endpoints.map((e) => e.port) });
      } catch (err) {
        // Another console (or `npm run demo:logs`) may already serve these ports: the sources still connect to it.
        this.options.log?.warn('demo log server not started', { error: (err as Error).message });
      }
    }
    if (this.disposed) return;
    for (const spec of this.file.read().sources) this.apply(spec);
  }

  // ---------------------------------------------------------------- sources

  /** A source saved without a colour keeps its old one, or gets the first palette colour no other source shows. */
  private freeColour(id: string): string {
    const doc = this.file.read();
    const mine = doc.sources.findIndex((s) => s.id === id);
    if (mine >= 0) return this.colourOf(doc.sources[mine]!, mine);
    const used = new Set(doc.sources.map((s, i) => this.colourOf(s, i).toLowerCase()));
    return SOURCE_PALETTE.find((c) => !used.has(c)) ?? SOURCE_PALETTE[doc.sources.length % SOURCE_PALETTE.length]!;
  }

  private colourOf(spec: LogSourceSpec, position: number): string {
    return spec.colour ?? SOURCE_PALETTE[position % SOURCE_PALETTE.length]!;
  }

  private stateOf(conn: Conn | undefined, spec: LogSourceSpec): SourceState {
    const counters = this.store.counters(this.store.sourceIndex(spec.id));
    const state: SourceState = { status: conn?.status ?? (spec.enabled ? 'connecting' : 'disabled'), ...counters };
    if (conn?.retryInSec !== undefined) state.retryInSec = conn.retryInSec;
    if (conn?.message !== undefined) state.message = conn.message;
    return state;
  }

  private result(): { version: number; sources: SourceView[]; stats: StoreStats } {
    const doc = this.file.read();
    return {
      version: doc.version,
      sources: doc.sources.map((spec, i) => ({
        spec,
        colour: this.colourOf(spec, i),
        state: this.stateOf(this.conns.get(spec.id), spec),
      })),
      stats: this.store.stats(),
    };
  }

  private setStatus(conn: Conn, status: Status, message?: string, retryInSec?: number): void {
    conn.status = status;
    conn.message = message;
    conn.retryInSec = retryInSec;
    conn.dirty = true;
  }

  /** Starts, restarts or stops a source's connection to match its spec. */
  private apply(spec: LogSourceSpec): void {
    const old = this.conns.get(spec.id);
    const index = this.store.sourceIndex(spec.id);
    this.store.setComponent(index, spec.component);
    const same =
      old &&
      JSON.stringify({ ...old.spec, name: '', colour: '', component: '' }) ===
        JSON.stringify({ ...spec, name: '', colour: '', component: '' });
    if (old && same) {
      old.spec = spec;
      old.dirty = true;
      return;
    }
    if (old) this.stopConn(old);
    const conn: Conn = { spec, index, client: null, status: 'disabled', dirty: true, sentLines: -1, sentAt: 0 };
    this.conns.set(spec.id, conn);
    if (!spec.enabled) return;
    const store = this.store;
    if (spec.kind === 'tcp') {
      const client = new TcpLogClient({
        host: spec.host,
        port: spec.port,
        connectTimeoutMs: this.options.connectTimeoutMs,
        initialBackoffMs: this.options.initialBackoffMs,
        onData: (chunk) => store.append(index, chunk, Date.now()),
        onEnd: () => store.endOfStream(index, Date.now()),
        onStatus: (info) => this.setStatus(conn, info.status, info.message, info.retryInSec),
      });
      conn.client = client;
      client.start();
    } else {
      const path = spec.path;
      const follower = new FileFollower({
        path,
        // Checked again before every open: a saved source outside the folders (a hand-edited
        // file, a list made smaller, a link changed later) is not read.
        guard: async () => {
          const r = await this.checkFilePath(path);
          return 'real' in r ? { open: r.real } : { refusal: r.refusal };
        },
        pollMs: this.options.filePollMs,
        onData: (chunk) => store.append(index, chunk, Date.now()),
        onEnd: () => store.endOfStream(index, Date.now()),
        onStatus: (status, message) => this.setStatus(conn, status, message),
      });
      conn.client = follower;
      follower.start();
    }
  }

  private stopConn(conn: Conn): void {
    const client = conn.client;
    conn.client = null;
    if (client) void client.stop();
    this.store.endOfStream(conn.index, Date.now());
  }

  // ---------------------------------------------------------------- views

  private view(viewId: string): LogView {
    const view = this.views.get(viewId);
    if (!view) throw new ServiceError('NOT_FOUND', 'This log view was closed; open it again.', 'viewId');
    view.lastUsed = Date.now();
    return view;
  }

  // ---------------------------------------------------------------- the tick

  /** Merges new lines into the views and sends what changed (coalesced). */
  tick(): void {
    if (this.disposed) return;
    const changed = this.store.flush();
    if (changed || this.forceAppended) {
      this.forceAppended = false;
      const stats = this.store.stats();
      this.options.bus.emit('logs.appended', {
        lines: stats.lines,
        dropped: stats.dropped,
        views: [...this.views.values()].map((v) => {
          const from = Math.min(v.changedFrom, v.total);
          v.changedFrom = Infinity;
          return { viewId: v.id, total: v.total, from, arrived: v.arrived };
        }),
      });
    }
    const now = Date.now();
    for (const conn of this.conns.values()) {
      const lines = this.store.counters(conn.index).lines;
      if (conn.dirty || (lines !== conn.sentLines && now - conn.sentAt >= COUNTERS_MS)) {
        conn.dirty = false;
        conn.sentLines = lines;
        conn.sentAt = now;
        this.options.bus.emit('logs.sourceState', { id: conn.spec.id, state: this.stateOf(conn, conn.spec) });
      }
    }
  }

  /**
   * A feature of main declares a file it writes as a source (user synchronization's UserSync.csv): added once
   * under `id` (kept as the host administrator changed it: name, colour, enabled), its path moved when the
   * feature writes elsewhere. `ownLogsFolder`: the file is in the console's logs folder, which file sources are
   * otherwise refused (the data folder); only this exact path, which main chose, is followed there.
   */
  declare(spec: { id: string; name: string; path: string; component: string }, ownLogsFolder: boolean): void {
    if (ownLogsFolder) this.declaredOwn.add(spec.path);
    const doc = this.file.read();
    const old = doc.sources.find((x) => x.id === spec.id);
    if (old?.kind === 'file' && old.path === spec.path) {
      if (!this.conns.has(old.id)) this.apply(old);
      return;
    }
    const next: LogSourceSpec =
      old?.kind === 'file'
        ? { ...old, path: spec.path }
        : { ...spec, kind: 'file', enabled: true, colour: this.freeColour(spec.id) };
    let name = next.name;
    for (let i = 2; doc.sources.some((x) => x.id !== spec.id && x.name.toLowerCase() === name.toLowerCase()); i++)
      name = `${next.name} (${i})`;
    const { spec: saved } = this.file.upsert(doc.version, { ...next, name });
    this.apply(saved);
  }

  // ---------------------------------------------------------------- the contract

  impl(): ServiceImpl<typeof logsService> {
    return {
      sources: () => this.result(),
      saveSource: async ({ expectedVersion, source }, ctx) => {
        requireHostAdmin(ctx, 'log sources');
        if (source.kind === 'file') {
          const r = await this.checkFilePath(source.path);
          if ('refusal' in r) throw new ServiceError('FORBIDDEN', r.refusal, 'source.path');
        }
        const { spec } = this.file.upsert(
          expectedVersion,
          source.colour ? source : { ...source, colour: this.freeColour(source.id) },
        );
        this.apply(spec);
        return this.result();
      },
      removeSource: ({ expectedVersion, id }, ctx) => {
        requireHostAdmin(ctx, 'log sources');
        this.file.remove(expectedVersion, id);
        const conn = this.conns.get(id);
        if (conn) {
          this.stopConn(conn);
          this.conns.delete(id);
        }
        return this.result();
      },
      allowedFolders: () => this.allowed(),
      setAllowedFolders: async ({ folders }, ctx) => {
        requireHostAdmin(ctx, 'the folders file log sources may be in');
        let list: string[] | null = null;
        if (folders !== null) {
          list = [];
          for (const [i, f] of folders.entries()) {
            const own = await consoleFileReason(await realpathLoose(f), this.own());
            if (own) throw new ServiceError('FORBIDDEN', `${f} cannot be an allowed folder: ${own}.`, `folders.${i}`);
            if (!list.includes(f)) list.push(f);
          }
        }
        this.file.setAllowedFolders(list);
        // File sources start again under the new list: those now outside it stop reading.
        for (const spec of this.file.read().sources) {
          if (spec.kind !== 'file') continue;
          const conn = this.conns.get(spec.id);
          if (conn) {
            this.stopConn(conn);
            this.conns.delete(spec.id);
          }
          this.apply(spec);
        }
        return this.allowed();
      },
      setCapacity: ({ megabytes }) => {
        this.store.setCapacity(megabytes * 1024 * 1024);
        this.file.setCapacity(megabytes);
        this.forceAppended = true;
        return this.store.stats();
      },
      clear: () => {
        this.store.clear();
        this.forceAppended = true;
        return this.store.stats();
      },
      openView: ({ viewId, filter }) => {
        const compiled = this.store.compileFilter(filter);
        const id = viewId ?? randomUUID();
        const old = this.views.get(id);
        if (old) this.store.closeView(old);
        const view = this.store.openView(id, compiled);
        this.views.set(id, view);
        if (this.views.size > MAX_VIEWS) {
          const lru = [...this.views.values()].filter((v) => v !== view).sort((a, b) => a.lastUsed - b.lastUsed)[0];
          if (lru) {
            this.store.closeView(lru);
            this.views.delete(lru.id);
          }
        }
        return { viewId: id, total: view.total };
      },
      closeView: ({ viewId }) => {
        const view = this.views.get(viewId);
        if (view) {
          this.store.closeView(view);
          this.views.delete(viewId);
        }
        return {};
      },
      window: ({ viewId, offset, count }) => {
        const view = this.view(viewId);
        const lines = this.store.window(view, offset, count);
        return { total: view.total, offset, lines };
      },
      find: ({ viewId, from, direction, what, text, regex, caseSensitive }) => {
        const view = this.view(viewId);
        if (what === 'match') {
          if (!text) throw new ServiceError('INVALID', 'Enter the text to find.', 'text');
          return {
            index: this.store.find(view, from, direction, {
              matcher: compileMatcher(text, regex, caseSensitive, 'text'),
            }),
          };
        }
        return {
          index: this.store.find(view, from, direction, { severity: what === 'error' ? SEV_ERROR : SEV_WARNING }),
        };
      },
      exportText: ({ viewId, offset, count, seqs }) => {
        const view = this.view(viewId);
        const range = seqs ? { seqs } : { offset: offset ?? 0, count: count ?? Number.MAX_SAFE_INTEGER };
        const { text, lines } = this.store.exportLines(view, range, MAX_EXPORT_BYTES);
        return { text: text.toString('utf8'), lines };
      },
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.timer);
    await this.ready.catch(() => {});
    await Promise.all([...this.conns.values()].map(async (c) => c.client?.stop()));
    this.conns.clear();
    await this.demoServer?.close();
    this.demoServer = null;
  }
}
