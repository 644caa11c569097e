import {
  MAX_OBJECT_TAGS_PER_TENANT,
  type ObjectTagAllow,
  type ObjectTagDefinition,
  type objectTagsService as Contract,
  type TaggableObjectType,
} from '../../contract';
import { updateVersioned } from '../../connectors/db/unitOfWork';
import {
  allowField,
  duplicateTagMessage,
  NAMES_IN_MESSAGE,
  objectTypeFromCode,
  TAGGABLE,
  tagLimitRefusal,
  tagTypeCode,
  tagTypeFromCode,
  typeChangeRefusal,
  uncheckRefusal,
} from '../../domain/objectTags';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import {
  type K,
  type TagRecord,
  allowOf,
  zeroCounts,
  toRow,
  requireTag,
  countsOf,
  assignedNames,
  lockTenant,
  tenantOf,
  rowOf,
  usageOfTag,
  uniqueAs,
  type ObjectTagsEnv,
} from './common';

type Impl = ServiceImpl<typeof Contract>;

/** Refuses a definition whose name and type another tag of the tenant already has. */
async function assertUniqueNameType(kk: K, tenantId: number, def: ObjectTagDefinition, exceptId?: number) {
  let q = kk
    .selectFrom('object_tag')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('name', '=', def.name)
    .where('type', '=', tagTypeCode(def.type));
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst())
    throw new ServiceError('CONFLICT', duplicateTagMessage(def.name, def.type), 'name', { rule: 'duplicate' });
}

const flags = (allow: ObjectTagAllow) => ({
  sa_enabled: allow.serviceAccess ? 1 : 0,
  sg_enabled: allow.serviceGroup ? 1 : 0,
  agent_enabled: allow.agent ? 1 : 0,
  dialednumber_enabled: allow.dialedNumber ? 1 : 0,
});

const definitionOf = (t: TagRecord) => ({
  name: t.name,
  type: tagTypeFromCode(t.type),
  typeCode: t.type,
  allow: allowOf(t),
});

