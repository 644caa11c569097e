import { createHash, randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import {
  DEFAULT_CSV_FILE,
  DEFAULT_MAPPING,
  Mapping,
  type SyncChange,
  type SyncCounts,
  type SyncPreview,
  type SyncRun,
  type UserSyncConfig,
  type UserSyncSettings,
  type userSyncService,
} from '../../contract';
import type { Db } from '../../connectors/db/engine';
import { redactForAudit, transact, updateVersioned, type AuditEntry, type Work } from '../../connectors/db/unitOfWork';
import { checkLogonIdOptions } from '../../shared/logonIdGeneration';
import {
  mappedAttributes,
  planSync,
  type ExistingUser,
  type PlannedChange,
  type SyncPlan,
} from '../../domain/userSync/plan';
import { optionalIdentityKey, withUserKeys } from '../../domain/users/logonKey';
import { userSearchText } from '../../domain/users/search';
import { PHONE_AGENT_LOGON } from '../../connectors/db/schema';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import { allowedLogFolders, declareLogSource } from '../logs';
import { appendCsv, csvFile, type CsvRow } from './csvLog';
import { DirectoryError, type DirectoryEntry } from './directory';
import { readAzureGroup } from './graphReader';
import { readAdGroupOffMain } from './ldapOffMain';
import { machineDomain } from './locate';
import type { UserSyncConfigTable } from './schema';

/** Keychain entries: the AD password bound to host:port, the client secret bound to the Azure tenant + client. */
export const adPasswordKey = (tenantId: number, host: string, port: number) =>
  `userSync:${tenantId}:ad:${host.toLowerCase()}:${port}`;
/**
 * The client secret is bound to the app registration and to the sign-in host it is sent to
 * (blank = the public cloud's login.microsoftonline.com): another authority URL has no secret
 * until one is entered for it, so a changed URL cannot carry the stored secret elsewhere.
 */
export const azureSecretKey = (tenantId: number, azureTenant: string, clientId: string, loginBaseUrl = '') =>
  `userSync:${tenantId}:azure:${azureTenant.toLowerCase()}:${clientId.toLowerCase()}` +
  (loginBaseUrl ? `:${originOf(loginBaseUrl)}` : '');

const originOf = (url: string) => {
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return url.toLowerCase();
  }
};

/**
 * The host the AD password is bound to: the Host Name, or — blank, the domain controllers found by DNS SRV — the
 * SRV name of the domain (a password entered for one domain is not sent to another's controllers).
 */
export const adKeyHost = (ad: { host: string; domain: string }) => ad.host || `_ldap._tcp.${ad.domain || '.'}`;

const LOCK_MS = 30 * 60_000;

/** Tests: awaited at every cancel checkpoint of an apply (between batches), with the changes written so far. */
let applyCheckpoint: ((written: number) => Promise<void> | void) | null = null;
export function setApplyCheckpoint(hook: typeof applyCheckpoint): void {
  applyCheckpoint = hook;
}
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export const DEFAULT_SETTINGS: UserSyncSettings = {
  type: 'none',
  ad: { host: '', port: 389, userName: '', security: 'none', baseDn: '', domain: '' },
  azure: { tenantId: '', clientId: '', loginBaseUrl: '', graphBaseUrl: '' },
  userGroup: '',
  logonId: { order: 'lastFirst', firstChars: 2, lastChars: 18 },
  neverDelete: false,
  allowManualDelete: false,
  mapping: DEFAULT_MAPPING.ad,
  schedule: { enabled: true, time: '02:00' },
  csv: { folder: '', fileName: DEFAULT_CSV_FILE },
};

function settingsOf(r: Selectable<UserSyncConfigTable>, flags: { never: boolean; manual: boolean }): UserSyncSettings {
  const mapping = Mapping.safeParse(JSON.parse(r.mapping_json));
  return {
    type: r.sync_type,
    ad: {
      host: r.ad_host,
      port: r.ad_port,
      userName: r.ad_user,
      security: r.ad_security,
      baseDn: r.ad_base_dn,
      domain: r.ad_domain,
    },
    azure: {
      tenantId: r.azure_tenant_id,
      clientId: r.azure_client_id,
      loginBaseUrl: r.azure_login_base_url,
      graphBaseUrl: r.azure_graph_base_url,
    },
    userGroup: r.user_group,
    logonId: { order: r.logon_order, firstChars: r.logon_first_chars, lastChars: r.logon_last_chars },
    neverDelete: flags.never,
    allowManualDelete: flags.manual,
    mapping: mapping.success ? mapping.data : DEFAULT_MAPPING[r.sync_type === 'azure' ? 'azure' : 'ad'],
    schedule: { enabled: r.schedule_enabled === 1, time: r.schedule_time },
    csv: { folder: r.csv_folder, fileName: r.csv_file_name },
  };
}

