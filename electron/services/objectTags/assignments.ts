import {
  checkObjectTagValue,
  MAX_ASSIGNMENTS_LISTED,
  OBJECT_TAG_TYPE_LABEL,
  objectTagDataType,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagAssignment,
  type objectTagsService as Contract,
  type TaggableObjectType,
} from '../../contract';
import {
  ENABLED_COLUMN,
  notAllowedMessage,
  objectTypeCode,
  objectTypeFromCode,
  TAGGABLE,
  tagTypeFromCode,
} from '../../domain/objectTags';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import { assertUserInScope } from '../scope';
import { agentGroupOf, getObject, namesOf, searchObjects } from './objects';
import { type K, allowOf, requireTag, valueLabels, tenantOf, type ObjectTagsEnv } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** The object must be the tenant's; agents of a supervisor's scope only. */
async function requireObject(kk: K, ctx: CallContext, objectType: TaggableObjectType, objectId: number) {
  const tenantId = tenantOf(ctx);
  const obj = await getObject(kk, tenantId, objectType, objectId);
  if (!obj)
    throw new ServiceError(
      'NOT_FOUND',
      `There is no ${TAGGABLE_OBJECT_LABEL[objectType].one} with ID ${objectId} in this tenant.`,
      'objectId',
    );
  if (objectType === 'agent') {
    const g = await agentGroupOf(kk, tenantId, objectId);
    if (g) assertUserInScope(ctx, g.id, g.name);
  }
  return obj;
}

/** Tag assignments to objects, the object pickers and the Lookup (what a script's query returns). */
export function assignmentMethods({
  k,
  run,
}: ObjectTagsEnv): Pick<
  Impl,
  'assignments' | 'forObject' | 'assign' | 'unassign' | 'searchObjects' | 'getObject' | 'lookup'
