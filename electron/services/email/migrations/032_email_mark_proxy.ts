import type { Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Migration 032:
 * - `email_alarm_rule.last_change_seq`: the alarm_change number (031_alarms_change_seq) up to
 *   which the rule's digests have covered the stored alarms (null: the rule has not had its first
 *   pass). A digest lists the alarms with change_seq above it; the message is queued and the mark
 *   moved in one transaction.
 * - `email_outgoing.smtp_proxy`: whether Outgoing e-mail's SMTP connections go through the
 *   System Parameters proxy ('system') or directly ('none'). Existing rows keep 'none': they
 *   went direct before, and a proxy that refuses CONNECT to a mail port must not stop the mail.
 */
export function emailMarkProxyMigration(engine: Engine) {
  const big = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('email_alarm_rule').addColumn('last_change_seq', big).execute();
      await db.schema
        .alterTable('email_outgoing')
        .addColumn('smtp_proxy', 'varchar(10)', (c) => c.notNull().defaultTo('none'))
        .execute();
    },
  };
}
