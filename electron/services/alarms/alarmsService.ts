import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type {
  alarmsService as Contract,
  AlarmFilter,
  AlarmRow,
  AlarmEventConfigRow,
  AlarmListenerDoc,
  AlarmSeverity,
  SnmpV3UserRow,
} from '../../contract/services/alarms';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { sendTrap } from '../../connectors/snmp/sender';
import type { Varbind } from '../../domain/alarms/ber';
import { correlationKey, correlationPairs, correlationTag } from '../../domain/alarms/correlation';
import { EventMatcher, IGNORE, LOG_ONLY, patternProblem } from '../../domain/alarms/eventConfig';
import { MICC_BASE_OID, windowsEnterprise, windowsEventName, windowsEventOf } from '../../domain/alarms/trap';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import type { CallContext } from '../../ipc/router';
import { actorOf, identityOf } from '../scope';
import { describeProblems, indexFor, shippedModules } from './mibs';
import { loadImportedMibs, secretKey, toEventConfig, type AlarmsRuntime } from './runtime';

type AlarmSelect = Selectable<Database['alarm']>;

const toRow = (r: AlarmSelect): AlarmRow => ({
  id: r.id,
  acknowledged: r.acknowledged === 1,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  count: r.occurrences,
  severity: r.severity as AlarmSeverity,
  firstSeen: r.received_at,
  lastSeen: r.last_seen || r.received_at,
  source: r.source_address,
  name: r.name ?? r.trap_oid,
  category: r.category,
  message: r.message,
  trapOid: r.trap_oid,
  notes: r.notes,
  cleared: r.cleared === 1,
  clearedBy: r.cleared_by,
  clearedAt: r.cleared_at,
  dedupeKey: r.dedupe_key,
  snmpVersion: r.snmp_version,
  uptime: r.uptime === null || r.uptime === undefined ? null : Number(r.uptime),
  leftOut: r.left_out ?? 0,
});

/** LIKE with the user's text taken literally. */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilter<Q extends SelectQueryBuilder<Database, 'alarm', any>>(q: Q, f: AlarmFilter): Q {
  let out = q;
  if (f.severities && f.severities.length > 0) out = out.where('severity', 'in', f.severities) as Q;
  if (f.source?.trim())
    out = out.where(sql`lower(source_address)`, 'like', sql`${like(f.source.trim().toLowerCase())} escape '\\'`) as Q;
  if (f.category?.trim()) out = out.where('category', '=', f.category.trim()) as Q;
  if (f.from) out = out.where('last_seen', '>=', f.from) as Q;
  if (f.to) out = out.where('received_at', '<=', f.to) as Q;
  if (f.ack === 'acknowledged') out = out.where('acknowledged', '=', 1) as Q;
  if (f.ack === 'unacknowledged') out = out.where('acknowledged', '=', 0) as Q;
  if (!f.includeCleared) out = out.where('cleared', '=', 0) as Q;
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean)) {
    const negate = (word.startsWith('!') || word.startsWith('-')) && word.length > 1;
    const w = like((negate ? word.slice(1) : word).toLowerCase());
    const words = sql`${sql.ref('message')} || ' ' || coalesce(${sql.ref('name')}, '')`;
    const hay = sql`lower(${words} || ' ' || ${sql.ref('notes')} || ' ' || ${sql.ref('source_address')})`;
    out = out.where(
      negate ? sql<boolean>`${hay} not like ${w} escape '\\'` : sql<boolean>`${hay} like ${w} escape '\\'`,
    ) as Q;
  }
  return out;
}

const csvCell = (v: string | number | boolean | null) => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The listener, SNMPv3 users, event configuration and MIBs serve every tenant of the
 * installation: only a host administrator changes them (a tenant administrator, e.g. of
 * Northwind Support, has alarms write for acknowledging and clearing, not for these).
 */
export function assertHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError(
      'FORBIDDEN',
      `Only a host administrator can change ${what}: it applies to the whole installation, every tenant.`,
    );
}