> {
  return {
    async assignments({ tagId, objectType, limit }, ctx) {
      const tenantId = tenantOf(ctx);
      const kk = k();
      const tag = await requireTag(kk, tenantId, tagId, 'tagId');
      const type = tagTypeFromCode(tag.type);
      let q = kk
        .selectFrom('object_tag_mapping')
        .select(['object_type', 'object_id', 'object_tag_value'])
        .where('object_tag_id', '=', tagId);
      if (objectType) q = q.where('object_type', '=', objectTypeCode(objectType));
      const [{ n }, rows] = await Promise.all([
        q
          .clearSelect()
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        q.orderBy('object_type').orderBy('object_id').limit(Math.min(limit, MAX_ASSIGNMENTS_LISTED)).execute(),
      ]);
      const names = new Map<TaggableObjectType, Map<number, string>>();
      for (const t of TAGGABLE) {
        const ids = rows.filter((r) => r.object_type === objectTypeCode(t)).map((r) => r.object_id);
        if (ids.length) names.set(t, await namesOf(kk, tenantId, t, ids));
      }
      const label = await valueLabels(
        kk,
        tenantId,
        type,
        rows.map((r) => r.object_tag_value),
      );
      const out: ObjectTagAssignment[] = rows.map((r) => {
        const t = objectTypeFromCode(r.object_type);
        return {
          tagId,
          objectType: t,
          objectId: r.object_id,
          objectName: names.get(t)?.get(r.object_id) ?? `ID ${r.object_id} (deleted)`,
          value: r.object_tag_value,
          valueLabel: label(r.object_tag_value),
        };
      });
      out.sort(
        (a, b) =>
          TAGGABLE.indexOf(a.objectType) - TAGGABLE.indexOf(b.objectType) || a.objectName.localeCompare(b.objectName),
      );
      return { total: Number(n), rows: out };
    },

    async forObject({ objectType, objectId }, ctx) {
      const tenantId = tenantOf(ctx);
      const kk = k();
      const obj = await getObject(kk, tenantId, objectType, objectId);
      if (!obj)
        throw new ServiceError(
          'NOT_FOUND',
          `There is no ${TAGGABLE_OBJECT_LABEL[objectType].one} with ID ${objectId} in this tenant.`,
          'objectId',
        );
      const rows = await kk
        .selectFrom('object_tag as t')
        .leftJoin('object_tag_mapping as m', (j) =>
          j
            .onRef('m.object_tag_id', '=', 't.id')
            .on('m.object_type', '=', objectTypeCode(objectType))
            .on('m.object_id', '=', objectId),
        )
        .select(['t.id', 't.name', 't.type', 'm.object_tag_value as value'])
        .where('t.tenant_id', '=', tenantId)
        .where(`t.${ENABLED_COLUMN[objectType]}`, '=', 1)
        .orderBy('t.name')
        .orderBy('t.type')
        .execute();
      const out = [];
      for (const r of rows) {
        const type = tagTypeFromCode(r.type);
        const label = r.value === null ? null : (await valueLabels(kk, tenantId, type, [r.value]))(r.value);
        out.push({ tagId: r.id, name: r.name, type, value: r.value, valueLabel: label });
      }
      return out;
    },

    async assign({ tagId, objectType, objectId, value }, ctx) {
      const tenantId = tenantOf(ctx);
      return run(ctx, async (w) => {
        const tag = await requireTag(w.tx, tenantId, tagId, 'tagId');
        if (!allowOf(tag)[objectType])
          throw new ServiceError('INVALID', notAllowedMessage(tag.name, objectType), 'objectType');
        const obj = await requireObject(w.tx, ctx, objectType, objectId);
        const type = tagTypeFromCode(tag.type);
        const checked = checkObjectTagValue(type, value);
        if (!checked.ok) throw new ServiceError('INVALID', checked.message, 'value');
        const dataType = objectTagDataType(type);
        let valueLabel: string | null = checked.value;
        if (dataType) {
          const named = await getObject(w.tx, tenantId, dataType, Number(checked.value));
          if (!named)
            throw new ServiceError(
              'INVALID',
              `Data: there is no ${OBJECT_TAG_TYPE_LABEL[type].toLowerCase()} with ID ${checked.value} in this tenant.`,
              'value',
            );
          valueLabel = named.name;
        }
        const key = { object_tag_id: tagId, object_type: objectTypeCode(objectType), object_id: objectId };
        const existing = await w.tx
          .selectFrom('object_tag_mapping')
          .select('object_tag_value')
          .where('object_tag_id', '=', tagId)
          .where('object_type', '=', key.object_type)
          .where('object_id', '=', objectId)
          .executeTakeFirst();
        if (existing) {
          await w.tx
            .updateTable('object_tag_mapping')
            .set({ object_tag_value: checked.value })
            .where('object_tag_id', '=', tagId)
            .where('object_type', '=', key.object_type)
            .where('object_id', '=', objectId)
            .execute();
        } else {
          await w.tx
            .insertInto('object_tag_mapping')
            .values({ ...key, object_tag_value: checked.value })
            .execute();
        }
        w.audit({
          tenantId,
          action: existing ? 'update' : 'create',
          objectType: 'object-tag-assignment',
          objectId: `${tagId}:${key.object_type}:${objectId}`,
          objectName: `${tag.name} → ${obj.name}`,
          before: existing ? { value: existing.object_tag_value } : undefined,
          after: { value: checked.value },
        });
        w.changed('object_tag_mapping', tenantId, tagId);
        return { tagId, objectType, objectId, objectName: obj.name, value: checked.value, valueLabel };
      });
    },

    async unassign({ tagId, objectType, objectId }, ctx) {
      const tenantId = tenantOf(ctx);
      return run(ctx, async (w) => {
        const tag = await requireTag(w.tx, tenantId, tagId, 'tagId');
        // An object deleted elsewhere leaves its mapping behind (object_id has no foreign key):
        // it can still be unassigned, so the dialog can clean it up.
        const obj = (await getObject(w.tx, tenantId, objectType, objectId))
          ? await requireObject(w.tx, ctx, objectType, objectId)
          : { name: `ID ${objectId} (deleted)` };
        const code = objectTypeCode(objectType);
        const existing = await w.tx
          .selectFrom('object_tag_mapping')
          .select('object_tag_value')
          .where('object_tag_id', '=', tagId)
          .where('object_type', '=', code)
          .where('object_id', '=', objectId)
          .executeTakeFirst();
        if (!existing) return { removed: false };
        await w.tx
          .deleteFrom('object_tag_mapping')
          .where('object_tag_id', '=', tagId)
          .where('object_type', '=', code)
          .where('object_id', '=', objectId)
          .execute();
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'object-tag-assignment',
          objectId: `${tagId}:${code}:${objectId}`,
          objectName: `${tag.name} → ${obj.name}`,
          before: { value: existing.object_tag_value },
        });
        w.changed('object_tag_mapping', tenantId, tagId);
        return { removed: true };
      });
    },

    searchObjects: ({ objectType, search, limit }, ctx) => searchObjects(k(), tenantOf(ctx), objectType, search, limit),

    getObject: ({ objectType, id }, ctx) => getObject(k(), tenantOf(ctx), objectType, id),

    async lookup({ objectType, objectId }, ctx) {
      const tenantId = tenantOf(ctx);
      const kk = k();
      const object = await getObject(kk, tenantId, objectType, objectId);
      if (!object)
        throw new ServiceError(
          'NOT_FOUND',
          `There is no ${TAGGABLE_OBJECT_LABEL[objectType].one} with ID ${objectId} in this tenant.`,
          'objectId',
        );
      const code = objectTypeCode(objectType);
      // What a script's "select … from object_tag_mapping m join object_tag t on t.id = m.object_tag_id
      // where m.object_type = <code> and m.object_id = <id>" returns, for this tenant's tags.
      const rows = await kk
        .selectFrom('object_tag_mapping as m')
        .innerJoin('object_tag as t', 't.id', 'm.object_tag_id')
        .select(['m.object_tag_id', 't.name', 't.type', 'm.object_type', 'm.object_id', 'm.object_tag_value'])
        .where('t.tenant_id', '=', tenantId)
        .where('m.object_type', '=', code)
        .where('m.object_id', '=', objectId)
        .orderBy('t.name')
        .execute();
      const out = [];
      for (const r of rows) {
        const type = tagTypeFromCode(r.type);
        out.push({
          objectTagId: r.object_tag_id,
          name: r.name,
          type,
          typeCode: r.type,
          objectType,
          objectTypeCode: r.object_type,
          objectId: r.object_id,
          objectTagValue: r.object_tag_value,
          valueLabel: (await valueLabels(kk, tenantId, type, [r.object_tag_value]))(r.object_tag_value),
        });
      }
      return { object, objectTypeCode: code, rows: out };
    },
  };
}
