import type { Kysely } from 'kysely';
import type { Database } from '../../connectors/db/schema';
import { transact, type Actor } from '../../connectors/db/unitOfWork';
import { loginHostOf, proficiencyToStars, type HealthItem, type SyncStatus } from '../../contract/services/genesys';
import type { ServiceDeps } from '../deps';
import { GenesysApiError, GenesysClient, GenesysConnectionError } from './client';

export const SYNC_ACTOR: Actor = { userId: null, logonId: 'system', origin: 'genesys cloud sync' };
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** The CIC system's own integration user (seed 004): the synchronization never modifies or deletes it. */
export const PURECLOUD_ADMIN = 'purecloudadmin';
/**
 * A user deleted in the console is deactivated in Genesys Cloud (SCIM PATCH active=false), not
 * deleted: RFC 7644 leaves DELETE to remove the resource for good, and the Genesys Cloud user keeps
 * its history (Workforce Engagement data, recordings) as an inactive user; restoring the user in the
 * console makes it active again with the same Genesys Cloud id.
 */
export const DEACTIVATED = 'Deactivated in Genesys Cloud: the user was deleted in the console.';

/**
 * Keychain entries of a tenant's organization, bound to the region's login host: a secret is only
 * ever sent to the host it was entered for; a region change needs the password again.
 */
export const genesysSecretKey = (tenantId: number, region: string, which: 'admin-password' | 'client-secret') =>
  `genesys:${tenantId}:${loginHostOf(region)}:${which}`;

type Kind = 'user' | 'workgroup' | 'skill' | 'wrapupCode' | 'userSkill';
interface StatusRow {
  kind: Kind;
  object_id: number;
  status: SyncStatus;
  message: string | null;
  last_synced_at: string | null;
  remote_id: string | null;
  remote_version: string | null;
  /** Users: the logon id (kept for a user deleted for good). */
  object_name?: string | null;
}
type Detail = HealthItem['details'][number];

export interface SyncOptions {
  /** API Health probe (GET /api/v2/health/check) period. */
  probeMs?: number;
  /** Periodic complete synchronization. */
  fullSyncMs?: number;
  /** Changes within this window go out together. */
  debounceMs?: number;
  /** Records sent at once. */
  concurrency?: number;
}

/**
 * A user's skills as the last pass sent them (userSkill status row, remote_version
 * "skills=n;languages=m"): null when never sent; a row without it (older) or after an error counts
 * as "some of each" so they are cleared if need be.
 */
function sentBefore(
  row: { remote_version: string | null } | undefined,
): { skills: boolean; languages: boolean } | null {
  if (!row) return null;
  const m = /^skills=(\d+|\?);languages=(\d+|\?)$/.exec(row.remote_version ?? '');
  if (!m) return { skills: true, languages: true };
  return { skills: m[1] !== '0', languages: m[2] !== '0' };
}

/** Tables whose changes (db.changed) the synchronization follows, and what they touch. */
const WATCHED: Record<string, Kind | 'config' | 'all-users'> = {
  cc_user: 'user',
  genesys_user_profile: 'user',
  skill_assignment: 'user',
  agent_group: 'workgroup',
  skill: 'skill',
  genesys_skill_option: 'skill',
  wrapup_code: 'wrapupCode',
  genesys_config: 'config',
};

interface TenantState {
  client: GenesysClient | null;
  clientKey: string;
  /** null = not known yet; false = lost (47000 raised), true = reachable. */
  connected: boolean | null;
  /**
   * Good probes left in which to look for a 47000 this console did not raise (after a start or a
   * lease taken over). More than one: at start the alarms runtime takes no alarm until it has its
   * database and may map one before it has read its event configuration (a 47001 then clears nothing).
   */
  staleChecks: number;
  api: { state: string; lastUpdate: string | null; details: Detail[] };
  oauth: { state: string; lastUpdate: string | null; details: Detail[] };
  pending: { user: Set<number> | 'all'; workgroup: boolean; skill: boolean; wrapupCode: boolean } | null;
  timer: NodeJS.Timeout | null;
  running: Promise<void> | null;
  /** Bumped when the configuration changes: a running pass stops at its next step. */
  generation: number;
  passes: number;
  /** This console holds the tenant's lease (it is the one that synchronizes). */
  holder: boolean;
}

interface Config {
  tenantId: number;
  enabled: boolean;
  region: string;
  orgShortName: string;
  syncUsers: boolean;
  syncAdvanced: boolean;
  clientId: string | null;
}

const pushDetail = (list: Detail[], d: Omit<Detail, 'time'>) => {
  list.unshift({ ...d, time: new Date().toISOString() });
  if (list.length > 50) list.length = 50;
};

/**
 * The one-way synchronization to Genesys Cloud, per tenant: incremental on the change feed
 * (db.changed, this console's and other consoles' commits), a complete pass every `fullSyncMs`
 * and on Force Complete Sync; per-record status in genesys_sync_status. A lost connection raises
 * the same alarm as the bridge's 47000 trap, and 47001 when the API answers again.
 */
export class GenesysSync {
  private readonly tenants = new Map<number, TenantState>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubscribe: () => void;
  private disposed = false;
  private readonly o: Required<SyncOptions>;

  constructor(
    private readonly deps: ServiceDeps,
    /** Raises 47000 (lost) or 47001; false when the alarms runtime could not take it yet. */
    private readonly alarm: (lost: boolean, source: string, text: string) => boolean,
    opts: SyncOptions = {},
  ) {
    this.o = {
      probeMs: opts.probeMs ?? 30_000,
      fullSyncMs: opts.fullSyncMs ?? 15 * 60_000,
      debounceMs: opts.debounceMs ?? 150,
      concurrency: opts.concurrency ?? 8,
    };
    this.unsubscribe = deps.bus.addSink((batch) => {
      for (const e of batch.events) {
        if (e.name !== 'db.changed') continue;
        for (const raw of e.items) {
          const c = raw as { table: string; tenantId: number | null; rowId: string | null };
          const what = WATCHED[c.table];
          if (!what || c.tenantId === null) continue;
          this.onChange(
            c.tenantId,
            what,
            c.table === 'cc_user' || c.table === 'genesys_user_profile' || c.table === 'skill_assignment'
              ? c.rowId
              : null,
          );
        }
      }
    });
    const probe = setInterval(() => void this.probeAll(), this.o.probeMs);
    const full = setInterval(() => void this.fullAll(), this.o.fullSyncMs);
    probe.unref?.();
    full.unref?.();
    this.timers.push(probe, full);
    const first = setTimeout(() => void this.fullAll(), 0);
    first.unref?.();
    this.timers.push(first);
  }

  private current() {
    try {
      return this.deps.data.require();
    } catch {
      return null;
    }
  }

  private db(): Kysely<Database> | null {
    return this.current()?.kysely ?? null;
  }

