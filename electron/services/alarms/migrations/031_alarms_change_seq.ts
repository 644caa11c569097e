import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * The order in which alarms were stored (migration 031), for readers that must see each stored
 * alarm exactly once (the alarm e-mail digests). `last_seen` cannot serve: it is the trap's receive
 * time, and a batch received before a reader's pass can commit after it.
 * - `alarm_change` (one row, id 1): a counter the writer raises once per batch, in the batch's
 *   transaction, just before the commit. The row lock it takes is held to the commit, so on
 *   PostgreSQL the batches get their numbers in commit order, and a committed value N means every
 *   batch numbered ≤ N has committed.
 * - `alarm.change_seq`: the number of the batch that last raised or re-raised the alarm (0: stored
 *   before 031). Acknowledging, clearing or a note do not change it.
 * Its reader, the alarm e-mail rules, keeps its mark in email_alarm_rule (032).
 */
export function alarmsChangeSeqMigration(engine: Engine) {
  const big = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('alarm')
        .addColumn('change_seq', big, (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('ix_alarm_change_seq').on('alarm').column('change_seq').execute();
      await db.schema
        .createTable('alarm_change')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('seq', big, (c) => c.notNull())
        .execute();
      await sql`insert into alarm_change (id, seq) values (1, 0)`.execute(db);
    },
  };
}
