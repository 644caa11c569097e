import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  endpointChanges,
  endpointLabel,
  type ConnectionProfile,
  type ConnectionState,
  type PgEndpoint,
} from '../../contract';

export { endpointChanges, endpointLabel };
import { watchChanges, type ChangeFeed } from '../../connectors/db/changeFeed';
import { seedDemo, yieldingPlugin } from '../../connectors/db/demoSeed';
import { openDb, type Db, type DbTarget } from '../../connectors/db/engine';
import type { AvailabilityHooks } from '../../connectors/db/availability';
import type { DbParts } from '../../connectors/db/parts';
import { migrateToLatest, SchemaVersionError } from '../../connectors/db/migrate';
import type { ChangeSink, CommittedChange } from '../../connectors/db/unitOfWork';
import type { SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import type { EventBus } from '../../ipc/events';
import type { Logger } from '../../log/logger';
import type { ProfilesStore } from './profilesStore';
import { describeDbError } from './testConnection';

/** What the sign-in form says while the embedded demo database is created (first run). */
export const PREPARING_DEMO = 'Preparing the demo database…';

export const passwordKey = (profileId: string) => `connection:${profileId}`;

/** /brokername: and /brokerport: (seed 001, Configuration Manager parameters). */
export interface BrokerOverride {
  host?: string | undefined;
  port?: number | undefined;
}

export function profileLabel(p: ConnectionProfile, override?: BrokerOverride): string {
  if (p.engine === 'sqlite') return `${p.name} (SQLite)`;
  const host = override?.host ?? p.host;
  const port = override?.port ?? p.port;
  return `${p.name} (PostgreSQL ${p.user}@${host}:${port}/${p.database})`;
}

/**
 * The console's current database: which profile, the open connection, its change feed.
 * Connecting migrates the schema (refusing one a newer console upgraded) and seeds the
 * embedded demo the first time.
 */
export class DataContext implements ChangeSink {
  readonly consoleId = randomUUID();

  /** This console's own commits reach its windows like other consoles' do. */
  committed(changes: CommittedChange[]): void {
    for (const c of changes) this.bus.emit('db.changed', c);
  }
  private db: Db | null = null;
  private feed: ChangeFeed | null = null;
  private state: ConnectionState = { state: 'disconnected', label: 'Not connected', profileId: null };

  constructor(
    private readonly profiles: ProfilesStore,
    private readonly secrets: SecretStore,
    private readonly override: BrokerOverride,
    private readonly bus: EventBus,
    private readonly log: Logger,
    /** The features' migrations and demo rows (electron/features.ts). */
    readonly dbParts: DbParts,
  ) {}

  /** The override applies to the selected profile only, and only to a server profile. */
  overrideFor(profile: ConnectionProfile): BrokerOverride | undefined {
    const selected = this.profiles.read().selectedId;
    if (profile.engine !== 'postgres' || profile.id !== selected) return undefined;
    if (this.override.host === undefined && this.override.port === undefined) return undefined;
    return this.override;
  }

  /**
   * Where a profile connects and with which password. A stored password is only ever sent
   * to the host, port, user and database it was saved for (and never without TLS when it
   * was saved with TLS): a caller's profile that differs from the stored one — or the
   * /brokername: and /brokerport: flags — gets no stored password, only one typed now.
   * `withheld` says why, when a stored password exists and was not used.
   */
  async resolveTarget(profile: ConnectionProfile, typed?: string): Promise<{ target: DbTarget; withheld?: string }> {
    if (profile.engine === 'sqlite') return { target: { engine: 'sqlite', file: profile.file } };
    const o = this.overrideFor(profile);
    const endpoint: PgEndpoint = {
      host: o?.host ?? profile.host,
      port: o?.port ?? profile.port,
      database: profile.database,
      user: profile.user,
      ssl: profile.ssl,
    };
    const base = { engine: 'postgres' as const, ...endpoint };
    if (typed !== undefined) return { target: { ...base, password: typed } };
    const stored = profile.id ? this.profiles.get(profile.id) : undefined;
    if (!stored || stored.engine !== 'postgres') return { target: base };
    const changed = endpointChanges(stored, endpoint);
    if (changed.length > 0) {
      // Never read the secret for another endpoint; only say that one exists.
      const has = await this.secrets.has(passwordKey(stored.id)).catch(() => false);
      if (!has) return { target: base };
      const why = o
        ? [o.host !== undefined ? '/brokername:' : '', o.port !== undefined ? '/brokerport:' : '']
            .filter(Boolean)
            .join(' and ') + ` point this profile at ${endpointLabel(endpoint)} for this run`
        : `${changed.join(', ')} changed`;
      return {
        target: base,
        withheld:
          `The saved password is only sent to ${endpointLabel(stored)}; ${why}. Type the password to use ` +
          `it there (it is not saved).`,
      };
    }
    let secret: string | undefined;
    try {
      secret = (await this.secrets.get(passwordKey(stored.id))) ?? undefined;
    } catch {
      secret = undefined; // no keychain: connect without a password and let the server say so
    }
    return { target: secret === undefined ? base : { ...base, password: secret } };
  }

  /** The target without a withheld password (tests and tools). */
  async targetFor(profile: ConnectionProfile, password?: string): Promise<DbTarget> {
    return (await this.resolveTarget(profile, password)).target;
  }

  status(): ConnectionState {
    // Connected but unusable: the cause goes with the state (the status bar shows it).
    const unavailable = this.unavailable ?? this.readOnly;
    return this.state.state === 'connected' && unavailable ? { ...this.state, unavailable } : this.state;
  }

  private unavailable: string | null = null;
  private readOnly: string | null = null;
  private probe: NodeJS.Timeout | null = null;
  private generation = 0;

  /** Database-unavailable errors and recoveries of the open database, for the status (and auth.changed). */
  private availabilityHooks(generation: number): AvailabilityHooks {
    return {
      unavailable: (cause) => {
        if (generation !== this.generation || this.unavailable === cause) return;
        this.unavailable = cause;
        this.log.warn('database unavailable', { reason: cause });
        this.bus.emit('auth.changed', {});
        // Ask again every few seconds, so the status clears when the database is back.
        this.probe ??= setInterval(() => {
          const db = this.db;
          if (db) void sql`select 1`.execute(db.kysely).catch(() => {});
        }, 2000);
        this.probe.unref();
      },
      available: () => {
        if (generation !== this.generation || this.unavailable === null) return;
        this.unavailable = null;
        this.stopProbe();
        this.log.info('database available again');
        this.bus.emit('auth.changed', {});
      },
    };
  }

  private stopProbe() {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }

  /** The open database, or a clear refusal. */
  require(): Db {
    if (!this.db)
      throw new ServiceError(
        'UNAVAILABLE',
        `Not connected to a database${this.state.message ? `: ${this.state.message}` : '.'}`,
      );
    return this.db;
  }

  /** `password`: typed for this connection only (never stored), e.g. for a /brokername: host. */
  async connect(profileId?: string, password?: string): Promise<ConnectionState> {
    const profile = profileId ? this.profiles.get(profileId) : this.profiles.selected();
    if (!profile) throw new ServiceError('NOT_FOUND', 'No such connection profile.');
    if (profileId) this.profiles.select(profileId);
    await this.disconnect();
    const label = profileLabel(profile, this.overrideFor(profile));
    this.state = { state: 'connecting', label, profileId: profile.id };
    const { target, withheld } = await this.resolveTarget(profile, password);
    if (withheld) {
      // Nothing is sent anywhere: the stored password stays with its own server.
      this.state = { state: 'error', label, profileId: profile.id, message: withheld };
      this.log.warn('connection refused', { database: label, reason: withheld });
      this.bus.emit('auth.changed', {});
      return this.state;
    }
    let db: Db | null = null;
    try {
      db = openDb(target, this.availabilityHooks(++this.generation));
      this.readOnly = db.readOnlyCause?.() ?? null;
      const { from, to } = await migrateToLatest(db, this.dbParts.migrations);
      if (from !== to) this.log.info('database schema migrated', { database: db.label, from, to });
      if (profile.engine === 'sqlite' && profile.demo) {
        const any = await db.kysely.selectFrom('tenant').select('id').limit(1).executeTakeFirst();
        if (!any) {
          // First run: the sign-in form shows meanwhile (state 'connecting' + preparing); a sign-in
          // sent now waits for it (whenPrepared).
          this.log.info('seeding the demo database', { file: profile.file });
          this.state = { state: 'connecting', label, profileId: profile.id, preparing: PREPARING_DEMO };
          let done!: () => void;
          this.preparingDone = new Promise<void>((r) => (done = r));
          this.bus.emit('auth.changed', {});
          try {
            await seedDemo(db.kysely.withPlugin(yieldingPlugin()), this.dbParts.demo);
            this.preparedDemo = true;
          } finally {
            this.afterPreparing = done;
          }
        }
      }
      this.feed = await watchChanges(db, this.consoleId, (changes) => {
        for (const c of changes) this.bus.emit('db.changed', c);
      });
      this.db = db;
      this.state = { state: 'connected', label, profileId: profile.id };
      this.log.info('connected', { database: db.label });
    } catch (err) {
      await db?.close().catch(() => {});
      this.unavailable = null; // the state says why (error)
      this.stopProbe();
      const message =
        err instanceof SchemaVersionError
          ? err.message
          : describeDbError(err instanceof ServiceError && err.cause ? err.cause : err, target).message;
      this.state = { state: 'error', label, profileId: profile.id, message };
      this.log.warn('connection failed', { database: label, reason: message });
    }
    this.preparingDone = null;
    this.afterPreparing?.();
    this.afterPreparing = null;
    this.bus.emit('auth.changed', {});
    return this.state;
  }

  private preparingDone: Promise<void> | null = null;
  /**
   * This process created the demo database: a form shown while it was prepared had no tenant to offer,
   * and its sign-in (tenantUnknown) may arrive just after; auth.signIn then finds the tenant by Logon ID.
   */
  preparedDemo = false;
  private afterPreparing: (() => void) | null = null;

  /**
   * Resolves once the demo database being prepared is ready (connected, or failed: the state says
   * which); at once when nothing is being prepared.
   */
  whenPrepared(): Promise<void> {
    return this.preparingDone ?? Promise.resolve();
  }

  async disconnect(): Promise<void> {
    await this.feed?.stop();
    this.feed = null;
    const db = this.db;
    this.db = null;
    this.generation++;
    this.unavailable = null;
    this.readOnly = null;
    this.stopProbe();
    this.state = { state: 'disconnected', label: 'Not connected', profileId: null };
    await db?.close().catch(() => {});
  }
}