  private state(tenantId: number): TenantState {
    let s = this.tenants.get(tenantId);
    if (!s) {
      s = {
        client: null,
        clientKey: '',
        connected: null,
        staleChecks: 0,
        api: { state: 'Not provisioned', lastUpdate: null, details: [] },
        oauth: { state: 'Not provisioned', lastUpdate: null, details: [] },
        pending: null,
        timer: null,
        running: null,
        generation: 0,
        passes: 0,
        holder: false,
      };
      this.tenants.set(tenantId, s);
    }
    return s;
  }

  private onChange(tenantId: number, what: Kind | 'config' | 'all-users', rowId: string | null): void {
    const s = this.state(tenantId);
    if (what === 'config') {
      s.generation++;
      this.schedule(tenantId, 'all');
      return;
    }
    if (what === 'user') {
      const id = rowId === null ? NaN : Number(rowId);
      this.schedule(tenantId, { user: Number.isFinite(id) ? [id] : 'all' });
    } else if (what === 'workgroup' || what === 'skill' || what === 'wrapupCode')
      this.schedule(tenantId, { [what]: true });
  }

  /** Queues work for a tenant; it runs after the debounce window, one pass at a time. */
  schedule(
    tenantId: number,
    what: 'all' | { user?: number[] | 'all'; workgroup?: boolean; skill?: boolean; wrapupCode?: boolean },
  ): void {
    if (this.disposed) return;
    const s = this.state(tenantId);
    const p = (s.pending ??= { user: new Set(), workgroup: false, skill: false, wrapupCode: false });
    if (what === 'all') {
      p.user = 'all';
      p.workgroup = p.skill = p.wrapupCode = true;
    } else {
      if (what.user === 'all') p.user = 'all';
      else if (what.user && p.user !== 'all') for (const id of what.user) p.user.add(id);
      if (what.workgroup) p.workgroup = true;
      if (what.skill) p.skill = true;
      if (what.wrapupCode) p.wrapupCode = true;
    }
    if (!s.timer && !s.running) {
      s.timer = setTimeout(() => {
        s.timer = null;
        this.kick(tenantId);
      }, this.o.debounceMs);
      s.timer.unref?.();
    }
  }

  private kick(tenantId: number): void {
    const s = this.state(tenantId);
    if (s.running || !s.pending) return;
    s.running = (async () => {
      while (s.pending && !this.disposed) {
        const work = s.pending;
        s.pending = null;
        try {
          await this.pass(tenantId, work);
        } catch (err) {
          this.deps.log.warn('genesys sync pass failed', { tenantId, error: String(err) });
        }
        s.passes++;
      }
    })().finally(() => {
      s.running = null;
      if (s.pending) this.kick(tenantId);
    });
  }