export function createAlarmsService(deps: ServiceDeps, rt: AlarmsRuntime): ServiceImpl<typeof Contract> {
  const k = (): Kysely<Database> => deps.data.require().kysely;

  const configRow = (r: Selectable<Database['alarm_event_config']>): AlarmEventConfigRow => ({
    id: r.id,
    oidPattern: r.oid_pattern,
    name: r.name,
    category: r.category,
    severity: r.severity as AlarmSeverity,
    severityFromEvent: r.severity_from_event === 1,
    messageFormat: r.message_format,
    dedupeKey: r.dedupe_key,
    clearKey: r.clear_key,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    oidName: patternName(r.oid_pattern),
  });

  /** 1.3.6.1.4.1.*.0.47000 → enterprises.*.0.47000: the literal head named, the rest as typed. */
  function patternName(p: string): string {
    const star = p.indexOf('*');
    if (star < 0) return rt.mib.name(p);
    const head = p.slice(0, Math.max(0, star - 1));
    return head ? `${rt.mib.name(head)}.${p.slice(star)}` : p;
  }

  async function settingsDoc(): Promise<AlarmListenerDoc> {
    const r = await k().selectFrom('alarm_listener').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    const users = await k().selectFrom('alarm_v3_user').selectAll().orderBy('name').execute();
    const v3Users: SnmpV3UserRow[] = [];
    for (const u of users) {
      let authKeySet = false;
      let privKeySet = false;
      try {
        authKeySet = (await deps.secrets.get(secretKey(u.name, 'auth'))) != null;
        privKeySet = (await deps.secrets.get(secretKey(u.name, 'priv'))) != null;
      } catch {
        // No keychain: shown as not set.
      }
      v3Users.push({
        name: u.name,
        level: u.level as SnmpV3UserRow['level'],
        authProtocol: u.auth_protocol as SnmpV3UserRow['authProtocol'],
        privProtocol: u.priv_protocol as SnmpV3UserRow['privProtocol'],
        authKeySet,
        privKeySet,
      });
    }
    return {
      version: r.version,
      engineId: r.engine_id,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
      v3Users,
      settings: {
        enabled: r.enabled === 1,
        address: r.address,
        port: r.port,
        communities: JSON.parse(r.communities) as string[],
        acceptAnyHost: r.accept_any_host === 1,
        acceptHosts: JSON.parse(r.accept_hosts) as string[],
        retentionDays: r.retention_days,
        maxTrapRows: r.max_trap_rows,
        notifyDesktop: r.notify_desktop === 1,
      },
    };
  }

  const translated = (vbs: Varbind[]) =>
    vbs.map((v) => {
      const hit = rt.mib.lookup(v.oid);
      return {
        oid: v.oid,
        name: rt.mib.name(v.oid),
        type: v.type,
        value: v.type === 'OID' ? `${rt.mib.name(v.value)} (${v.value})` : v.value,
        hex: v.hex === true,
        description: hit?.node.description ?? null,
      };
    });

  async function resolvePattern(p: string): Promise<string> {
    // A MIB name (secBrokerConFailed, SNMPv2-MIB::coldStart) is stored as its OID.
    const first = p.split('.')[0]!;
    let oid = p;
    if (/^[A-Za-z]/.test(first)) {
      const base = rt.mib.oidOf(first);
      if (!base)
        throw new ServiceError('INVALID', `Trap OID: ${first} is not a name in the loaded MIBs.`, 'oidPattern');
      oid = [base, ...p.split('.').slice(1)].join('.');
    }
    const problem = patternProblem(oid);
    if (problem) throw new ServiceError('INVALID', `Trap OID: ${problem}.`, 'oidPattern');
    return oid;
  }

  const audited = async (
    ctx: Parameters<ServiceImpl<typeof Contract>['list']>[1],
    action: string,
    ids: number[],
    patch: Record<string, unknown>,
    guard: { column: 'acknowledged' | 'cleared'; value: 0 | 1 },
  ) => {
    const id = identityOf(ctx);
    const db = deps.data.require();
    return transact(db, actorOf(ctx), deps.data, async (w) => {
      let count = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const rows = await w.tx
          .selectFrom('alarm')
          .select(['id', 'name', 'source_address', 'acknowledged', 'cleared'])
          .where('id', 'in', chunk)
          .execute();
        const r = await w.tx
          .updateTable('alarm')
          .set(patch as never)
          .where('id', 'in', chunk)
          .where(guard.column, '=', guard.value)
          .executeTakeFirst();
        count += Number(r.numUpdatedRows);
        for (const row of rows.filter((x) => x[guard.column] === guard.value)) {
          w.audit({
            tenantId: id.tenantId,
            action,
            objectType: 'alarm',
            objectId: row.id,
            objectName: `${row.name ?? ''} (${row.source_address})`,
            before: { acknowledged: row.acknowledged === 1, cleared: row.cleared === 1 },
            after: patch,
          });
        }
      }
      w.changed('alarm', null, null);
      rt.emitChanged();
      return { count };
    });
  };

  return {
    status: () => rt.status(),

    async list({ filter, limit, offset }) {
      const base = applyFilter(k().selectFrom('alarm'), filter);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('last_seen', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { rows: rows.map(toRow), total: Number(total?.n ?? 0) };
    },

    async get({ id }) {
      const r = await k().selectFrom('alarm').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r)
        throw new ServiceError(
          'NOT_FOUND',
          `Alarm ${id} no longer exists (cleared and removed by the retention policy?).`,
        );
      const occ = await k()
        .selectFrom('trap_log')
        .select(['received_at', 'message'])
        .where('alarm_id', '=', id)
        .orderBy('id', 'desc')
        .limit(50)
        .execute();
      const hit = rt.mib.lookup(r.trap_oid);
      const win = windowsEventOf(r.trap_oid);
      return {
        alarm: toRow(r),
        // Windows event-to-trap: "Event 47000 from Interaction Center" says more than enterprises.311.1.13.1.18.73….
        trapName:
          win && (!hit || hit.rest)
            ? `${windowsEventName(win, r.source_address)} (Windows event-to-trap)`
            : rt.mib.name(r.trap_oid),
        trapDescription: hit && !hit.rest ? (hit.node.description ?? null) : null,
        varbinds: translated(JSON.parse(r.varbinds) as Varbind[]),
        windowsEvent: win ?? null,
        occurrences: occ.map((o) => ({ receivedAt: o.received_at, message: o.message })),
      };
    },

    async acknowledge({ ids, acknowledged }, ctx) {
      const who = identityOf(ctx).logonId;
      const now = new Date().toISOString();
      return audited(
        ctx,
        acknowledged ? 'acknowledge' : 'unacknowledge',
        ids,
        acknowledged
          ? { acknowledged: 1, acknowledged_by: who, acknowledged_at: now }
          : { acknowledged: 0, acknowledged_by: who, acknowledged_at: now },
        { column: 'acknowledged', value: acknowledged ? 0 : 1 },
      );
    },

    async clear({ ids }, ctx) {
      const who = identityOf(ctx).logonId;
      return audited(
        ctx,
        'clear',
        ids,
        { cleared: 1, cleared_by: who, cleared_at: new Date().toISOString() },
        { column: 'cleared', value: 0 },
      );
    },

    async setNotes({ id, notes }, ctx) {
      const ident = identityOf(ctx);
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const row = await w.tx
          .selectFrom('alarm')
          .select(['notes', 'name', 'source_address'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new ServiceError('NOT_FOUND', `Alarm ${id} no longer exists.`);
        await w.tx.updateTable('alarm').set({ notes }).where('id', '=', id).execute();
        w.audit({
          tenantId: ident.tenantId,
          action: 'update',
          objectType: 'alarm',
          objectId: id,
          objectName: `${row.name ?? ''} (${row.source_address})`,
          before: { notes: row.notes },
          after: { notes },
        });
        w.changed('alarm', null, id);
      });
      rt.emitChanged();
      const r = await k().selectFrom('alarm').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toRow(r);
    },

    async exportCsv({ filter }) {
      const rows = await applyFilter(k().selectFrom('alarm'), filter)
        .selectAll()
        .orderBy('last_seen', 'desc')
        .limit(100_000)
        .execute();
      const head = [
        'Ack',
        'Corr',
        'Severity',
        'First seen',
        'Last seen',
        'Source',
        'Name',
        'Category',
        'Message',
        'Trap OID',
        'Acknowledged by',
        'Acknowledged at',
        'Cleared',
        'Cleared by',
        'Notes',
      ];
      const lines = [head.join(',')];
      for (const raw of rows) {
        const r = toRow(raw);
        lines.push(
          [
            r.acknowledged ? 'yes' : 'no',
            r.count,
            r.severity,
            r.firstSeen,
            r.lastSeen,
            r.source,
            r.name,
            r.category,
            r.message,
            `${rt.mib.name(r.trapOid)} (${r.trapOid})`,
            r.acknowledgedBy,
            r.acknowledgedAt,
            r.cleared ? 'yes' : 'no',
            r.clearedBy,
            r.notes,
          ]
            .map(csvCell)
            .join(','),
        );
      }
      return {
        fileName: `alarms-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`,
        text: lines.join('\r\n') + '\r\n',
        rows: rows.length,
      };
    },

    async eventConfigs() {
      const rows = await k().selectFrom('alarm_event_config').selectAll().orderBy('oid_pattern').execute();
      return rows.map(configRow);
    },

    async saveEventConfig({ id, expectedVersion, config }, ctx) {
      assertHostAdmin(ctx, 'the event configuration');
      const ident = identityOf(ctx);
      const oid = await resolvePattern(config.oidPattern);
      if (config.severity === 'Cleared' && !config.clearKey.trim())
        throw new ServiceError(
          'INVALID',
          'Clear key: a Cleared (resolution) event needs the deduplication key of the problem it clears, e.g. ' +
            '$A|router-oas.',
          'clearKey',
        );
      const values = {
        oid_pattern: oid,
        name: config.name,
        category: config.category,
        severity: config.severity,
        severity_from_event: (config.severityFromEvent ? 1 : 0) as 0 | 1,
        message_format: config.messageFormat,
        dedupe_key: config.dedupeKey,
        clear_key: config.clearKey,
      };
      let savedId = id;
      try {
        await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
          if (id === null) {
            const r = await w.tx
              .insertInto('alarm_event_config')
              .values({ ...values, updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            savedId = r.id;
            w.audit({
              tenantId: ident.tenantId,
              action: 'create',
              objectType: 'alarm-event-config',
              objectId: r.id,
              objectName: config.name,
              after: values,
            });
          } else {
            const before = await w.tx
              .selectFrom('alarm_event_config')
              .selectAll()
              .where('id', '=', id)
              .executeTakeFirst();
            if (!before) throw new ServiceError('NOT_FOUND', 'That event configuration was deleted by someone else.');
            await updateVersioned(w, 'alarm_event_config', { column: 'id', value: id }, expectedVersion, values);
            w.audit({
              tenantId: ident.tenantId,
              action: 'update',
              objectType: 'alarm-event-config',
              objectId: id,
              objectName: config.name,
              before,
              after: values,
            });
          }
          w.changed('alarm_event_config', null, savedId);
        });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? ''))
          throw new ServiceError(
            'INVALID',
            `Trap OID: ${oid} already has an event configuration; edit that one.`,
            'oidPattern',
            { rule: 'duplicate', fieldMessage: `${oid} already has an event configuration; edit that one.` },
          );
        throw err;
      }
      await rt.reloadConfig();
      const r = await k()
        .selectFrom('alarm_event_config')
        .selectAll()
        .where('id', '=', savedId!)
        .executeTakeFirstOrThrow();
      return configRow(r);
    },

    async correlations() {
      const rows = await k().selectFrom('alarm_event_config').selectAll().orderBy('oid_pattern').execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ev = (id: number) => {
        const r = configRow(byId.get(id)!);
        return {
          id: r.id,
          version: r.version,
          oidPattern: r.oidPattern,
          oidName: r.oidName,
          name: r.name,
          updatedBy: r.updatedBy,
        };
      };
      return correlationPairs(rows.map(toEventConfig)).map((p) => ({
        clears: ev(p.clears.id),
        cleared: ev(p.cleared.id),
        match: p.match,
        shipped: byId.get(p.clears.id)!.updated_by === 'system' && byId.get(p.cleared.id)!.updated_by === 'system',
      }));
    },

    async saveCorrelation({ original, rule }, ctx) {
      // Correlation rules are event configuration (the two rows' keys): the same host-administrator rule.
      assertHostAdmin(ctx, 'the correlation rules');
      const field = async (which: 'clears' | 'cleared', p: string) => {
        try {
          return await resolvePattern(p);
        } catch (err) {
          if (err instanceof ServiceError)
            throw new ServiceError(
              'INVALID',
              err.message.replace(/^Trap OID:/, which === 'clears' ? 'Resolution event:' : 'Problem event:'),
              which,
            );
          throw err;
        }
      };
      const a = await field('clears', rule.clears);
      const b = await field('cleared', rule.cleared);
      if (a === b)
        throw new ServiceError('INVALID', 'Problem event: an event cannot clear itself; choose two events.', 'cleared');
      const key = correlationKey(correlationTag(b), rule.match);
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const rows = await w.tx.selectFrom('alarm_event_config').selectAll().execute();
        const cfgs = rows.map(toEventConfig);
        const byPattern = new Map(rows.map((r) => [r.oid_pattern, r]));
        const tenantId = identityOf(ctx).tenantId;
        // The rows were read in this transaction (and the rule's own versions checked below): the
        // current version is the one to update, so a row changed by this save twice stays consistent.
        const write = async (id: number, before: (typeof rows)[number], values: Record<string, unknown>) => {
          const fresh = await w.tx
            .selectFrom('alarm_event_config')
            .select('version')
            .where('id', '=', id)
            .executeTakeFirstOrThrow();
          await updateVersioned(w, 'alarm_event_config', { column: 'id', value: id }, fresh.version, values);
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'alarm-event-config',
            objectId: id,
            objectName: before.name || before.oid_pattern,
            before,
            after: values,
          });
        };
        let origA: (typeof rows)[number] | undefined;
        let origB: (typeof rows)[number] | undefined;
        if (original) {
          origA = rows.find((r) => r.id === original.clearsId);
          origB = rows.find((r) => r.id === original.clearedId);
          if (!origA || !origB)
            throw new ServiceError('NOT_FOUND', 'That correlation rule was deleted by someone else.');
          // A stale rule: updateVersioned with the caller's version names who changed it (CONFLICT).
          for (const [r, v] of [
            [origA, original.clearsVersion],
            [origB, original.clearedVersion],
          ] as const)
            if (r.version !== v) await updateVersioned(w, 'alarm_event_config', { column: 'id', value: r.id }, v, {});
        }
        // What each event would be configured as today (its own row, else the row that matches it).
        const matcher = new EventMatcher(cfgs);
        const matchOf = (oid: string) =>
          oid.includes('*') ? null : matcher.match({ trapOid: oid, windowsEvent: windowsEventOf(oid) });
        const rowA = byPattern.get(a);
        const rowB = byPattern.get(b);
        if (rowB?.severity === 'Cleared')
          throw new ServiceError(
            'INVALID',
            `Problem event: ${b} is configured as a resolution (Cleared), so it is never an open alarm to clear.`,
            'cleared',
          );
        const problemCategory = rowB?.category ?? matchOf(b)?.category;
        if (problemCategory === LOG_ONLY || problemCategory === IGNORE)
          throw new ServiceError(
            'INVALID',
            `Problem event: ${b} is configured as ${problemCategory}, so it never opens an alarm to clear.`,
            'cleared',
          );
        if (rowA && rowA.clear_key.trim() && rowA.clear_key.trim() !== key && rowA.id !== origA?.id) {
          const other = rows.find(
            (r) => r.id !== rowA.id && r.dedupe_key.trim() === rowA.clear_key.trim() && r.id !== origB?.id,
          );
          if (other)
            throw new ServiceError(
              'INVALID',
              `Resolution event: ${a} already clears ${other.oid_pattern}; an event clears one problem. ` +
                'Edit that rule.',
              'clears',
            );
        }
        if (rowB && rowB.dedupe_key.trim() && rowB.dedupe_key.trim() !== key && rowB.id !== origB?.id) {
          const other = rows.find(
            (r) => r.id !== rowB.id && r.severity === 'Cleared' && r.clear_key.trim() === rowB.dedupe_key.trim(),
          );
          if (other && other.id !== origA?.id)
            throw new ServiceError(
              'INVALID',
              `Problem event: ${b} is already cleared by ${other.oid_pattern}. Edit that rule.`,
              'cleared',
            );
        }
        // The rule that is changed lets go of the rows it no longer uses.
        if (origB && origB.id !== rowB?.id) await write(origB.id, origB, { dedupe_key: '' });
        if (origA && origA.id !== rowA?.id)
          await write(origA.id, origA, { clear_key: '', severity: 'Normal', category: LOG_ONLY });
        const upsert = async (
          oid: string,
          row: (typeof rows)[number] | undefined,
          values: Record<string, unknown>,
          role: 'clears' | 'cleared',
        ) => {
          if (row) {
            await write(row.id, row, values);
            return;
          }
          const like = matchOf(oid);
          const insert = {
            oid_pattern: oid,
            name: '',
            category: like?.category ?? 'Application Alert Alarms',
            severity: like?.severity ?? (role === 'clears' ? 'Cleared' : 'Warning'),
            severity_from_event: (like?.severityFromEvent ? 1 : 0) as 0 | 1,
            message_format: like?.messageFormat ?? '$*',
            dedupe_key: '',
            clear_key: '',
            ...values,
          };
          const r = await w.tx
            .insertInto('alarm_event_config')
            .values({ ...insert, updated_at: w.now, updated_by: w.actor.logonId } as never)
            .returning('id')
            .executeTakeFirstOrThrow();
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'alarm-event-config',
            objectId: r.id,
            objectName: oid,
            after: insert,
          });
        };
        // An ignored trap never reaches the writer; a resolution only has to be seen (Log only is enough).
        await upsert(
          a,
          rowA,
          {
            severity: 'Cleared',
            clear_key: key,
            ...(rowA?.category === IGNORE || (!rowA && matchOf(a)?.category === IGNORE) ? { category: LOG_ONLY } : {}),
          },
          'clears',
        );
        await upsert(b, rowB, { dedupe_key: key }, 'cleared');
        w.changed('alarm_event_config', null, null);
      });
      await rt.reloadConfig();
      return { ok: true };
    },

    async deleteCorrelation({ clearsId, clearsVersion, clearedId, clearedVersion }, ctx) {
      assertHostAdmin(ctx, 'the correlation rules');
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const rows = await w.tx
          .selectFrom('alarm_event_config')
          .selectAll()
          .where('id', 'in', [clearsId, clearedId])
          .execute();
        const a = rows.find((r) => r.id === clearsId);
        const b = rows.find((r) => r.id === clearedId);
        if (!a || !b || a.clear_key.trim() !== b.dedupe_key.trim() || !a.clear_key.trim())
          throw new ServiceError('NOT_FOUND', 'That correlation rule no longer exists.');
        const tenantId = identityOf(ctx).tenantId;
        await updateVersioned(w, 'alarm_event_config', { column: 'id', value: b.id }, clearedVersion, {
          dedupe_key: '',
        });
        w.audit({
          tenantId,
          action: 'update',
          objectType: 'alarm-event-config',
          objectId: b.id,
          objectName: b.name || b.oid_pattern,
          before: b,
          after: { dedupe_key: '' },
        });
        // Another problem may share the key (a rule written by hand): the resolution keeps clearing it.
        const others = await w.tx
          .selectFrom('alarm_event_config')
          .select('id')
          .where('dedupe_key', '=', a.clear_key)
          .where('id', '!=', b.id)
          .execute();
        const after = others.length > 0 ? {} : { clear_key: '', severity: 'Normal', category: LOG_ONLY };
        await updateVersioned(w, 'alarm_event_config', { column: 'id', value: a.id }, clearsVersion, after);
        w.audit({
          tenantId,
          action: 'update',
          objectType: 'alarm-event-config',
          objectId: a.id,
          objectName: a.name || a.oid_pattern,
          before: a,
          after,
        });
        w.changed('alarm_event_config', null, null);
      });
      await rt.reloadConfig();
      return { ok: true };
    },

    async deleteEventConfig({ id, expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'the event configuration');
      const ident = identityOf(ctx);
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const before = await w.tx.selectFrom('alarm_event_config').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw new ServiceError('NOT_FOUND', 'That event configuration no longer exists.');
        if (before.version !== expectedVersion)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${before.version}]: ` +
              `${before.updated_by} changed it at ${before.updated_at}. Reload first.`,
            {
              expectedVersion: expectedVersion,
              version: Number(before.version),
              updatedBy: before.updated_by,
              updatedAt: `${before.updated_at}`,
            },
          );
        await w.tx.deleteFrom('alarm_event_config').where('id', '=', id).execute();
        w.audit({
          tenantId: ident.tenantId,
          action: 'delete',
          objectType: 'alarm-event-config',
          objectId: id,
          objectName: before.name,
          before,
        });
        w.changed('alarm_event_config', null, id);
      });
      await rt.reloadConfig();
      return { ok: true };
    },

    async mibs() {
      const imported = await loadImportedMibs(deps.data.require());
      const count = (name: string) =>
        [...rt.mib.byOid.values()].filter((n) => n.module === name && (n.kind === 'notification' || n.kind === 'trap'))
          .length;
      const importedNames = new Set(imported.map((m) => m.module_name));
      return [
        ...shippedModules()
          .filter((m) => !importedNames.has(m.name))
          .map((m) => ({
            module: m.name,
            fileName: m.file,
            builtIn: true,
            importedAt: null,
            importedBy: null,
            notifications: count(m.name),
          })),
        ...imported.map((m) => ({
          module: m.module_name,
          fileName: m.file_name,
          builtIn: false,
          importedAt: m.imported_at,
          importedBy: m.imported_by,
          notifications: count(m.module_name),
        })),
      ];
    },

    async importMibs({ files }, ctx) {
      assertHostAdmin(ctx, 'the loaded MIBs');
      const ident = identityOf(ctx);
      const db = deps.data.require();
      const existing = await loadImportedMibs(db);
      const names = new Set(files.map((f) => f.name));
      // Resolve everything together (new files may import each other); nothing is stored unless all of it resolves.
      const all = [
        ...existing.filter((e) => !names.has(e.file_name)).map((e) => ({ fileName: e.file_name, text: e.text })),
        ...files.map((f) => ({ fileName: f.name, text: f.text })),
      ];
      const built = indexFor(all);
      const ours = built.problems.filter((p) => names.has(p.file));
      if (ours.length > 0)
        throw new ServiceError('INVALID', `Nothing was imported:\n${describeProblems(ours)}`, 'files');
      const newModules = built.modules.filter((m) => names.has(m.file));
      if (newModules.length === 0)
        throw new ServiceError('INVALID', 'Nothing was imported: the files hold no MIB module.', 'files');
      await transact(db, actorOf(ctx), deps.data, async (w) => {
        for (const f of files) {
          for (const m of newModules.filter((x) => x.file === f.name)) {
            await w.tx.deleteFrom('alarm_mib').where('module_name', '=', m.name).execute();
            // Each module keeps the whole file's text; re-parsing it yields the module again.
            await w.tx
              .insertInto('alarm_mib')
              .values({
                module_name: m.name,
                file_name: f.name,
                text: f.text,
                imported_at: w.now,
                imported_by: w.actor.logonId,
              })
              .execute();
            w.audit({
              tenantId: ident.tenantId,
              action: 'import',
              objectType: 'mib',
              objectId: m.name,
              objectName: `${m.name} (${f.name})`,
            });
          }
        }
        w.changed('alarm_mib', null, null);
      });
      await rt.reloadConfig();
      return { modules: newModules.map((m) => m.name) };
    },

    async removeMib({ module }, ctx) {
      assertHostAdmin(ctx, 'the loaded MIBs');
      const ident = identityOf(ctx);
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const r = await w.tx.deleteFrom('alarm_mib').where('module_name', '=', module).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0)
          throw new ServiceError('NOT_FOUND', `${module} is not an imported MIB (shipped MIBs cannot be removed).`);
        w.audit({
          tenantId: ident.tenantId,
          action: 'delete',
          objectType: 'mib',
          objectId: module,
          objectName: module,
        });
        w.changed('alarm_mib', null, null);
      });
      await rt.reloadConfig();
      return { ok: true };
    },

    translate: async ({ oids }) => oids.map((o) => rt.mib.name(o)),

    settings: () => settingsDoc(),

    async saveSettings({ expectedVersion, settings }, ctx) {
      assertHostAdmin(ctx, 'the trap listener settings');
      const ident = identityOf(ctx);
      const before = await settingsDoc();
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        await updateVersioned(w, 'alarm_listener', { column: 'id', value: 1 }, expectedVersion, {
          enabled: settings.enabled ? 1 : 0,
          address: settings.address,
          port: settings.port,
          communities: JSON.stringify(settings.communities),
          accept_any_host: settings.acceptAnyHost ? 1 : 0,
          accept_hosts: JSON.stringify(settings.acceptHosts),
          retention_days: settings.retentionDays,
          max_trap_rows: settings.maxTrapRows,
          notify_desktop: settings.notifyDesktop ? 1 : 0,
        });
        // Community names act as passwords: the audit says that they changed, not what they are.
        const mask = (s: typeof settings) => ({ ...s, communities: `${s.communities.length} names` });
        w.audit({
          tenantId: ident.tenantId,
          action: 'update',
          objectType: 'snmp-listener',
          objectId: 1,
          objectName: 'SNMP trap listener',
          before: mask(before.settings),
          after: mask(settings),
        });
        w.changed('alarm_listener', null, 1);
      });
      await rt.restart();
      return settingsDoc();
    },

    async saveV3User({ name, level, authProtocol, privProtocol, authKey, privKey }, ctx) {
      assertHostAdmin(ctx, 'the SNMPv3 users');
      const ident = identityOf(ctx);
      const existing = await k().selectFrom('alarm_v3_user').select('id').where('name', '=', name).executeTakeFirst();
      const has = async (which: 'auth' | 'priv') =>
        (await deps.secrets.get(secretKey(name, which)).catch(() => null)) != null;
      if (level !== 'noAuthNoPriv' && !authKey && !(existing && (await has('auth'))))
        throw new ServiceError('INVALID', 'Authentication key: required for authNoPriv and authPriv.', 'authKey');
      if (level === 'authPriv' && !privKey && !(existing && (await has('priv'))))
        throw new ServiceError('INVALID', 'Privacy key: required for authPriv.', 'privKey');
      try {
        // Keys go to the OS keychain first: no keychain, no user (never a plaintext fallback).
        if (authKey) await deps.secrets.set(secretKey(name, 'auth'), authKey);
        if (privKey) await deps.secrets.set(secretKey(name, 'priv'), privKey);
      } catch (err) {
        throw new ServiceError(
          'UNAVAILABLE',
          `The OS keychain is not available, so the SNMPv3 keys cannot be stored: ` +
            `${err instanceof Error ? err.message : String(err)}`,
          'authKey',
        );
      }
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const values = {
          level,
          auth_protocol: authProtocol,
          priv_protocol: privProtocol,
          updated_at: w.now,
          updated_by: w.actor.logonId,
        };
        if (existing) await w.tx.updateTable('alarm_v3_user').set(values).where('id', '=', existing.id).execute();
        else
          await w.tx
            .insertInto('alarm_v3_user')
            .values({ name, ...values })
            .execute();
        w.audit({
          tenantId: ident.tenantId,
          action: existing ? 'update' : 'create',
          objectType: 'snmpv3-user',
          objectId: name,
          objectName: name,
          after: { level, authProtocol, privProtocol },
        });
        w.changed('alarm_v3_user', null, name);
      });
      await rt.restart();
      return settingsDoc();
    },

    async deleteV3User({ name }, ctx) {
      assertHostAdmin(ctx, 'the SNMPv3 users');
      const ident = identityOf(ctx);
      await transact(deps.data.require(), actorOf(ctx), deps.data, async (w) => {
        const r = await w.tx.deleteFrom('alarm_v3_user').where('name', '=', name).executeTakeFirst();
        if (Number(r.numDeletedRows) === 0) throw new ServiceError('NOT_FOUND', `No SNMPv3 user ${name}.`);
        w.audit({
          tenantId: ident.tenantId,
          action: 'delete',
          objectType: 'snmpv3-user',
          objectId: name,
          objectName: name,
        });
        w.changed('alarm_v3_user', null, name);
      });
      await deps.secrets.clear(secretKey(name, 'auth')).catch(() => {});
      await deps.secrets.clear(secretKey(name, 'priv')).catch(() => {});
      await rt.restart();
      return settingsDoc();
    },

    async sendTestTrap({ version, trapOid, message }) {
      const target = rt.target();
      if (!target)
        throw new ServiceError(
          'UNAVAILABLE',
          'The trap listener is not running: enable it in Listener settings first.',
        );
      const community = rt.settings?.communities[0];
      if (!community)
        throw new ServiceError(
          'INVALID',
          'No community name is accepted, so the listener refuses every v1/v2c trap: add one in Listener settings.',
        );
      // By default a MiCC Enterprise event as the translator sends it: source "Contact Center Console", event 1,
      // Informational.
      const oid = trapOid?.trim()
        ? await resolvePattern(trapOid.trim())
        : `${windowsEnterprise(MICC_BASE_OID, 'Contact Center Console')}.0.${0x40000000 + 1}`;
      if (oid.includes('*'))
        throw new ServiceError('INVALID', 'Trap OID: a test trap needs an exact OID, not a pattern.', 'trapOid');
      const r = await sendTrap({
        host: target.host,
        port: target.port,
        version: version === 'inform' ? 'v2c' : version,
        inform: version === 'inform',
        community,
        trapOid: oid,
        varbinds: [
          {
            oid: `${MICC_BASE_OID}.9999.1.0`,
            type: 'OctetString',
            value: `${message?.trim() || 'Test trap from Contact Center Console.'}\r\n`,
          },
        ],
      }).catch((err) => {
        throw new ServiceError('UNAVAILABLE', err instanceof Error ? err.message : String(err));
      });
      return { acknowledged: r.acknowledged, target: `${target.host}:${target.port}` };
    },
  };
}
