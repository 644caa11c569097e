import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../connectors/db/schema';
import { OBJECT_TYPE } from '../../connectors/db/schema';

/**
 * Demo data for the objectTags feature, run inside seedDemo's transaction after the base demo
 * (tenants, users, service groups, service accesses, dialed numbers, the five demo tags)
 * exists: schedulers and play messages to choose as Data, and the Welcome message tag
 * assigned to the Sales line with a play message.
 */
export async function seedObjectTagsDemo(
  tx: Transaction<Database> | Kysely<Database>,
  tenantId: number,
  at: string,
): Promise<void> {
  const by = { tenant_id: tenantId, updated_at: at, updated_by: 'setup' };
  for (const name of ['Business hours', 'Weekend', 'Holidays'])
    await tx
      .insertInto('scheduler')
      .values({ ...by, name })
      .execute();
  const messages: number[] = [];
  for (const name of ['Welcome', 'Closed', 'All agents busy', 'Queue position']) {
    messages.push(
      (
        await tx
          .insertInto('play_message')
          .values({ ...by, name })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  }
  const tag = await tx
    .selectFrom('object_tag')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', 'Welcome message')
    .executeTakeFirst();
  const sa = await tx
    .selectFrom('service_access')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', 'Sales line')
    .executeTakeFirst();
  if (tag && sa) {
    await tx
      .insertInto('object_tag_mapping')
      .values({
        object_tag_id: tag.id,
        object_type: OBJECT_TYPE.serviceAccess,
        object_id: sa.id,
        object_tag_value: String(messages[0]),
      })
      .execute();
  }
}