  /** Resolves when nothing is queued or running for the tenant (tests, benchmark). */
  async idle(tenantId: number): Promise<void> {
    const s = this.state(tenantId);
    while (s.running || s.pending || s.timer) {
      if (s.running) await s.running;
      else await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async config(tenantId: number): Promise<Config | null> {
    const k = this.db();
    if (!k) return null;
    const r = await k.selectFrom('genesys_config').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!r) return null;
    return {
      tenantId,
      enabled: r.enabled === 1,
      region: r.region,
      orgShortName: r.org_short_name,
      syncUsers: r.sync_users === 1,
      syncAdvanced: r.sync_advanced === 1,
      clientId: r.client_id,
    };
  }

  private clientFor(s: TenantState, c: Config): GenesysClient | null {
    if (!c.clientId) return null;
    const key = `${c.region}|${c.clientId}`;
    if (s.client && s.clientKey === key) return s.client;
    s.clientKey = key;
    s.client = new GenesysClient({
      region: c.region,
      clientId: c.clientId,
      secret: () => this.deps.secrets.get(genesysSecretKey(c.tenantId, c.region, 'client-secret')),
      onRateLimited: (seconds, attempt) => {
        pushDetail(s.api.details, {
          severity: 'Warning',
          message: `Rate limited (HTTP 429): waiting ${seconds} s as Retry-After asks (attempt ${attempt}).`,
        });
        this.saveHealth(c.tenantId, s);
      },
    });
    return s.client;
  }

  /** The tenant's API client for the SMS provisioning calls; null when not enabled and provisioned. */
  async apiClient(tenantId: number): Promise<GenesysClient | null> {
    const c = await this.config(tenantId);
    if (!c?.enabled) return null;
    return this.clientFor(this.state(tenantId), c);
  }

  /** Forget a tenant's client (credentials changed, configuration removed). */
  reset(tenantId: number): void {
    const s = this.state(tenantId);
    s.client = null;
    s.clientKey = '';
    s.generation++;
  }

  private async connectionOk(tenantId: number, s: TenantState, c: Config): Promise<void> {
    const now = new Date().toISOString();
    const changed = s.api.state !== 'Healthy';
    const sawLoss = s.connected === false;
    // The first good probe of this console (a restart, a lease taken over) has not seen the loss:
    // a 47000 another console or an earlier run raised is still up, and nothing else would clear it.
    if (s.connected === null) s.staleChecks = 50;
    s.connected = true;
    s.api.state = 'Healthy';
    s.api.lastUpdate = now;
    if (sawLoss) {
      pushDetail(s.api.details, { severity: 'Information', message: 'Genesys Cloud connection restored.' });
      this.alarm(false, `api.${c.region}`, `Genesys Cloud connection restored (organization ${c.orgShortName}).`);
    } else if (s.staleChecks > 0) {
      // Until the table shows it cleared: a 47001 the alarms runtime took before it had read its
      // event configuration is stored without its clear key, so it is sent again at the next probe.
      s.staleChecks--;
      if (!(await this.lostAlarmRaised(c.region, c.orgShortName))) s.staleChecks = 0;
      else if (
        this.alarm(false, `api.${c.region}`, `Genesys Cloud connection restored (organization ${c.orgShortName}).`) &&
        !s.api.details.some((d) => d.message === 'Genesys Cloud connection restored.')
      )
        pushDetail(s.api.details, { severity: 'Information', message: 'Genesys Cloud connection restored.' });
    }
    if (changed) this.saveHealth(tenantId, s);
  }

  /** Whether a 47000 of this region's source for this organization is raised and not cleared. */
  private async lostAlarmRaised(region: string, orgShortName: string): Promise<boolean> {
    const k = this.db();
    if (!k) return false;
    try {
      const row = await k
        .selectFrom('alarm')
        .select('id')
        .where('source_address', '=', `api.${region}`)
        .where('trap_oid', 'like', '%.0.47000')
        .where('cleared', '=', 0)
        // the short name is letters and digits only (no LIKE wildcard)
        .where('varbinds', 'like', `%(organization ${orgShortName})%`)
        .executeTakeFirst();
      return row !== undefined;
    } catch (err) {
      this.deps.log.warn('genesys: reading the connection alarm failed', { error: String(err) });
      return false;
    }
  }

  /**
   * The connection is no longer watched (the integration disabled, its configuration removed, the
   * region changed): a 47000 raised for it would stay up for good, while Integration Health says
   * Disabled, so it is cleared with a 47001 that says why.
   */
  async stopWatching(tenantId: number, region: string, orgShortName: string, why: string): Promise<void> {
    const s = this.state(tenantId);
    const lost = s.connected === false;
    s.connected = null;
    // A probe or pass still under way must not raise it again afterwards.
    s.generation++;
    if (lost || (await this.lostAlarmRaised(region, orgShortName)))
      this.alarm(
        false,
        `api.${region}`,
        `Genesys Cloud connection no longer watched (organization ${orgShortName}): ${why}.`,
      );
  }

  private leaseMs(): number {
    return Math.max(30_000, this.o.probeMs * 3);
  }

  /**
   * Several consoles share a database; one synchronizes each tenant. The lease is taken when free or
   * expired and renewed by its holder (at every probe and pass); a console that takes it over runs a
   * complete pass, since the changes it saw before were the holder's to send.
   */
  private async lease(tenantId: number, s: TenantState): Promise<boolean> {
    const k = this.db();
    if (!k || this.disposed) return false;
    const me = this.deps.data.consoleId;
    const now = new Date();
    const until = new Date(now.getTime() + this.leaseMs()).toISOString();
    let held: boolean;
    try {
      const upd = await k
        .updateTable('genesys_sync_lease')
        .set({ console_id: me, expires_at: until })
        .where('tenant_id', '=', tenantId)
        .where((eb) => eb.or([eb('console_id', '=', me), eb('expires_at', '<', now.toISOString())]))
        .executeTakeFirst();
      held = Number(upd.numUpdatedRows) === 1;
      if (!held) {
        const ins = await k
          .insertInto('genesys_sync_lease')
          .values({ tenant_id: tenantId, console_id: me, expires_at: until, health: '{}' })
          .onConflict((oc) => oc.column('tenant_id').doNothing())
          .executeTakeFirst();
        held = Number(ins.numInsertedOrUpdatedRows ?? 0) === 1;
      }
    } catch (err) {
      this.deps.log.warn('genesys sync lease failed', { tenantId, error: String(err) });
      held = false;
    }
    const took = held && !s.holder;
    s.holder = held;
    // What this console knew of the connection is stale once another held the lease.
    if (took) s.connected = null;
    if (took) this.schedule(tenantId, 'all');
    return held;
  }

  private saveHealth(tenantId: number, s: TenantState): void {
    const k = this.db();
    if (!k || !s.holder) return;
    const health = JSON.stringify({ api: s.api, oauth: s.oauth });
    void k
      .updateTable('genesys_sync_lease')
      .set({ health })
      .where('tenant_id', '=', tenantId)
      .where('console_id', '=', this.deps.data.consoleId)
      .execute()
      .catch(() => {});
  }

  private connectionLost(s: TenantState, c: Config, err: Error): void {
    s.api.state = 'Connection lost';
    s.api.lastUpdate = new Date().toISOString();
    // One line per outage (each probe while it lasts only moves Last Update).
    if (s.connected !== false) pushDetail(s.api.details, { severity: 'Error', message: err.message });
    if (s.connected !== false)
      this.alarm(
        true,
        `api.${c.region}`,
        `Genesys Cloud connection lost (organization ${c.orgShortName}): ${err.message}`,
      );
    s.connected = false;
    this.saveHealth(c.tenantId, s);
  }

  /** API Health: one probe per enabled, provisioned tenant. */
  async probe(tenantId: number): Promise<void> {
    const c = await this.config(tenantId);
    const s = this.state(tenantId);
    if (!c?.enabled) {
      s.api.state = c ? 'Disabled' : 'Not configured';
      return;
    }
    if (!(await this.lease(tenantId, s))) return;
    const client = this.clientFor(s, c);
    if (!client) {
      s.api.state = 'Not provisioned';
      return;
    }
    const gen = s.generation;
    try {
      await client.request('GET', '/api/v2/health/check');
      if (s.generation !== gen) return; // disabled or changed meanwhile
      await this.connectionOk(tenantId, s, c);
      await this.checkOwnClient(tenantId, s, c, client, gen);
    } catch (err) {
      if (s.generation !== gen) return;
      // A 5xx from the health check is Genesys Cloud not serving this organization: the connection
      // is lost as much as when it cannot be reached (47000), not a record's error.
      if (err instanceof GenesysApiError && err.status >= 500) this.connectionLost(s, c, err);
      else this.failed(s, c, err);
    }
  }

  /**
   * OAuth client apps: the console's own client as Genesys Cloud has it (GET
   * /api/v2/oauth/clients/{id}); a token alone would not show that it was disabled or deleted in
   * the organization's OAuth list.
   */
  private async checkOwnClient(
    tenantId: number,
    s: TenantState,
    c: Config,
    client: GenesysClient,
    gen: number,
  ): Promise<void> {
    const was = s.oauth.state;
    let state = 'Healthy';
    let problem: string | null = null;
    try {
      const r = await client.request<{ state?: string; name?: string }>(
        'GET',
        `/api/v2/oauth/clients/${encodeURIComponent(c.clientId!)}`,
      );
      if (r.json?.state && r.json.state !== 'active') {
        state = 'Error';
        problem = `The OAuth client ${c.clientId} is ${r.json.state} in Genesys Cloud: activate it or Apply again.`;
      }
    } catch (err) {
      if (s.generation !== gen) return;
      if (err instanceof GenesysConnectionError) return this.connectionLost(s, c, err);
      state = 'Error';
      problem =
        err instanceof GenesysApiError && err.status === 404
          ? `The OAuth client ${c.clientId} no longer exists in Genesys Cloud: Apply again to create one.`
          : err instanceof Error
            ? err.message
            : String(err);
    }
    if (s.generation !== gen) return;
    s.oauth.state = state;
    s.oauth.lastUpdate = new Date().toISOString();
    if (problem && (was !== 'Error' || s.oauth.details[0]?.message !== problem))
      pushDetail(s.oauth.details, { severity: 'Error', message: problem });
    if (was !== state) this.saveHealth(tenantId, s);
  }

  /**
   * Remove Configuration: the console's OAuth client deletes itself (DELETE
   * /api/v2/oauth/clients/{id}, its role allows it). True when gone (404 counts), else the reason.
   */
  async deleteOwnClient(tenantId: number, region: string, clientId: string): Promise<true | string> {
    const client = new GenesysClient({
      region,
      clientId,
      secret: () => this.deps.secrets.get(genesysSecretKey(tenantId, region, 'client-secret')),
      maxRateLimitRetries: 1,
      timeoutMs: 10_000,
    });
    try {
      await client.request('DELETE', `/api/v2/oauth/clients/${encodeURIComponent(clientId)}`);
      return true;
    } catch (err) {
      if (err instanceof GenesysApiError && err.status === 404) return true;
      return err instanceof Error ? err.message : String(err);
    }
  }

  private failed(s: TenantState, c: Config, err: unknown): void {
    if (err instanceof GenesysConnectionError) this.connectionLost(s, c, err);
    else if (err instanceof GenesysApiError && (err.status === 401 || err.status === 403)) {
      s.oauth.state = 'Error';
      s.oauth.lastUpdate = new Date().toISOString();
      pushDetail(s.oauth.details, { severity: 'Error', message: err.message });
      s.api.state = 'Error';
      s.api.lastUpdate = s.oauth.lastUpdate;
      pushDetail(s.api.details, { severity: 'Error', message: err.message });
    } else {
      s.api.state = 'Error';
      s.api.lastUpdate = new Date().toISOString();
      pushDetail(s.api.details, { severity: 'Error', message: err instanceof Error ? err.message : String(err) });
    }
    this.saveHealth(c.tenantId, s);
  }

  private async tenantIds(): Promise<number[]> {
    const k = this.db();
    if (!k) return [];
    const rows = await k.selectFrom('genesys_config').select('tenant_id').where('enabled', '=', 1).execute();
    return rows.map((r) => r.tenant_id);
  }

  private probing = false;

  private async probeAll(): Promise<void> {
    // One round at a time: a probe waiting out a 429 holds the next ones back.
    if (this.probing) return;
    this.probing = true;
    try {
      for (const t of await this.tenantIds().catch(() => [])) {
        const before = this.state(t).connected;
        await this.probe(t).catch(() => {});
        // Back after an outage: what changed meanwhile goes out now.
        if (before === false && this.state(t).connected) this.schedule(t, 'all');
      }
    } finally {
      this.probing = false;
    }
  }

  private async fullAll(): Promise<void> {
    for (const t of await this.tenantIds().catch(() => [])) this.schedule(t, 'all');
  }

  // ---- a pass ------------------------------------------------------------------------------------

  private async statuses(tenantId: number, kind: Kind): Promise<Map<number, StatusRow>> {
    const rows = await this.db()!
      .selectFrom('genesys_sync_status')
      .select([
        'kind',
        'object_id',
        'status',
        'message',
        'last_synced_at',
        'remote_id',
        'remote_version',
        'object_name',
      ])
      .where('tenant_id', '=', tenantId)
      .where('kind', '=', kind as never)
      .execute();
    return new Map(rows.map((r) => [r.object_id, r as StatusRow]));
  }

  private async write(tenantId: number, rows: StatusRow[], remove: { kind: Kind; id: number }[] = []): Promise<void> {
    const db = this.current();
    if (!db || (rows.length === 0 && remove.length === 0)) return;
    await transact(db, SYNC_ACTOR, this.deps.data, async (w) => {
      for (let i = 0; i < rows.length; i += 200) {
        const values = rows
          .slice(i, i + 200)
          .map((r) => ({ tenant_id: tenantId, ...r, object_name: r.object_name ?? null, updated_at: w.now }));
        await w.tx
          .insertInto('genesys_sync_status')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'kind', 'object_id']).doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              message: eb.ref('excluded.message'),
              last_synced_at: eb.ref('excluded.last_synced_at'),
              remote_id: eb.ref('excluded.remote_id'),
              remote_version: eb.ref('excluded.remote_version'),
              object_name: eb.fn.coalesce('excluded.object_name', 'genesys_sync_status.object_name'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
      for (const r of remove)
        await w.tx
          .deleteFrom('genesys_sync_status')
          .where('tenant_id', '=', tenantId)
          .where('kind', '=', r.kind)
          .where('object_id', '=', r.id)
          .execute();
      w.changed('genesys_sync_status', tenantId, null);
    });
  }

  private async pass(
    tenantId: number,
    work: { user: Set<number> | 'all'; workgroup: boolean; skill: boolean; wrapupCode: boolean },
  ): Promise<void> {
    const c = await this.config(tenantId);
    if (!c?.enabled) return;
    const s = this.state(tenantId);
    if (!(await this.lease(tenantId, s))) return;
    const client = this.clientFor(s, c);
    if (!client) return;
    const gen = s.generation;
    const stillOn = () => !this.disposed && s.generation === gen;
    try {
      if (c.syncAdvanced) {
        if (work.wrapupCode && stillOn()) await this.syncNamed(tenantId, c, client, 'wrapupCode', stillOn);
        if (work.skill && stillOn()) {
          const before = await this.remoteSkills(tenantId);
          await this.syncSkills(tenantId, client, stillOn);
          // A skill that moved between skills and languages (Treat as a Language) is another object in
          // Genesys Cloud: the users who have it are sent again, or they would keep the deleted one.
          const after = await this.remoteSkills(tenantId);
          const moved = [...after]
            .filter(([id, r]) => {
              const b = before.get(id);
              return b !== undefined && (b.id !== r.id || b.collection !== r.collection);
            })
            .map(([id]) => id);
          if (moved.length > 0 && work.user !== 'all') {
            const holders = await this.db()!
              .selectFrom('skill_assignment')
              .select('user_id')
              .distinct()
              .where('skill_id', 'in', moved)
              .execute();
            for (const h of holders) work.user.add(h.user_id);
          }
        }
        if (work.workgroup && stillOn()) await this.syncNamed(tenantId, c, client, 'workgroup', stillOn);
      }
      const usersTouched = work.user === 'all' || work.user.size > 0;
      if (c.syncUsers && stillOn() && usersTouched) await this.syncUsers(tenantId, c, client, work.user, stillOn);
      if (c.syncAdvanced && c.syncUsers && stillOn() && (usersTouched || work.workgroup))
        await this.syncMembers(tenantId, client, stillOn);
      if (stillOn()) await this.connectionOk(tenantId, s, c);
    } catch (err) {
      this.failed(s, c, err);
      if (err instanceof GenesysConnectionError) {
        // Kept for when the connection is back (probeAll schedules a complete pass).
        return;
      }
      throw err;
    }
  }

  /** Runs `fn` over `items`, `concurrency` at a time; a lost connection stops the pass (thrown). */
  /**
   * fn over items, `concurrency` at a time. With `stillOn`, no item is started once it answers false
   * (disabled, reconfigured): only what is in flight finishes.
   */
  private async each<T, R>(items: T[], fn: (t: T) => Promise<R>, stillOn?: () => boolean): Promise<R[]> {
    const out = new Array<R>(items.length);
    let next = 0;
    let lost: unknown = null;
    const worker = async () => {
      while (next < items.length && !lost && (!stillOn || stillOn())) {
        const i = next++;
        try {
          out[i] = await fn(items[i]!);
        } catch (err) {
          if (err instanceof GenesysConnectionError) lost = err;
          else throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, items.length) }, worker));
    if (lost) throw lost;
    return out;
  }

