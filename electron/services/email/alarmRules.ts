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
 * Which alarms a digest covers. `stored`: those the alarm writer stored (raised or re-raised) in
 * the batches numbered (after, upTo] of alarm_change — the rule's digests, so each stored alarm is
 * in exactly one digest whatever its trap's receive time and whenever its batch committed.
 * `seen`: those whose last occurrence falls in (since, until] — the rule's Test, a preview.
 */
type Window = { stored: { after: number; upTo: number } } | { seen: { since: string; until: string } };

/**
 * The matching alarms of a window: read from the alarm table itself, so alarms stored by any
 * console count and the alarms feature needs no hook.
 */
export async function matching(db: Kysely<Database>, rule: AlarmRuleInput, window: Window) {
  const severities = ALARM_RULE_SEVERITIES.slice(ALARM_RULE_SEVERITIES.indexOf(rule.minSeverity));
  let q = db
    .selectFrom('alarm')
    .select(['id', 'last_seen', 'severity', 'category', 'source_address', 'name', 'message', 'occurrences'])
    .where('severity', 'in', [...severities])
    .where('cleared', '=', 0);
  q =
    'stored' in window
      ? q.where('change_seq', '>', window.stored.after).where('change_seq', '<=', window.stored.upTo)
      : q.where('last_seen', '>', window.seen.since).where('last_seen', '<=', window.seen.until);
  if (rule.category) q = q.where(sql<string>`lower(category)`, '=', rule.category.toLowerCase());
  if (rule.sourcePattern) {
    // `*` is the only wildcard: `_` (allowed in host names) and `%` are themselves, escaped with
    // `\`. Both sides lower-cased: LIKE ignores case on SQLite but not on PostgreSQL.
    const like = rule.sourcePattern
      .toLowerCase()
      .replace(/[\\%_]/g, (ch) => `\\${ch}`)
      .replace(/\*/g, '%');
    q = q.where(sql<boolean>`lower(source_address) like ${like} escape ${sql.lit('\\')}`);
  }
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
  /**
   * Queues messages (none when Outgoing e-mail is not configured). With `within`, in that
   * transaction and without waking the sender: the caller calls `kick` after the commit.
   */
  submit: (mails: QueuedMail[], within?: Kysely<Database>) => Promise<number[]>;
  /** Wakes the queue's sender (after a commit that queued messages). */
  kick?: () => void;
  /** Whether this console sends (holds the queue's lease): only one console builds the digests. */
  isSender: () => Promise<boolean>;
  /** The tenant's server marked Reporting (null: none — Outgoing e-mail). */
  reportingServer?: (tenantId: number) => Promise<number | null>;
  tickMs?: number;
  /** Where the links in the digests point: the browser-mode origin, or null for ccm:// links. */
  linkOrigin?: () => string | null;
}

/** Another console moved the rule's mark first: this digest is rolled back, not sent twice. */
class MarkMoved extends Error {}

/** Alarm e-mail rules (CRUD) and the digest timer. */
export function createAlarmRules(deps: ServiceDeps, opts: AlarmRulesOptions) {
  const { data, log } = deps;
  const k = () => data.require().kysely;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  /**
   * Each due rule: one message with the matching alarms stored since its last digest (none:
   * nothing is sent). The rule's mark is an alarm_change number, not a time: a trap's alarm is
   * stamped with its receive time but committed in a batch that may land after a pass, and a
   * window on last_seen would leave it out of every digest. An alarm re-raised (merged: another
   * trap of the same deduplication key) since the last digest is stored again, so it is listed
   * again with its new count — it re-occurred. The message is queued and the mark moved in one
   * transaction: a crash between them neither loses the digest nor sends it twice.
   */
  const tick = async (now = new Date()) => {
    let db: Kysely<Database>;
    try {
      db = data.require().kysely;
    } catch {
      return;
    }
    if (!(await opts.isSender())) return;
    const rules = await db.selectFrom('email_alarm_rule').selectAll().where('enabled', '=', 1).execute();
    if (rules.length === 0) return;
    // The committed counter: every batch numbered up to it has committed (see 031_alarms_change_seq).
    const counter = await db.selectFrom('alarm_change').select('seq').where('id', '=', 1).executeTakeFirst();
    const upTo = Number(counter?.seq ?? 0);
    let queued = false;
    for (const r of rules) {
      const until = now.toISOString();
      const mark = r.last_change_seq === null ? null : Number(r.last_change_seq);
      if (r.last_run_at === null || mark === null) {
        // A new rule starts now: no backlog of old alarms.
        await db
          .updateTable('email_alarm_rule')
          .set({ last_run_at: r.last_run_at ?? until, last_change_seq: upTo })
          .where('id', '=', r.id)
          .execute();
        continue;
      }
      if (now.getTime() - Date.parse(r.last_run_at) < r.digest_seconds * 1000) continue;
      const rule = toInput(r);
      const alarms = await matching(db, rule, { stored: { after: mark, upTo } });
      const mail =
        alarms.total > 0
          ? {
              ...digestMail(rule, r.id, alarms, r.last_run_at, until, opts.linkOrigin?.() ?? null),
              serverId: await via(r),
            }
          : null;
      try {
        // The rule's "Last digest" moved: the views on every console refresh (db.changed).
        await transact(data.require(), DIGEST_ACTOR, data, async (w) => {
          if (mail && (await opts.submit([mail], w.tx)).length > 0) queued = true;
          const moved = await w.tx
            .updateTable('email_alarm_rule')
            .set({ last_run_at: until, last_change_seq: upTo })
            .where('id', '=', r.id)
            .where('last_change_seq', '=', mark)
            .executeTakeFirst();
          if (Number(moved.numUpdatedRows) !== 1) throw new MarkMoved();
          w.changed('email_alarm_rule', null, r.id);
        });
      } catch (err) {
        if (!(err instanceof MarkMoved)) throw err;
      }
    }
    if (queued) opts.kick?.();
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
      const alarms = await matching(k(), rule, { seen: { since, until: until.toISOString() } });
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