const columnsOf = (s: UserSyncSettings) => ({
  sync_type: s.type,
  ad_host: s.ad.host,
  ad_port: s.ad.port,
  ad_user: s.ad.userName,
  ad_security: s.ad.security,
  ad_base_dn: s.ad.baseDn,
  ad_domain: s.ad.domain,
  csv_folder: s.csv.folder,
  csv_file_name: s.csv.fileName,
  azure_tenant_id: s.azure.tenantId,
  azure_client_id: s.azure.clientId,
  azure_login_base_url: s.azure.loginBaseUrl,
  azure_graph_base_url: s.azure.graphBaseUrl,
  user_group: s.userGroup,
  logon_order: s.logonId.order,
  logon_first_chars: s.logonId.firstChars,
  logon_last_chars: s.logonId.lastChars,
  mapping_json: JSON.stringify(s.mapping),
  schedule_enabled: s.schedule.enabled ? 1 : 0,
  schedule_time: s.schedule.time,
});

/**
 * A synchronization changes users of every agent group (new users go to <Default>), so a supervisor scoped to
 * agent groups may look but not configure or run it.
 */
function assertUnscoped(ctx: CallContext): void {
  if (identityOf(ctx).agentGroupScope !== null)
    throw new ServiceError(
      'FORBIDDEN',
      'User synchronization changes users of every agent group: it needs a user type that is not limited to ' +
        'the agent groups it supervises.',
    );
}

interface StoredPreview {
  id: string;
  tenantId: number;
  createdAt: string;
  actor: string;
  plan: SyncPlan;
  counts: SyncCounts;
  fingerprint: string;
}

const countsOf = (plan: SyncPlan): SyncCounts => {
  const c: SyncCounts = {
    read: plan.read,
    add: 0,
    update: 0,
    delete: 0,
    undelete: 0,
    error: 0,
    unchanged: plan.unchanged,
  };
  for (const ch of plan.changes) c[ch.action.toLowerCase() as 'add'] += 1;
  return c;
};

const toChange = (c: PlannedChange): SyncChange => ({
  action: c.action,
  syncId: c.syncId,
  userId: c.userId,
  logonId: c.logonId,
  firstName: c.firstName,
  lastName: c.lastName,
  externalLogonId: c.externalLogonId,
  fields: c.fields,
  comment: c.comment,
});

const COLUMN = {
  firstName: 'first_name',
  lastName: 'last_name',
  externalLogonId: 'external_logon_id',
  directoryNumber: 'directory_number',
  chatDisplayName: 'chat_display_name',
} as const;

/** The mapped fields the users search folds into search_text (domain/users/search.ts). */
const SEARCHED = ['firstName', 'lastName', 'externalLogonId', 'directoryNumber'] as const;