  private async syncUsers(
    tenantId: number,
    c: Config,
    client: GenesysClient,
    which: Set<number> | 'all',
    stillOn: () => boolean,
  ): Promise<void> {
    const k = this.db()!;
    let q = k
      .selectFrom('cc_user as u')
      .leftJoin('genesys_user_profile as p', 'p.user_id', 'u.id')
      .select(['u.id', 'u.logon_id', 'u.deleted', 'p.business_email', 'p.display_name'])
      .where('u.tenant_id', '=', tenantId);
    if (which !== 'all') q = q.where('u.id', 'in', [...which].length ? [...which] : [-1]);
    const everyone = await q.orderBy('u.id').execute();
    const prev = await this.statuses(tenantId, 'user');
    // Deleted users (and, on a complete pass, users gone from the database) are deactivated.
    const gone = everyone.filter((u) => u.deleted === 1).map((u) => ({ id: u.id, logon: u.logon_id, row: true }));
    const ids = new Set(everyone.map((u) => u.id));
    for (const p of prev.values())
      if (!ids.has(p.object_id) && (which === 'all' || which.has(p.object_id)))
        gone.push({ id: p.object_id, logon: p.object_name ?? '', row: false });
    await this.deactivate(tenantId, client, prev, gone, stillOn);
    const users = everyone.filter((u) => u.deleted !== 1);
    const prevSkills = c.syncAdvanced ? await this.statuses(tenantId, 'userSkill') : new Map<number, StatusRow>();
    const skillMap = c.syncAdvanced ? await this.remoteSkills(tenantId) : null;
    const assignments = c.syncAdvanced
      ? await this.assignments(tenantId, which === 'all' ? null : users.map((u) => u.id))
      : null;
    // Many users not matched yet (a first complete pass): one paged read of the SCIM users instead of a
    // lookup per user.
    const unmatched = users.filter((u) => !prev.get(u.id)?.remote_id && (u.business_email ?? '').trim()).length;
    const directory = which === 'all' && unmatched >= 50 && stillOn() ? await this.scimDirectory(client) : null;
    const CHUNK = Math.max(50, this.o.concurrency * 8);
    for (let i = 0; i < users.length && stillOn(); i += CHUNK) {
      const chunk = users.slice(i, i + CHUNK);
      const rows: StatusRow[] = [];
      await this.each(
        chunk,
        async (u) => {
          const p = prev.get(u.id);
          const email = (u.business_email ?? '').trim();
          const base = {
            kind: 'user' as const,
            object_id: u.id,
            object_name: u.logon_id,
            last_synced_at: p?.last_synced_at ?? null,
          };
          if (u.logon_id.toLowerCase() === PURECLOUD_ADMIN) {
            rows.push({
              ...base,
              status: 'Not synced',
              message: 'PureCloudAdmin is the integration’s own user: it is never modified or deleted.',
              remote_id: p?.remote_id ?? null,
              remote_version: p?.remote_version ?? null,
            });
            return;
          }
          if (!email) {
            rows.push({
              ...base,
              status: 'Not synced',
              message: 'No Business Email: users without one are not synchronized.',
              remote_id: p?.remote_id ?? null,
              remote_version: p?.remote_version ?? null,
            });
            return;
          }
          try {
            const r = await this.upsertUser(client, p ?? null, email, u.display_name?.trim() || u.logon_id, directory);
            rows.push({ ...base, status: 'Synced', message: null, last_synced_at: new Date().toISOString(), ...r });
            if (assignments && skillMap) {
              const ps = prevSkills.get(u.id);
              const sr = await this.userSkills(
                client,
                r.remote_id,
                assignments.get(u.id) ?? [],
                skillMap,
                sentBefore(ps),
              );
              rows.push({
                kind: 'userSkill',
                object_id: u.id,
                status: sr.error ? 'Error' : 'Synced',
                message: sr.error,
                last_synced_at: sr.error ? (ps?.last_synced_at ?? null) : new Date().toISOString(),
                remote_id: r.remote_id,
                // what was sent (counts), so the next pass knows whether there is anything to clear
                remote_version: sr.sent,
              });
            }
          } catch (err) {
            if (err instanceof GenesysConnectionError) throw err;
            rows.push({
              ...base,
              status: 'Error',
              message: err instanceof Error ? err.message : String(err),
              remote_id: p?.remote_id ?? null,
              remote_version: p?.remote_version ?? null,
            });
          }
        },
        stillOn,
      ).finally(() => this.write(tenantId, rows));
    }
  }