/** The tags themselves: list, create, update, usage and delete (with their assignments). */
export function tagMethods({
  data,
  k,
  run,
}: ObjectTagsEnv): Pick<Impl, 'list' | 'create' | 'update' | 'usage' | 'remove'> {
  return {
    async list(_args, ctx) {
      const tenantId = tenantOf(ctx);
      const kk = k();
      const [tags, counts] = await Promise.all([
        kk
          .selectFrom('object_tag')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .orderBy('name')
          .orderBy('type')
          .execute(),
        kk
          .selectFrom('object_tag_mapping as m')
          .innerJoin('object_tag as t', 't.id', 'm.object_tag_id')
          .select(['m.object_tag_id', 'm.object_type', (eb) => eb.fn.countAll<number>().as('n')])
          .where('t.tenant_id', '=', tenantId)
          .groupBy(['m.object_tag_id', 'm.object_type'])
          .execute(),
      ]);
      const byTag = new Map<number, Record<TaggableObjectType, number>>();
      for (const c of counts) {
        const rec = byTag.get(c.object_tag_id) ?? zeroCounts();
        rec[objectTypeFromCode(c.object_type)] = Number(c.n);
        byTag.set(c.object_tag_id, rec);
      }
      return { tags: tags.map((t) => toRow(t, byTag.get(t.id))), max: MAX_OBJECT_TAGS_PER_TENANT };
    },

    async create(def, ctx) {
      const tenantId = tenantOf(ctx);
      const db = data.require();
      const id = await uniqueAs(
        () =>
          run(ctx, async (w) => {
            await lockTenant(w, db.engine, tenantId);
            const { n } = await w.tx
              .selectFrom('object_tag')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('tenant_id', '=', tenantId)
              .executeTakeFirstOrThrow();
            const refusal = tagLimitRefusal(Number(n));
            if (refusal)
              throw new ServiceError('INVALID', refusal, 'name', {
                rule: 'max_items',
                limit: MAX_OBJECT_TAGS_PER_TENANT,
              });
            await assertUniqueNameType(w.tx, tenantId, def);
            const { id } = await w.tx
              .insertInto('object_tag')
              .values({
                tenant_id: tenantId,
                name: def.name,
                type: tagTypeCode(def.type),
                ...flags(def.allow),
                updated_at: w.now,
                updated_by: w.actor.logonId,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            w.audit({
              tenantId,
              action: 'create',
              objectType: 'object-tag',
              objectId: id,
              objectName: def.name,
              after: { ...def, typeCode: tagTypeCode(def.type) },
            });
            w.changed('object_tag', tenantId, id);
            return id;
          }),
        duplicateTagMessage(def.name, def.type),
        'name',
      );
      return rowOf(k(), tenantId, id);
    },

    async update({ id, expectedVersion, ...def }, ctx) {
      const tenantId = tenantOf(ctx);
      await uniqueAs(
        () =>
          run(ctx, async (w) => {
            const t = await requireTag(w.tx, tenantId, id);
            // A stale editor is told so before any rule is checked against what it did not see.
            if (t.version !== expectedVersion)
              await updateVersioned(w, 'object_tag', { column: 'id', value: id }, expectedVersion, {});
            await assertUniqueNameType(w.tx, tenantId, def, id);
            const counts = await countsOf(w.tx, id);
            const total = TAGGABLE.reduce((n, x) => n + counts[x], 0);
            const before = allowOf(t);
            for (const x of TAGGABLE) {
              if (before[x] && !def.allow[x] && counts[x] > 0) {
                throw new ServiceError(
                  'INVALID',
                  uncheckRefusal(t.name, x, counts[x], await assignedNames(w.tx, tenantId, id, x, NAMES_IN_MESSAGE)),
                  allowField(x),
                );
              }
            }
            if (tagTypeCode(def.type) !== t.type && total > 0)
              throw new ServiceError('INVALID', typeChangeRefusal(t.name, total), 'type');
            await updateVersioned(w, 'object_tag', { column: 'id', value: id }, expectedVersion, {
              name: def.name,
              type: tagTypeCode(def.type),
              ...flags(def.allow),
            });
            w.audit({
              tenantId,
              action: 'update',
              objectType: 'object-tag',
              objectId: id,
              objectName: def.name,
              before: definitionOf(t),
              after: { ...def, typeCode: tagTypeCode(def.type) },
            });
            w.changed('object_tag', tenantId, id);
          }),
        duplicateTagMessage(def.name, def.type),
        'name',
      );
      return rowOf(k(), tenantId, id);
    },

    async usage({ id }, ctx) {
      const tenantId = tenantOf(ctx);
      await requireTag(k(), tenantId, id);
      return usageOfTag(k(), tenantId, id);
    },

    async remove({ id, expectedVersion, expectedAssignments }, ctx) {
      const tenantId = tenantOf(ctx);
      return run(ctx, async (w) => {
        const t = await requireTag(w.tx, tenantId, id);
        if (t.version !== expectedVersion)
          await updateVersioned(w, 'object_tag', { column: 'id', value: id }, expectedVersion, {});
        const usage = await usageOfTag(w.tx, tenantId, id);
        if (usage.total !== expectedAssignments) {
          throw new ServiceError(
            'CONFLICT',
            `“${t.name}” now has ${usage.total} assignments, not the ${expectedAssignments} you confirmed: another ` +
              `console changed them. Review and confirm again.`,
          );
        }
        const removed = await w.tx.deleteFrom('object_tag_mapping').where('object_tag_id', '=', id).executeTakeFirst();
        await w.tx.deleteFrom('object_tag').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'object-tag',
          objectId: id,
          objectName: t.name,
          before: { ...definitionOf(t), assignments: usage.total },
        });
        w.changed('object_tag', tenantId, id);
        if (usage.total > 0) w.changed('object_tag_mapping', tenantId, id);
        return { removedAssignments: Number(removed.numDeletedRows) };
      });
    },
  };
}
