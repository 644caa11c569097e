import { sql, type Kysely, type Selectable } from 'kysely';
import {
  ALARM_RULE_SEVERITIES,
  AlarmRuleInput,
  type AlarmRuleRow,
  type emailService as Contract,
} from '../../contract/services/email';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf } from '../scope';
import type { QueuedMail } from './queue';
import { consoleLink } from '../../contract/services/consoleLink';

type Row = Selectable<Database['email_alarm_rule']>;
type AlarmRuleMethodName = 'listAlarmRules' | 'saveAlarmRule' | 'deleteAlarmRule' | 'testAlarmRule';

const toInput = (r: Row): AlarmRuleInput =>
  AlarmRuleInput.parse({
    name: r.name,
    enabled: r.enabled === 1,
    minSeverity: r.min_severity,
    category: r.category,
    sourcePattern: r.source_pattern,
    recipients: JSON.parse(r.recipients) as string[],
    digestSeconds: r.digest_seconds,
  });
const toRow = (r: Row): AlarmRuleRow => ({
  id: r.id,
  version: r.version,
  rule: toInput(r),
  lastRunAt: r.last_run_at,
  tenantId: r.tenant_id,
});

const MAX_LISTED = 200;
const DIGEST_ACTOR = { userId: null, logonId: 'system', origin: 'alarm e-mails' };

/**
 * The matching alarms whose last occurrence falls in (since, until]: read from the alarm table
 * itself, so alarms stored by any console count and the alarms feature needs no hook.
 */
async function matching(db: Kysely<Database>, rule: AlarmRuleInput, since: string, until: string) {
  const severities = ALARM_RULE_SEVERITIES.slice(ALARM_RULE_SEVERITIES.indexOf(rule.minSeverity));
  let q = db
    .selectFrom('alarm')
    .select(['id', 'last_seen', 'severity', 'category', 'source_address', 'name', 'message', 'occurrences'])
    .where('last_seen', '>', since)
    .where('last_seen', '<=', until)
    .where('severity', 'in', [...severities])
    .where('cleared', '=', 0);
  if (rule.category) q = q.where(sql<string>`lower(category)`, '=', rule.category.toLowerCase());
  if (rule.sourcePattern)
    q = q.where('source_address', 'like', rule.sourcePattern.replace(/[%_]/g, '').replace(/\*/g, '%'));
  const count = await q
    .clearSelect()
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('last_seen', 'desc').limit(MAX_LISTED).execute();
  return { total: Number(count.n), rows };
}

/** One digest message: every matching alarm of the interval with its details and a link back. */
export function digestMail(
  rule: AlarmRuleInput,
  ruleId: number,
  alarms: Awaited<ReturnType<typeof matching>>,
  since: string,
  until: string,
  /** Browser mode: the console's origin (links open its page); null: ccm:// for the application. */
  origin: string | null = null,
): QueuedMail {
  const lines = alarms.rows.map(
    (a) =>
      `${a.last_seen}  ${a.severity.padEnd(8)}  ${a.source_address}  ${a.category}  ${a.name ?? ''}\n` +
      `    ${a.message}${a.occurrences > 1 ? ` (${a.occurrences} occurrences)` : ''}\n` +
      `    ${consoleLink({ route: 'alarm', id: a.id }, origin)}`,
  );
  const more = alarms.total > alarms.rows.length ? [`… and ${alarms.total - alarms.rows.length} more.`] : [];
  return {
    to: rule.recipients,
    subject: `[${rule.name}] ${alarms.total} alarm${alarms.total === 1 ? '' : 's'} (${rule.minSeverity} or higher)`,
    text: [
      `Alarm e-mail rule ${rule.name}: ${alarms.total} alarm${alarms.total === 1 ? '' : 's'} ` +
        `from ${since} to ${until}.`,
      '',
      ...lines,
      ...more,
      '',
      `Open the alarm browser: ${consoleLink({ route: 'alarms' }, origin)}`,
    ].join('\n'),
    origin: `alarm-rule:${ruleId}`,
  };
}

export interface AlarmRulesOptions {
  submit: (mails: QueuedMail[]) => Promise<number[]>;
  /** Whether this console sends (holds the queue's lease): only one console builds the digests. */
  isSender: () => Promise<boolean>;
  /** The tenant's server marked Reporting (null: none — Outgoing e-mail). */
  reportingServer?: (tenantId: number) => Promise<number | null>;
  tickMs?: number;
  /** Where the links in the digests point: the browser-mode origin, or null for ccm:// links. */
  linkOrigin?: () => string | null;
}