  /** SCIM PATCH active=false for users deleted in the console that Genesys Cloud has (once each). */
  private async deactivate(
    tenantId: number,
    client: GenesysClient,
    prev: Map<number, StatusRow>,
    gone: { id: number; logon: string; row: boolean }[],
    stillOn: () => boolean,
  ): Promise<void> {
    const todo = gone.filter((g) => {
      const p = prev.get(g.id);
      return (
        p?.remote_id &&
        g.logon.toLowerCase() !== PURECLOUD_ADMIN &&
        !(p.status === 'Synced' && p.message === DEACTIVATED)
      );
    });
    if (todo.length === 0 || !stillOn()) return;
    const rows: StatusRow[] = [];
    const removed: { kind: Kind; id: number }[] = [];
    const patch = (id: string, etag: string | null) =>
      client.request<{ meta?: { version?: string } }>(
        'PATCH',
        `/api/v2/scim/v2/Users/${encodeURIComponent(id)}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
        etag ? { 'if-match': etag } : {},
      );
    try {
      await this.each(
        todo,
        async (g) => {
          const p = prev.get(g.id)!;
          const remoteId = p.remote_id!;
          try {
            let r: { json: { meta?: { version?: string } }; etag: string | null };
            try {
              r = await patch(remoteId, p.remote_version);
            } catch (err) {
              if (!(err instanceof GenesysApiError) || err.status !== 412) throw err;
              const cur = await client.request('GET', `/api/v2/scim/v2/Users/${encodeURIComponent(remoteId)}`);
              r = await patch(remoteId, cur.etag);
            }
            // Kept also for a user deleted for good: the record of its deactivation (by its last name).
            rows.push({
              kind: 'user',
              object_id: g.id,
              status: 'Synced',
              message: DEACTIVATED,
              last_synced_at: new Date().toISOString(),
              remote_id: remoteId,
              remote_version: r.etag ?? r.json?.meta?.version ?? null,
            });
          } catch (err) {
            if (err instanceof GenesysConnectionError) throw err;
            // Not there any more: nothing to deactivate.
            if (err instanceof GenesysApiError && err.status === 404) {
              if (!g.row) removed.push({ kind: 'user', id: g.id });
              else
                rows.push({
                  kind: 'user',
                  object_id: g.id,
                  status: 'Synced',
                  message: DEACTIVATED,
                  last_synced_at: new Date().toISOString(),
                  remote_id: null,
                  remote_version: null,
                });
              return;
            }
            rows.push({
              kind: 'user',
              object_id: g.id,
              status: 'Error',
              message: `Deactivating the deleted user failed: ${err instanceof Error ? err.message : String(err)}`,
              last_synced_at: p.last_synced_at,
              remote_id: remoteId,
              remote_version: p.remote_version,
            });
          }
        },
        stillOn,
      );
    } finally {
      await this.write(tenantId, rows, removed);
    }
  }

  /**
   * Queue membership: each synchronized workgroup's queue has as members exactly the users of the
   * agent group that are Synced (active) in Genesys Cloud. Bulk add / delete of at most 100 at a time
   * (POST /api/v2/routing/queues/{id}/members[?delete=true]); one status per agent group.
   */
  private async syncMembers(tenantId: number, client: GenesysClient, stillOn: () => boolean): Promise<void> {
    const k = this.db()!;
    const queues = await this.statuses(tenantId, 'workgroup');
    const users = await this.statuses(tenantId, 'user');
    const members = await k
      .selectFrom('cc_user')
      .select(['id', 'agent_group_id', 'logon_id'])
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .execute();
    const want = new Map<number, Set<string>>();
    for (const m of members) {
      const u = users.get(m.id);
      if (!u?.remote_id || u.status !== 'Synced' || u.message === DEACTIVATED) continue;
      if (m.logon_id.toLowerCase() === PURECLOUD_ADMIN) continue;
      const set = want.get(m.agent_group_id) ?? new Set<string>();
      set.add(u.remote_id);
      want.set(m.agent_group_id, set);
    }
    const groups = await k.selectFrom('agent_group').select(['id']).where('tenant_id', '=', tenantId).execute();
    const prevRows = await k
      .selectFrom('genesys_queue_member_status')
      .select(['agent_group_id', 'last_synced_at'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const prevAt = new Map(prevRows.map((r) => [r.agent_group_id, r.last_synced_at]));
    const out: {
      agent_group_id: number;
      status: SyncStatus;
      message: string | null;
      members: number;
      last_synced_at: string | null;
    }[] = [];
    try {
      await this.each(
        groups,
        async (g) => {
          if (!stillOn()) return;
          const q = queues.get(g.id);
          if (!q?.remote_id || q.status !== 'Synced') {
            out.push({
              agent_group_id: g.id,
              status: 'Not synced',
              message: 'The workgroup is not synchronized to a queue yet.',
              members: 0,
              last_synced_at: prevAt.get(g.id) ?? null,
            });
            return;
          }
          const path = `/api/v2/routing/queues/${encodeURIComponent(q.remote_id)}/members`;
          const target = want.get(g.id) ?? new Set<string>();
          try {
            const have = new Set(
              (await client.all<{ id: string; user?: { id: string } }>(path, 100)).map((m) => m.user?.id ?? m.id),
            );
            const add = [...target].filter((id) => !have.has(id));
            const del = [...have].filter((id) => !target.has(id));
            for (let i = 0; i < del.length; i += 100)
              await client.request(
                'POST',
                `${path}?delete=true`,
                del.slice(i, i + 100).map((id) => ({ id })),
              );
            for (let i = 0; i < add.length; i += 100)
              await client.request(
                'POST',
                `${path}?delete=false`,
                add.slice(i, i + 100).map((id) => ({ id })),
              );
            out.push({
              agent_group_id: g.id,
              status: 'Synced',
              message: null,
              members: target.size,
              last_synced_at: new Date().toISOString(),
            });
          } catch (err) {
            if (err instanceof GenesysConnectionError) throw err;
            out.push({
              agent_group_id: g.id,
              status: 'Error',
              message: err instanceof Error ? err.message : String(err),
              members: 0,
              last_synced_at: prevAt.get(g.id) ?? null,
            });
          }
        },
        stillOn,
      );
    } finally {
      const db = this.current();
      if (db && out.length > 0)
        await transact(db, SYNC_ACTOR, this.deps.data, async (w) => {
          for (const r of out)
            await w.tx
              .insertInto('genesys_queue_member_status')
              .values({ tenant_id: tenantId, ...r, updated_at: w.now })
              .onConflict((oc) => oc.columns(['tenant_id', 'agent_group_id']).doUpdateSet({ ...r, updated_at: w.now }))
              .execute();
          w.changed('genesys_queue_member_status', tenantId, null);
        });
    }
  }

  /**
   * The organization's SCIM users by userName (lower case), read once in pages (RFC 7644 §3.4.2.4
   * startIndex / count): on a complete pass with many users not yet matched, this replaces one
   * `filter=userName eq` request per user.
   */
  private async scimDirectory(client: GenesysClient): Promise<Map<string, { id: string; version: string | null }>> {
    const out = new Map<string, { id: string; version: string | null }>();
    const count = 100;
    for (let start = 1; ; start += count) {
      const r = await client.request<{
        totalResults?: number;
        Resources?: { id: string; userName: string; meta?: { version?: string } }[];
      }>('GET', `/api/v2/scim/v2/Users?startIndex=${start}&count=${count}`);
      const page = r.json.Resources ?? [];
      for (const u of page) out.set(u.userName.toLowerCase(), { id: u.id, version: u.meta?.version ?? null });
      if (page.length === 0 || start + page.length > (r.json.totalResults ?? 0)) return out;
    }
  }

  private async upsertUser(
    client: GenesysClient,
    prev: StatusRow | null,
    email: string,
    displayName: string,
    directory: Map<string, { id: string; version: string | null }> | null = null,
  ): Promise<{ remote_id: string; remote_version: string | null }> {
    const values = {
      userName: email,
      displayName,
      active: true,
      emails: [{ value: email, type: 'work', primary: true }],
    };
    const patch = async (id: string, etag: string | null) => {
      const r = await client.request<{ id: string; meta?: { version?: string } }>(
        'PATCH',
        `/api/v2/scim/v2/Users/${encodeURIComponent(id)}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: values }] },
        etag ? { 'if-match': etag } : {},
      );
      return { remote_id: r.json.id, remote_version: r.etag ?? r.json.meta?.version ?? null };
    };
    if (prev?.remote_id) {
      try {
        return await patch(prev.remote_id, prev.remote_version);
      } catch (err) {
        if (!(err instanceof GenesysApiError)) throw err;
        if (err.status === 412) {
          // Someone changed it in Genesys Cloud since: take the current version and send ours once more.
          const cur = await client.request('GET', `/api/v2/scim/v2/Users/${encodeURIComponent(prev.remote_id)}`);
          return patch(prev.remote_id, cur.etag);
        }
        if (err.status !== 404) throw err;
      }
    }
    const lookUp = async () => {
      const found = await client.request<{ Resources?: { id: string; meta?: { version?: string } }[] }>(
        'GET',
        `/api/v2/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${email.replace(/"/g, '')}"`)}`,
      );
      const hit = found.json.Resources?.[0];
      return hit ? { id: hit.id, version: hit.meta?.version ?? null } : undefined;
    };
    const hit = directory ? directory.get(email.toLowerCase()) : await lookUp();
    if (hit) return patch(hit.id, hit.version);
    try {
      const r = await client.request<{ id: string; meta?: { version?: string } }>('POST', '/api/v2/scim/v2/Users', {
        schemas: [SCIM_USER],
        ...values,
      });
      return { remote_id: r.json.id, remote_version: r.etag ?? r.json.meta?.version ?? null };
    } catch (err) {
      // Created meanwhile (after the directory was read): find it and update it instead.
      if (!(directory && err instanceof GenesysApiError && err.status === 409)) throw err;
      const again = await lookUp();
      if (!again) throw err;
      return patch(again.id, again.version);
    }
  }

  private async assignments(tenantId: number, ids: number[] | null) {
    let q = this.db()!
      .selectFrom('skill_assignment as a')
      .innerJoin('cc_user as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'a.skill_id', 'a.level'])
      .where('u.tenant_id', '=', tenantId);
    if (ids) q = q.where('a.user_id', 'in', ids.length ? ids : [-1]);
    const map = new Map<number, { skillId: number; level: number }[]>();
    for (const r of await q.execute()) {
      const list = map.get(r.user_id) ?? [];
      list.push({ skillId: r.skill_id, level: r.level });
      map.set(r.user_id, list);
    }
    return map;
  }

  private async remoteSkills(tenantId: number) {
    const rows = await this.statuses(tenantId, 'skill');
    const m = new Map<number, { id: string; collection: string }>();
    for (const r of rows.values())
      if (r.status === 'Synced' && r.remote_id)
        m.set(r.object_id, { id: r.remote_id, collection: r.remote_version ?? '/api/v2/routing/skills' });
    return m;
  }

  /** A user's skills (proficiency → stars) and languages; answers the API's text on failure. */
  private async userSkills(
    client: GenesysClient,
    remoteUser: string,
    list: { skillId: number; level: number }[],
    skills: Map<number, { id: string; collection: string }>,
    /**
     * What was sent before: `skills` / `languages` true when the last pass set some (they may need
     * clearing when there are none now); both true for a user whose earlier pass did not record it.
     */
    before: { skills: boolean; languages: boolean } | null,
  ): Promise<{ error: string | null; sent: string }> {
    const skillsOut: { id: string; proficiency: number }[] = [];
    const langsOut: { id: string; proficiency: number }[] = [];
    for (const a of list) {
      const s = skills.get(a.skillId);
      if (!s) continue;
      // remote_version of a skill is its collection's path (/api/v2/routing/skills or …/languages).
      (s.collection.endsWith('/languages') ? langsOut : skillsOut).push({
        id: s.id,
        proficiency: proficiencyToStars(a.level),
      });
    }
    try {
      // Nothing to set now and nothing set before: no request (most users have no skills).
      if (skillsOut.length > 0 || before?.skills)
        await client.request('PUT', `/api/v2/users/${encodeURIComponent(remoteUser)}/routingskills/bulk`, skillsOut);
      if (langsOut.length > 0 || before?.languages)
        await client.request(
          'PATCH',
          `/api/v2/users/${encodeURIComponent(remoteUser)}/routinglanguages/bulk`,
          langsOut,
        );
      return { error: null, sent: `skills=${skillsOut.length};languages=${langsOut.length}` };
    } catch (err) {
      if (err instanceof GenesysConnectionError) throw err;
      return { error: err instanceof Error ? err.message : String(err), sent: 'skills=?;languages=?' };
    }
  }

  /** Wrap-up codes (names only) and workgroups (agent groups → queues). */
  private async syncNamed(
    tenantId: number,
    _c: Config,
    client: GenesysClient,
    kind: 'wrapupCode' | 'workgroup',
    stillOn: () => boolean,
  ): Promise<void> {
    const k = this.db()!;
    const local =
      kind === 'wrapupCode'
        ? await k.selectFrom('wrapup_code').select(['id', 'name']).where('tenant_id', '=', tenantId).execute()
        : await k.selectFrom('agent_group').select(['id', 'name']).where('tenant_id', '=', tenantId).execute();
    const path = kind === 'wrapupCode' ? '/api/v2/routing/wrapupcodes' : '/api/v2/routing/queues';
    await this.syncCollection(
      tenantId,
      client,
      kind,
      local.map((l) => ({ ...l, collection: path })),
      stillOn,
    );
  }

  private async syncSkills(tenantId: number, client: GenesysClient, stillOn: () => boolean): Promise<void> {
    const rows = await this.db()!
      .selectFrom('skill as s')
      .leftJoin('genesys_skill_option as o', 'o.skill_id', 's.id')
      .select(['s.id', 's.name', 'o.treat_as_language'])
      .where('s.tenant_id', '=', tenantId)
      .execute();
    await this.syncCollection(
      tenantId,
      client,
      'skill',
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        collection: r.treat_as_language === 1 ? '/api/v2/routing/languages' : '/api/v2/routing/skills',
      })),
      stillOn,
    );
  }

  /**
   * One-way by name: create what is missing, rename what changed, delete what the console no longer
   * has (only objects the console created or adopted). remote_version holds the collection for skills.
   */
  private async syncCollection(
    tenantId: number,
    client: GenesysClient,
    kind: 'wrapupCode' | 'workgroup' | 'skill',
    local: { id: number; name: string; collection: string }[],
    stillOn: () => boolean,
  ): Promise<void> {
    const prev = await this.statuses(tenantId, kind);
    const collections = [
      ...new Set([...local.map((l) => l.collection), ...[...prev.values()].map((p) => p.remote_version ?? '')]),
    ].filter((x) => x.startsWith('/api/'));
    const remote = new Map<string, Map<string, { id: string; name: string }>>();
    for (const col of collections) {
      const all = await client.all<{ id: string; name: string }>(col, 100);
      remote.set(col, new Map(all.map((e) => [e.id, e])));
    }
    const rows: StatusRow[] = [];
    const removed: { kind: Kind; id: number }[] = [];
    const localIds = new Set(local.map((l) => l.id));
    try {
      await this.each(
        local,
        async (l) => {
          if (!stillOn()) return;
          const p = prev.get(l.id);
          const base = { kind, object_id: l.id, last_synced_at: p?.last_synced_at ?? null };
          try {
            const there = remote.get(l.collection)!;
            let id: string | null = null;
            // Moved between skills and languages (Treat as a Language changed): delete the old one.
            if (p?.remote_id && p.remote_version && p.remote_version !== l.collection) {
              await client.request('DELETE', `${p.remote_version}/${encodeURIComponent(p.remote_id)}`).catch((err) => {
                if (!(err instanceof GenesysApiError && err.status === 404)) throw err;
              });
            } else if (p?.remote_id && there.has(p.remote_id)) id = p.remote_id;
            if (!id) {
              const byName = [...there.values()].find((e) => e.name.toLowerCase() === l.name.toLowerCase());
              id = byName?.id ?? null;
            }
            if (id) {
              const cur = there.get(id)!;
              if (cur.name !== l.name)
                await client.request('PUT', `${l.collection}/${encodeURIComponent(id)}`, { name: l.name });
            } else {
              const r = await client.request<{ id: string }>('POST', l.collection, { name: l.name });
              id = r.json.id;
            }
            rows.push({
              ...base,
              status: 'Synced',
              message: null,
              last_synced_at: new Date().toISOString(),
              remote_id: id,
              remote_version: l.collection,
            });
          } catch (err) {
            if (err instanceof GenesysConnectionError) throw err;
            rows.push({
              ...base,
              status: 'Error',
              message: err instanceof Error ? err.message : String(err),
              remote_id: p?.remote_id ?? null,
              remote_version: p?.remote_version ?? null,
            });
          }
        },
        stillOn,
      );
      for (const p of prev.values()) {
        if (localIds.has(p.object_id) || !stillOn()) continue;
        if (p.remote_id && p.remote_version?.startsWith('/api/')) {
          await client.request('DELETE', `${p.remote_version}/${encodeURIComponent(p.remote_id)}`).catch((err) => {
            if (!(err instanceof GenesysApiError && err.status === 404)) throw err;
          });
        }
        removed.push({ kind, id: p.object_id });
      }
    } finally {
      await this.write(tenantId, rows, removed);
    }
  }

  // ---- health ------------------------------------------------------------------------------------

  async health(tenantId: number): Promise<{ enabled: boolean; items: HealthItem[]; passes: number; busy: boolean }> {
    const c = await this.config(tenantId);
    const s = this.state(tenantId);
    const k = this.db();
    // Another console synchronizes: its API Health and OAuth state are in the lease row.
    let api = s.api;
    let oauth = s.oauth;
    if (k && !s.holder) {
      const l = await k
        .selectFrom('genesys_sync_lease')
        .select(['health'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      const h = l ? (JSON.parse(l.health) as Partial<{ api: TenantState['api']; oauth: TenantState['oauth'] }>) : {};
      if (h.api) api = h.api;
      if (h.oauth) oauth = h.oauth;
    }
    const counts = new Map<string, { n: number; m: number; last: string | null; errors: Detail[] }>();
    if (k) {
      const rows = await k
        .selectFrom('genesys_sync_status')
        .select(['kind', 'object_id', 'status', 'message', 'updated_at'])
        .where('tenant_id', '=', tenantId)
        .execute();
      const names = await this.names(tenantId);
      const nameOf = (kind: string, id: number) =>
        names.get(`${kind === 'userSkill' ? 'user' : kind}:${id}`) ?? String(id);
      for (const r of rows) {
        const x = counts.get(r.kind) ?? { n: 0, m: 0, last: null, errors: [] };
        // "Not synced" records without a Business Email are not eligible (the seed's n / m counts eligible ones).
        if (r.status !== 'Not synced') x.m++;
        if (r.status === 'Synced') x.n++;
        if (!x.last || r.updated_at > x.last) x.last = r.updated_at;
        if (r.status === 'Error' && x.errors.length < 200)
          x.errors.push({
            severity: 'Error',
            time: r.updated_at,
            message: `${nameOf(r.kind, r.object_id)} | ${r.message ?? ''}`,
          });
        counts.set(r.kind, x);
      }
    }
    const sync = (item: HealthItem['item'], kind: Kind, on: boolean): HealthItem => {
      const x = counts.get(kind);
      if (!on) return { item, state: 'Not enabled', lastUpdate: x?.last ?? null, details: [] };
      return {
        item,
        state: `${x?.n ?? 0} / ${x?.m ?? 0} synced`,
        lastUpdate: x?.last ?? null,
        details: x?.errors ?? [],
      };
    };
    const enabled = c?.enabled === true;
    const adv = enabled && c.syncAdvanced;
    return {
      enabled,
      passes: s.passes,
      busy: s.running !== null || s.pending !== null || s.timer !== null,
      items: [
        {
          item: 'API Health',
          state: !c ? 'Not configured' : !enabled ? 'Disabled' : !c.clientId ? 'Not provisioned' : api.state,
          lastUpdate: api.lastUpdate,
          details: api.details,
        },
        sync('User Sync', 'user', enabled && (c?.syncUsers ?? false)),
        sync('WrapupCode Sync', 'wrapupCode', adv),
        sync('Workgroup Sync', 'workgroup', adv),
        sync('Skill Sync', 'skill', adv),
        sync('User Skill Sync', 'userSkill', adv),
        // Event data to Genesys Cloud (Cloud Conduit) is not sent by this console.
        { item: 'Cloud Conduit', state: 'Not configured', lastUpdate: null, details: [] },
        {
          item: 'OAuth client apps',
          state: !c?.clientId ? 'None' : oauth.state === 'Not provisioned' ? 'Initializing' : oauth.state,
          lastUpdate: oauth.lastUpdate,
          details: oauth.details,
        },
      ],
    };
  }

  private async names(tenantId: number): Promise<Map<string, string>> {
    const k = this.db()!;
    const m = new Map<string, string>();
    for (const r of await k
      .selectFrom('cc_user')
      .select(['id', 'logon_id'])
      .where('tenant_id', '=', tenantId)
      .execute())
      m.set(`user:${r.id}`, r.logon_id);
    for (const r of await k
      .selectFrom('agent_group')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .execute())
      m.set(`workgroup:${r.id}`, r.name);
    for (const r of await k.selectFrom('skill').select(['id', 'name']).where('tenant_id', '=', tenantId).execute())
      m.set(`skill:${r.id}`, r.name);
    for (const r of await k
      .selectFrom('wrapup_code')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .execute())
      m.set(`wrapupCode:${r.id}`, r.name);
    return m;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    for (const s of this.tenants.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.generation++;
    }
    await Promise.all([...this.tenants.values()].map((s) => s.running?.catch(() => {})));
    // Hand the tenants over at once (another console takes them at its next probe).
    await this.db()
      ?.deleteFrom('genesys_sync_lease')
      .where('console_id', '=', this.deps.data.consoleId)
      .execute()
      .catch(() => {});
  }
}