export interface UserSyncRuntime {
  /**
   * One synchronization of a tenant without a preview step (schedule, /adsync): preview + apply. A directory
   * error is recorded as a failed run and thrown.
   */
  runTenant(tenantId: number, trigger: 'schedule' | 'command', actor: string): Promise<SyncRun>;
  configuredTenants(): Promise<number[]>;
  /**
   * The daily schedule at `now` (local time): every tenant whose time has come and that has not run today is
   * claimed (one conditional update, so of several consoles exactly one runs it) and synchronized.
   */
  scheduleTick(now: Date): Promise<SyncRun[]>;
  /** Cancels the tenant's running preview or apply in this console (what userSync.cancel does). */
  cancel(tenantId: number): boolean;
}

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const localTime = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export function createUserSync(deps: ServiceDeps): {
  impl: ServiceImpl<typeof userSyncService>;
  runtime: UserSyncRuntime;
} {
  const { data, secrets, bus, log } = deps;
  const previews = new Map<number, StoredPreview>();
  const running = new Map<number, AbortController>();
  const csvFolders = () => allowedLogFolders(deps.userDataDir);
  /** For the page: where UserSync.csv goes ('' when its folder is no longer allowed). */
  const csvFileOf = (loc: UserSyncSettings['csv']) => {
    try {
      return csvFile(deps.userDataDir, csvFolders(), loc);
    } catch {
      return '';
    }
  };
  /** Appends the run's rows and shows the file in Logs as a source (the folder's check is made again now). */
  async function writeCsv(tenantId: number, rows: CsvRow[]): Promise<void> {
    try {
      const loc = (await loadConfig(data.require(), tenantId)).csv;
      const file = csvFile(deps.userDataDir, csvFolders(), loc);
      await appendCsv(file, rows);
      declareLogSource(
        deps.userDataDir,
        {
          id: `userSync-${createHash('sha256').update(file).digest('hex').slice(0, 12)}`,
          name: `User Synchronization (${loc.fileName})`,
          path: file,
          component: 'User Synchronization',
        },
        !loc.folder,
      );
    } catch (e) {
      log.warn(`UserSync.csv could not be written: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function loadConfig(db: Db, tenantId: number): Promise<UserSyncConfig> {
    const tenant = await db.kysely
      .selectFrom('tenant')
      .select(['never_delete_synced', 'allow_manual_delete_synced'])
      .where('id', '=', tenantId)
      .executeTakeFirst();
    if (!tenant) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
    const flags = { never: tenant.never_delete_synced === 1, manual: tenant.allow_manual_delete_synced === 1 };
    const r = await db.kysely
      .selectFrom('user_sync_config')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    const s = r
      ? settingsOf(r, flags)
      : { ...DEFAULT_SETTINGS, neverDelete: flags.never, allowManualDelete: flags.manual };
    const has = (k: string) => secrets.has(k).catch(() => false);
    return {
      ...s,
      tenantId,
      version: r?.version ?? 0,
      passwordSet:
        s.ad.host || s.ad.domain || machineDomain()
          ? await has(adPasswordKey(tenantId, adKeyHost(s.ad), s.ad.port))
          : false,
      secretSet:
        s.azure.tenantId && s.azure.clientId
          ? await has(azureSecretKey(tenantId, s.azure.tenantId, s.azure.clientId, s.azure.loginBaseUrl))
          : false,
      updatedAt: r?.updated_at ?? null,
      updatedBy: r?.updated_by ?? null,
      csvPath: csvFileOf(s.csv),
      csvFolders: csvFolders(),
      localDomain: machineDomain(),
    };
  }

  async function readExisting(db: Db, tenantId: number): Promise<ExistingUser[]> {
    const out: ExistingUser[] = [];
    let after = 0;
    for (;;) {
      const rows = await db.kysely
        .selectFrom('cc_user')
        .select([
          'id',
          'version',
          'sync_id',
          'deleted',
          'logon_id',
          'first_name',
          'last_name',
          'external_logon_id',
          'directory_number',
          'chat_display_name',
        ])
        .where('tenant_id', '=', tenantId)
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      for (const r of rows)
        out.push({
          id: r.id,
          version: r.version,
          syncId: r.sync_id,
          deleted: r.deleted === 1,
          logonId: r.logon_id,
          firstName: r.first_name,
          lastName: r.last_name,
          externalLogonId: r.external_logon_id,
          directoryNumber: r.directory_number,
          chatDisplayName: r.chat_display_name,
        });
      if (rows.length < 2000) return out;
      after = rows[rows.length - 1]!.id;
      await turn();
    }
  }

  const fingerprintOf = async (users: { id: number; version: number }[]) => {
    const h = createHash('sha256');
    for (let i = 0; i < users.length; i += 5000) {
      h.update(
        users
          .slice(i, i + 5000)
          .map((u) => `${u.id}:${u.version};`)
          .join(''),
      );
      await turn();
    }
    return `${users.length}:${h.digest('hex')}`;
  };

  async function readDirectory(cfg: UserSyncConfig, signal: AbortSignal, progress: (n: number) => void) {
    const attrs = mappedAttributes(cfg.mapping);
    const entries: DirectoryEntry[] = [];
    const read = {
      signal,
      onBatch: async (b: DirectoryEntry[]) => {
        entries.push(...b);
        progress(entries.length);
        await turn();
      },
    };
    if (!cfg.userGroup) throw new DirectoryError('config', 'User Group is required.');
    if (cfg.type === 'ad') {
      const password = await secrets.get(adPasswordKey(cfg.tenantId, adKeyHost(cfg.ad), cfg.ad.port));
      if (!password)
        throw new DirectoryError(
          'credentials',
          cfg.ad.host
            ? 'No password is stored for this Host Name and Port.'
            : 'No password is stored for the domain controllers of this domain.',
        );
      await readAdGroupOffMain(
        {
          host: cfg.ad.host,
          port: cfg.ad.port,
          security: cfg.ad.security,
          bindDn: cfg.ad.userName,
          password,
          baseDn: cfg.ad.baseDn,
          group: cfg.userGroup,
          domain: cfg.ad.domain,
        },
        attrs,
        read,
      );
    } else if (cfg.type === 'azure') {
      const secret =
        cfg.azure.tenantId && cfg.azure.clientId
          ? await secrets.get(
              azureSecretKey(cfg.tenantId, cfg.azure.tenantId, cfg.azure.clientId, cfg.azure.loginBaseUrl),
            )
          : null;
      if (!secret)
        throw new DirectoryError('credentials', 'No Client Secret is stored for this Tenant ID and Client ID.');
      await readAzureGroup(
        {
          tenantId: cfg.azure.tenantId,
          clientId: cfg.azure.clientId,
          clientSecret: secret,
          group: cfg.userGroup,
          loginBaseUrl: cfg.azure.loginBaseUrl || undefined,
          graphBaseUrl: cfg.azure.graphBaseUrl || undefined,
        },
        [...new Set([...attrs, 'userPrincipalName'])],
        read,
      );
    } else throw new DirectoryError('config', 'User synchronization is off for this tenant (Type: None).');
    return entries;
  }

  async function makePreview(tenantId: number, actor: string): Promise<StoredPreview> {
    if (running.has(tenantId))
      throw new ServiceError('CONFLICT', 'A synchronization of this tenant is already running in this console.');
    const ac = new AbortController();
    running.set(tenantId, ac);
    const emit = (phase: 'reading' | 'comparing' | 'done', read: number, compared: number) =>
      bus.emit('userSync.progress', { tenantId, phase, read, compared, written: 0 });
    try {
      const db = data.require();
      const cfg = await loadConfig(db, tenantId);
      // The tenant's users are read while the directory answers (the two overlap; the apply re-checks them).
      const existingRead = readExisting(db, tenantId);
      existingRead.catch(() => {});
      let entries: DirectoryEntry[];
      try {
        entries = await readDirectory(cfg, ac.signal, (n) => emit('reading', n, 0));
      } catch (e) {
        if (e instanceof DirectoryError)
          throw new ServiceError(
            e.reason === 'cancelled' ? 'CONFLICT' : e.reason === 'config' ? 'INVALID' : 'UNAVAILABLE',
            e.reason === 'cancelled'
              ? 'Cancelled: nothing was changed.'
              : `Synchronization failed: ${e.message} Nothing was changed.`,
          );
        throw e;
      }
      emit('comparing', entries.length, 0);
      const existing = await existingRead;
      const plan = await planSync(
        entries,
        existing,
        { mapping: cfg.mapping, logonId: cfg.logonId, neverDelete: cfg.neverDelete },
        turn,
      );
      emit('done', entries.length, entries.length);
      const p: StoredPreview = {
        id: randomUUID(),
        tenantId,
        createdAt: new Date().toISOString(),
        actor,
        plan,
        counts: countsOf(plan),
        fingerprint: await fingerprintOf(existing),
      };
      previews.set(tenantId, p);
      return p;
    } finally {
      running.delete(tenantId);
    }
  }

  function pageOf(p: StoredPreview, action: string | undefined, offset: number, limit: number): SyncPreview {
    const list = action ? p.plan.changes.filter((c) => c.action === action) : p.plan.changes;
    return {
      previewId: p.id,
      tenantId: p.tenantId,
      createdAt: p.createdAt,
      counts: p.counts,
      changes: list.slice(offset, offset + limit).map(toChange),
      total: list.length,
    };
  }

  async function acquireLock(db: Db, tenantId: number): Promise<void> {
    const now = new Date();
    const row = {
      tenant_id: tenantId,
      holder: data.consoleId,
      acquired_at: now.toISOString(),
      expires_at: new Date(now.getTime() + LOCK_MS).toISOString(),
    };
    try {
      await db.kysely.insertInto('user_sync_lock').values(row).execute();
      return;
    } catch {
      // Held: take it over only when it expired (its holder stopped without releasing it).
      const r = await db.kysely
        .updateTable('user_sync_lock')
        .set(row)
        .where('tenant_id', '=', tenantId)
        .where('expires_at', '<', now.toISOString())
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) return;
    }
    throw new ServiceError(
      'CONFLICT',
      'Another console is synchronizing this tenant right now; try again when it has finished.',
    );
  }
  const releaseLock = (db: Db, tenantId: number) =>
    db.kysely
      .deleteFrom('user_sync_lock')
      .where('tenant_id', '=', tenantId)
      .where('holder', '=', data.consoleId)
      .execute()
      .catch(() => {});

  async function defaults(w: Work, tenantId: number): Promise<{ group: number; type: number }> {
    const by = { updated_at: w.now, updated_by: w.actor.logonId };
    let group = (
      await w.tx
        .selectFrom('agent_group')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('name', '=', '<Default>')
        .executeTakeFirst()
    )?.id;
    if (group === undefined) {
      group = (
        await w.tx
          .insertInto('agent_group')
          .values({ tenant_id: tenantId, name: '<Default>', ...by })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      w.changed('agent_group', tenantId, group);
    }
    let type = (
      await w.tx
        .selectFrom('user_type')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('name', '=', '<Default>')
        .executeTakeFirst()
    )?.id;
    if (type === undefined) {
      // "The user will not have permission to run any MiCC Enterprise applications."
      type = (
        await w.tx
          .insertInto('user_type')
          .values({
            tenant_id: tenantId,
            name: '<Default>',
            permissions: '{}',
            is_host_admin: 0,
            scope_users_to_agent_groups: 0,
            ...by,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      w.changed('user_type', tenantId, type);
    }
    return { group, type };
  }

  async function applyPreview(
    p: StoredPreview,
    trigger: SyncRun['trigger'],
    actor: { userId: number | null; logonId: string; origin: string },
  ): Promise<SyncRun> {
    const db = data.require();
    const tenantId = p.tenantId;
    if (running.has(tenantId))
      throw new ServiceError('CONFLICT', 'A synchronization of this tenant is already running in this console.');
    const ac = new AbortController();
    running.set(tenantId, ac);
    try {
      await acquireLock(db, tenantId);
    } catch (e) {
      running.delete(tenantId);
      throw e;
    }
    const startedAt = new Date().toISOString();
    const run = await db.kysely
      .insertInto('user_sync_run')
      .values({ tenant_id: tenantId, started_at: startedAt, trigger, actor: actor.logonId, status: 'running' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const finish = async (status: SyncRun['status'], error: string | null): Promise<SyncRun> => {
      const finishedAt = new Date().toISOString();
      await db.kysely
        .updateTable('user_sync_run')
        .set({
          status,
          finished_at: finishedAt,
          error,
          counts_json: status === 'succeeded' ? JSON.stringify(p.counts) : null,
        })
        .where('id', '=', run.id)
        .execute();
      return {
        id: run.id,
        tenantId,
        startedAt,
        finishedAt,
        trigger,
        actor: actor.logonId,
        status,
        counts: status === 'succeeded' ? p.counts : null,
        error,
      };
    };
    const csv: CsvRow[] = [];
    try {
      let written = 0;
      const progress = () =>
        bus.emit('userSync.progress', {
          tenantId,
          phase: 'writing',
          read: p.counts.read,
          compared: p.counts.read,
          written,
        });
      await transact(db, actor, data, async (w) => {
        // Exactly as previewed: every user of the tenant must still have the version the preview saw.
        const fresh: { id: number; version: number }[] = [];
        for (let after = 0; ;) {
          const rows = await w.tx
            .selectFrom('cc_user')
            .select(['id', 'version'])
            .where('tenant_id', '=', tenantId)
            .where('id', '>', after)
            .orderBy('id')
            .limit(5000)
            .execute();
          fresh.push(...rows);
          if (rows.length < 5000) break;
          after = rows[rows.length - 1]!.id;
          await turn();
        }
        if ((await fingerprintOf(fresh)) !== p.fingerprint)
          throw new ServiceError(
            'CONFLICT',
            "The tenant's users changed after the preview (another change was saved meanwhile), so it cannot be " +
              'applied as shown. Nothing was written; preview again.',
            undefined,
            { rule: 'preview_stale' },
          );
        const d = await defaults(w, tenantId);
        const at = new Date();
        const audits: AuditEntry[] = [];
        let n = 0;
        const maybeTurn = async () => {
          if (++n % 50 === 0) {
            written = n;
            progress();
            await turn();
            await applyCheckpoint?.(n);
            if (ac.signal.aborted) throw new ServiceError('CONFLICT', 'Cancelled: nothing was written.');
          }
        };
        // New users first, 200 to a statement; their record IDs are read back by Sync ID.
        const addRow = (c: PlannedChange) =>
          withUserKeys({
            tenant_id: tenantId,
            logon_id: c.logonId,
            first_name: c.set.firstName ?? c.firstName,
            last_name: c.set.lastName ?? c.lastName,
            directory_number: c.set.directoryNumber ?? null,
            agent_group_id: d.group,
            user_type_id: d.type,
            external_logon_id: c.set.externalLogonId ?? null,
            chat_display_name: c.set.chatDisplayName ?? null,
            circuit_user: null,
            sync_id: c.syncId,
            phone_agent_logon: PHONE_AGENT_LOGON.useSystemSetting,
            personal_default_destination: null,
            dispatch_privilege: 0,
            password_hash: null,
            password_changed_at: null,
            locked: 0,
            lock_reason: null,
            locked_at: null,
            locked_by_host: null,
            failed_attempts: 0,
            last_logon_at: null,
            deleted: 0,
            updated_at: w.now,
            updated_by: w.actor.logonId,
          });
        const adds = p.plan.changes.filter((c) => c.action === 'ADD');
        const addIds = new Map<string, number>();
        for (let i = 0; i < adds.length; i += 200) {
          const batch = adds.slice(i, i + 200);
          await w.tx.insertInto('cc_user').values(batch.map(addRow)).execute();
          const ids = await w.tx
            .selectFrom('cc_user')
            .select(['id', 'sync_id'])
            .where('tenant_id', '=', tenantId)
            .where(
              'sync_id',
              'in',
              batch.map((c) => c.syncId),
            )
            .execute();
          for (const r of ids) addIds.set(r.sync_id!, r.id);
          written = i + batch.length;
          progress();
          await turn();
          await applyCheckpoint?.(written);
          if (ac.signal.aborted) throw new ServiceError('CONFLICT', 'Cancelled: nothing was written.');
        }
        for (const c of p.plan.changes) {
          if (c.action === 'ERROR') {
            csv.push({
              at,
              action: 'ERROR',
              syncId: c.syncId,
              recId: c.userId,
              logonId: c.logonId,
              firstName: c.firstName,
              lastName: c.lastName,
              externalLogonId: c.externalLogonId,
              comment: c.comment,
            });
            continue;
          }
          let recId = c.userId;
          if (c.action === 'ADD') {
            recId = addIds.get(c.syncId) ?? null;
          } else {
            const set: Record<string, unknown> = {};
            for (const [f, v] of Object.entries(c.set)) set[COLUMN[f as keyof typeof COLUMN]] = v;
            if ('externalLogonId' in c.set) set.external_logon_key = optionalIdentityKey(c.set.externalLogonId);
            if (SEARCHED.some((f) => f in c.set)) {
              // The users search reads cc_user.search_text: recomputed from the row as it will be.
              const cur = await w.tx
                .selectFrom('cc_user')
                .select(['first_name', 'last_name', 'logon_id', 'external_logon_id', 'directory_number'])
                .where('id', '=', c.userId!)
                .executeTakeFirst();
              if (cur) set.search_text = userSearchText({ ...cur, ...(set as Partial<typeof cur>) });
            }
            if (c.action === 'DELETE') set.deleted = 1;
            if (c.action === 'UNDELETE') set.deleted = 0;
            const r = await w.tx
              .updateTable('cc_user')
              .set({ ...set, version: sql`version + 1`, updated_at: w.now, updated_by: w.actor.logonId })
              .where('id', '=', c.userId!)
              .where('version', '=', c.version!)
              .executeTakeFirst();
            if (Number(r.numUpdatedRows) !== 1)
              throw new ServiceError(
                'CONFLICT',
                `${c.logonId} changed after the preview. Nothing was written; preview again.`,
                undefined,
                { rule: 'preview_stale' },
              );
          }
          audits.push({
            tenantId,
            action: `userSync.${c.action.toLowerCase()}`,
            objectType: 'user',
            objectId: recId,
            objectName: c.logonId,
            before: c.action === 'ADD' ? undefined : Object.fromEntries(c.fields.map((f) => [f.field, f.from])),
            after: {
              syncId: c.syncId,
              ...Object.fromEntries(c.fields.map((f) => [f.field, f.to])),
              comment: c.comment,
            },
          });
          csv.push({
            at,
            action: c.action,
            syncId: c.syncId,
            recId,
            logonId: c.logonId,
            firstName: c.firstName,
            lastName: c.lastName,
            externalLogonId: c.externalLogonId,
            comment: c.comment,
          });
          await maybeTurn();
        }
        for (const c of p.plan.changes.filter((x) => x.action === 'ERROR'))
          audits.push({
            tenantId,
            action: 'userSync.error',
            objectType: 'user',
            objectId: c.userId,
            objectName: c.logonId || c.syncId,
            after: { syncId: c.syncId, comment: c.comment },
          });
        // One audit row per change, written here in chunks so a large run does not hold the event loop in one loop;
        // same columns as unitOfWork's entries, values redacted the same way.
        for (let i = 0; i < audits.length; i += 500) {
          await w.tx
            .insertInto('audit_log')
            .values(
              audits.slice(i, i + 500).map((e) => ({
                at: w.now,
                tenant_id: e.tenantId,
                actor_user_id: w.actor.userId,
                actor: w.actor.logonId,
                origin: w.actor.origin,
                action: e.action,
                object_type: e.objectType,
                object_id: e.objectId == null ? null : String(e.objectId),
                object_name: e.objectName ?? null,
                before_json: e.before === undefined ? null : JSON.stringify(redactForAudit(e.before)),
                after_json: e.after === undefined ? null : JSON.stringify(redactForAudit(e.after)),
              })),
            )
            .execute();
          await turn();
        }
        w.audit({
          tenantId,
          action: 'userSync.run',
          objectType: 'userSync',
          objectId: run.id,
          after: { trigger, counts: p.counts },
        });
        if (p.plan.changes.some((c) => c.action !== 'ERROR')) w.changed('cc_user', tenantId, null);
        written = n;
      });
      progress();
      previews.delete(tenantId);
      await writeCsv(tenantId, csv);
      return await finish('succeeded', null);
    } catch (e) {
      const message = e instanceof ServiceError ? e.message : 'The synchronization failed; nothing was written.';
      const status = ac.signal.aborted ? 'cancelled' : 'failed';
      await finish(status, message);
      // The transaction (and the audit rows in it) rolled back: one row says what happened. UserSync.csv gets no
      // row, as no user was added, changed or deleted.
      await transact(db, actor, data, async (w) => {
        w.audit({
          tenantId,
          action: 'userSync.run',
          objectType: 'userSync',
          objectId: run.id,
          after: { trigger, status, error: message, rolledBack: true, previewed: p.counts },
        });
      }).catch(() => {});
      throw e;
    } finally {
      running.delete(tenantId);
      await releaseLock(db, tenantId);
    }
  }

  const runOf = (r: {
    id: number;
    tenant_id: number;
    started_at: string;
    finished_at: string | null;
    trigger: SyncRun['trigger'];
    actor: string;
    status: SyncRun['status'];
    counts_json: string | null;
    error: string | null;
  }): SyncRun => ({
    id: r.id,
    tenantId: r.tenant_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    trigger: r.trigger,
    actor: r.actor,
    status: r.status,
    counts: r.counts_json ? (JSON.parse(r.counts_json) as SyncCounts) : null,
    error: r.error,
  });

  const impl: ServiceImpl<typeof userSyncService> = {
    async get({ tenantId }, ctx) {
      return loadConfig(data.require(), tenantFor(ctx, tenantId));
    },

    async save({ tenantId: requested, expectedVersion, settings, password, clientSecret }, ctx) {
      const tenantId = tenantFor(ctx, requested);
      assertUnscoped(ctx);
      const bad = checkLogonIdOptions(settings.logonId);
      if (bad) throw new ServiceError('INVALID', bad, 'settings.logonId.lastChars');
      if (settings.type === 'ad' && !settings.ad.host && !settings.ad.domain && !machineDomain())
        throw new ServiceError(
          'INVALID',
          'Domain is required when Host Name is blank: only Windows knows the local domain, elsewhere give the ' +
            'domain whose controllers DNS lists (or a Host Name).',
          'settings.ad.domain',
        );
      if (settings.type !== 'none' && !settings.userGroup)
        throw new ServiceError('INVALID', 'User Group is required.', 'settings.userGroup');
      if (settings.type === 'azure' && (!settings.azure.tenantId || !settings.azure.clientId))
        throw new ServiceError(
          'INVALID',
          'Tenant ID and Client ID are required.',
          settings.azure.tenantId ? 'settings.azure.clientId' : 'settings.azure.tenantId',
        );
      if (password !== undefined || clientSecret !== undefined) {
        const ok = await secrets.available();
        if (!ok.ok)
          throw new ServiceError(
            'UNAVAILABLE',
            `The OS keychain is not available, so the secret cannot be stored (nothing was saved): ${ok.reason}`,
          );
      }
      // Where UserSync.csv goes: refused unless a plain .csv name in the logs folder or an allowed folder.
      csvFile(deps.userDataDir, csvFolders(), settings.csv);
      const db = data.require();
      const before = await loadConfig(db, tenantId);
      // A new or changed schedule starts with its next occurrence: a time already past today does not run at once.
      const scheduleChanged =
        expectedVersion === 0 ||
        before.schedule.time !== settings.schedule.time ||
        before.schedule.enabled !== settings.schedule.enabled ||
        before.type !== settings.type;
      const now = new Date();
      const scheduleColumns = scheduleChanged
        ? { last_scheduled_date: settings.schedule.time <= localTime(now) ? localDate(now) : null }
        : {};
      await transact(db, actorOf(ctx), data, async (w) => {
        if (expectedVersion === 0) {
          const exists = await w.tx
            .selectFrom('user_sync_config')
            .select('version')
            .where('tenant_id', '=', tenantId)
            .executeTakeFirst();
          if (exists) await updateVersioned(w, 'user_sync_config', { column: 'tenant_id', value: tenantId }, 0, {});
          await w.tx
            .insertInto('user_sync_config')
            .values({
              tenant_id: tenantId,
              ...columnsOf(settings),
              ...scheduleColumns,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .execute();
        } else {
          await updateVersioned(w, 'user_sync_config', { column: 'tenant_id', value: tenantId }, expectedVersion, {
            ...columnsOf(settings),
            ...scheduleColumns,
          });
        }
        if (settings.neverDelete !== before.neverDelete || settings.allowManualDelete !== before.allowManualDelete) {
          await w.tx
            .updateTable('tenant')
            .set({
              never_delete_synced: settings.neverDelete ? 1 : 0,
              allow_manual_delete_synced: settings.allowManualDelete ? 1 : 0,
              version: sql`version + 1`,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .where('id', '=', tenantId)
            .execute();
          w.changed('tenant', tenantId, tenantId);
        }
        const {
          tenantId: _t,
          version: _v,
          passwordSet: _p,
          secretSet: _s,
          updatedAt: _a,
          updatedBy: _b,
          ...old
        } = before;
        w.audit({
          tenantId,
          action: 'userSync.saveSettings',
          objectType: 'userSync',
          objectId: tenantId,
          before: old,
          // Which secrets were replaced, never their values.
          after: {
            ...settings,
            keychain: [
              password !== undefined ? 'AD password' : null,
              clientSecret !== undefined ? 'client secret' : null,
            ].filter(Boolean),
          },
        });
        w.changed('user_sync_config', tenantId, tenantId);
      });
      const adKey = adPasswordKey(tenantId, adKeyHost(settings.ad), settings.ad.port);
      const oldAdKey = adPasswordKey(tenantId, adKeyHost(before.ad), before.ad.port);
      if ((before.type === 'ad' || before.ad.host) && oldAdKey !== adKey) await secrets.clear(oldAdKey).catch(() => {});
      const azKey = azureSecretKey(
        tenantId,
        settings.azure.tenantId,
        settings.azure.clientId,
        settings.azure.loginBaseUrl,
      );
      const oldAzKey = azureSecretKey(
        tenantId,
        before.azure.tenantId,
        before.azure.clientId,
        before.azure.loginBaseUrl,
      );
      if (before.azure.tenantId && oldAzKey !== azKey) await secrets.clear(oldAzKey).catch(() => {});
      try {
        if (password !== undefined && (settings.type === 'ad' || settings.ad.host)) await secrets.set(adKey, password);
        if (clientSecret !== undefined && settings.azure.tenantId && settings.azure.clientId)
          await secrets.set(azKey, clientSecret);
      } catch {
        throw new ServiceError(
          'UNAVAILABLE',
          'The settings were saved, but the OS keychain refused the secret: enter it again.',
        );
      }
      previews.delete(tenantId);
      return loadConfig(db, tenantId);
    },

    async preview({ tenantId: requested }, ctx) {
      const tenantId = tenantFor(ctx, requested);
      assertUnscoped(ctx);
      const p = await makePreview(tenantId, identityOf(ctx).logonId);
      return pageOf(p, undefined, 0, 200);
    },

    async previewPage({ previewId, action, offset, limit }, ctx) {
      const p = [...previews.values()].find((x) => x.id === previewId);
      if (!p || tenantFor(ctx, p.tenantId) !== p.tenantId)
        throw new ServiceError('NOT_FOUND', 'This preview is no longer available; preview again.', 'previewId');
      return pageOf(p, action, offset, limit);
    },

    async apply({ previewId }, ctx) {
      const p = [...previews.values()].find((x) => x.id === previewId);
      if (!p) throw new ServiceError('NOT_FOUND', 'This preview is no longer available; preview again.', 'previewId');
      tenantFor(ctx, p.tenantId);
      assertUnscoped(ctx);
      return applyPreview(p, 'manual', actorOf(ctx));
    },

    async cancel({ tenantId: requested }, ctx) {
      return { cancelled: runtime.cancel(tenantFor(ctx, requested)) };
    },

    async runs({ tenantId, limit }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const rows = await data
        .require()
        .kysely.selectFrom('user_sync_run')
        .selectAll()
        .where('tenant_id', '=', t)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(runOf);
    },
  };

  const runtime: UserSyncRuntime = {
    cancel(tenantId) {
      const ac = running.get(tenantId);
      ac?.abort();
      return ac !== undefined;
    },
    async runTenant(tenantId, trigger, actor) {
      let p: StoredPreview;
      try {
        p = await makePreview(tenantId, actor);
      } catch (e) {
        const at = new Date().toISOString();
        await data
          .require()
          .kysely.insertInto('user_sync_run')
          .values({
            tenant_id: tenantId,
            started_at: at,
            finished_at: at,
            trigger,
            actor,
            status: 'failed',
            error: e instanceof ServiceError ? e.message : 'The synchronization failed.',
          })
          .execute();
        throw e;
      }
      return applyPreview(p, trigger, { userId: null, logonId: actor, origin: trigger });
    },
    async scheduleTick(now) {
      if (data.status().state !== 'connected') return [];
      const db = data.require();
      const today = localDate(now);
      const due = await db.kysely
        .selectFrom('user_sync_config')
        .select(['tenant_id', 'schedule_time'])
        .where('sync_type', '!=', 'none')
        .where('schedule_enabled', '=', 1)
        .where((eb) => eb.or([eb('last_scheduled_date', 'is', null), eb('last_scheduled_date', '!=', today)]))
        .execute();
      const runs: SyncRun[] = [];
      for (const r of due) {
        if (r.schedule_time > localTime(now)) continue;
        const claimed = await db.kysely
          .updateTable('user_sync_config')
          .set({ last_scheduled_date: today })
          .where('tenant_id', '=', r.tenant_id)
          .where((eb) => eb.or([eb('last_scheduled_date', 'is', null), eb('last_scheduled_date', '!=', today)]))
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) continue;
        try {
          runs.push(await runtime.runTenant(r.tenant_id, 'schedule', 'schedule'));
        } catch (e) {
          log.warn(`Scheduled user synchronization of tenant ${r.tenant_id} failed: ${String((e as Error).message)}`);
        }
      }
      return runs;
    },
    async configuredTenants() {
      const rows = await data
        .require()
        .kysely.selectFrom('user_sync_config')
        .select('tenant_id')
        .where('sync_type', '!=', 'none')
        .orderBy('tenant_id')
        .execute();
      return rows.map((r) => r.tenant_id);
    },
  };
  return { impl, runtime };
}