/** Alarm e-mail rules (CRUD) and the digest timer. */
export function createAlarmRules(deps: ServiceDeps, opts: AlarmRulesOptions) {
  const { data, log } = deps;
  const k = () => data.require().kysely;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  /** Each due rule: one message with the interval's matching alarms (none: nothing is sent). */
  const tick = async (now = new Date()) => {
    let db: Kysely<Database>;
    try {
      db = data.require().kysely;
    } catch {
      return;
    }
    if (!(await opts.isSender())) return;
    const rules = await db.selectFrom('email_alarm_rule').selectAll().where('enabled', '=', 1).execute();
    for (const r of rules) {
      const until = now.toISOString();
      if (r.last_run_at === null) {
        // A new rule starts now: no backlog of old alarms.
        await db.updateTable('email_alarm_rule').set({ last_run_at: until }).where('id', '=', r.id).execute();
        continue;
      }
      if (now.getTime() - Date.parse(r.last_run_at) < r.digest_seconds * 1000) continue;
      const rule = toInput(r);
      const alarms = await matching(db, rule, r.last_run_at, until);
      if (alarms.total > 0)
        await opts.submit([
          {
            ...digestMail(rule, r.id, alarms, r.last_run_at, until, opts.linkOrigin?.() ?? null),
            serverId: await via(r),
          },
        ]);
      // The rule's "Last digest" moved: the views on every console refresh (db.changed).
      await transact(data.require(), DIGEST_ACTOR, data, async (w) => {
        await w.tx.updateTable('email_alarm_rule').set({ last_run_at: until }).where('id', '=', r.id).execute();
        w.changed('email_alarm_rule', null, r.id);
      });
    }
  };

  const start = () => {
    timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void tick()
        .catch((err) => log.warn('alarm e-mail digest failed', { error: String(err) }))
        .finally(() => (busy = false));
    }, opts.tickMs ?? 2_000);
    timer.unref?.();
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  /** A tenant's rule goes out through that tenant's Reporting server when it has one, else Outgoing e-mail. */
  const via = async (r: Row): Promise<number | null> =>
    r.tenant_id === null ? null : ((await opts.reportingServer?.(r.tenant_id)) ?? null);

  /**
   * A rule belongs to the tenant it was made in (its recipients are that tenant's people); one with no tenant (made
   * before rules had one) is the installation's. A tenant's administrator sees and changes only the own tenant's
   * rules; a host administrator all of them. Another tenant's rule is "does not exist", not "forbidden".
   */
  const mayTouch = (r: { tenant_id: number | null }, ctx: CallContext) => {
    const me = identityOf(ctx);
    return me.hostAdmin || (r.tenant_id !== null && r.tenant_id === me.tenantId);
  };
  const find = async (id: number, ctx: CallContext) => {
    const r = await k().selectFrom('email_alarm_rule').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r || !mayTouch(r, ctx)) throw new ServiceError('NOT_FOUND', `Alarm e-mail rule ${id} does not exist.`, 'id');
    return r;
  };

  const methods: Pick<ServiceImpl<typeof Contract>, AlarmRuleMethodName> = {
    async listAlarmRules(_args, ctx) {
      const rows = await k().selectFrom('email_alarm_rule').selectAll().orderBy('name').execute();
      return rows.filter((r) => mayTouch(r, ctx)).map(toRow);
    },
    async saveAlarmRule({ id, expectedVersion, rule }, ctx) {
      const cols = {
        name: rule.name,
        enabled: rule.enabled ? 1 : 0,
        min_severity: rule.minSeverity,
        category: rule.category,
        source_pattern: rule.sourcePattern,
        recipients: JSON.stringify(rule.recipients),
        digest_seconds: rule.digestSeconds,
      };
      const before = id === null ? undefined : await find(id, ctx);
      let rowId: number;
      try {
        rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          let newId: number;
          if (id === null) {
            if (expectedVersion !== 0)
              throw staleVersionError(`A new rule starts at version 0.`, { expectedVersion, version: 0 });
            const ins = await w.tx
              .insertInto('email_alarm_rule')
              .values({
                ...cols,
                last_run_at: null,
                tenant_id: identityOf(ctx).tenantId,
                updated_at: w.now,
                updated_by: w.actor.logonId,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            newId = Number(ins.id);
          } else {
            await updateVersioned(w, 'email_alarm_rule', { column: 'id', value: id }, expectedVersion, cols);
            newId = id;
          }
          w.audit({
            tenantId: before ? before.tenant_id : identityOf(ctx).tenantId,
            action: before ? 'update' : 'create',
            objectType: 'email-alarm-rule',
            objectId: String(newId),
            objectName: rule.name,
            before: before ? toInput(before) : undefined,
            after: rule,
          });
          w.changed('email_alarm_rule', null, newId);
          return newId;
        });
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? ''))
          throw new ServiceError('CONFLICT', `An alarm e-mail rule named ${rule.name} already exists.`, 'rule.name', {
            rule: 'duplicate',
          });
        throw err;
      }
      return toRow(await find(rowId, ctx));
    },
    async deleteAlarmRule({ id, expectedVersion }, ctx) {
      const r = await find(id, ctx);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const res = await w.tx
          .deleteFrom('email_alarm_rule')
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1)
          throw staleVersionError(`The version you supplied [${expectedVersion}] does not match [${r.version}].`, {
            expectedVersion,
            version: r.version,
          });
        w.audit({
          tenantId: r.tenant_id,
          action: 'delete',
          objectType: 'email-alarm-rule',
          objectId: String(id),
          objectName: r.name,
          before: toInput(r),
        });
        w.changed('email_alarm_rule', null, id);
      });
      return { ok: true };
    },
    async testAlarmRule({ id }, ctx) {
      const r = await find(id, ctx);
      const rule = toInput(r);
      const until = new Date();
      const since = new Date(until.getTime() - rule.digestSeconds * 1000).toISOString();
      const alarms = await matching(k(), rule, since, until.toISOString());
      const ids = await opts.submit([
        {
          ...digestMail(rule, r.id, alarms, since, until.toISOString(), opts.linkOrigin?.() ?? null),
          serverId: await via(r),
        },
      ]);
      return { queued: ids.length > 0, alarms: alarms.total };
    },
  };

  return { methods, start, stop, tick };
}
