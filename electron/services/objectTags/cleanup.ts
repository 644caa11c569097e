import type { TaggableObjectType } from '../../contract';
import type { Tx } from '../../connectors/db/unitOfWork';
import { objectTypeCode } from '../../domain/objectTags';

/**
 * For features that delete taggable objects (service groups, service accesses, agents):
 * object_tag_mapping.object_id names rows of four tables, so no foreign key removes an
 * object's tag assignments when the object goes. Call this inside the deleting transaction.
 * Only mappings of the tenant's own tags are touched. Answers how many were removed.
 */
export async function removeTagAssignmentsOf(
  tx: Tx,
  tenantId: number,
  objectType: TaggableObjectType,
  objectIds: readonly number[],
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < objectIds.length; i += 500) {
    const res = await tx
      .deleteFrom('object_tag_mapping')
      .where('object_type', '=', objectTypeCode(objectType))
      .where('object_id', 'in', objectIds.slice(i, i + 500))
      .where('object_tag_id', 'in', (eb) => eb.selectFrom('object_tag').select('id').where('tenant_id', '=', tenantId))
      .executeTakeFirst();
    removed += Number(res.numDeletedRows);
  }
  return removed;
}
