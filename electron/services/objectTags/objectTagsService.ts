import { sql, type Kysely, type Selectable } from 'kysely';
import {
  checkObjectTagValue,
  MAX_ASSIGNMENTS_LISTED,
  MAX_OBJECT_TAGS_PER_TENANT,
  OBJECT_TAG_TYPE_LABEL,
  objectTagDataType,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagAllow,
  type ObjectTagAssignment,
  type ObjectTagDefinition,
  type ObjectTagRow,
  type objectTagsService as Contract,
  type ObjectTagType,
  type ObjectTagUsage,
  type TaggableObjectType,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import {
  allowField,
  duplicateDialedNumberMessage,
  duplicateTagMessage,
  ENABLED_COLUMN,
  notAllowedMessage,
  NAMES_IN_MESSAGE,
  objectTypeCode,
  objectTypeFromCode,
  TAGGABLE,
  tagLimitRefusal,
  tagTypeCode,
  tagTypeFromCode,
  typeChangeRefusal,
  uncheckRefusal,
} from '../../domain/objectTags';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data/dataContext';
import { actorOf, assertUserInScope, identityOf } from '../scope';
import { agentGroupOf, getObject, namesOf, searchObjects } from './objects';

type K = Kysely<Database>;
type TagRecord = Selectable<Database['object_tag']>;

const USAGE_NAMES = 20;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

const allowOf = (t: TagRecord): ObjectTagAllow => ({
  serviceAccess: t.sa_enabled === 1,
  serviceGroup: t.sg_enabled === 1,
  agent: t.agent_enabled === 1,
  dialedNumber: t.dialednumber_enabled === 1,
});

const zeroCounts = (): Record<TaggableObjectType, number> => ({
  serviceAccess: 0,
  serviceGroup: 0,
  agent: 0,
  dialedNumber: 0,
});

function toRow(t: TagRecord, counts = zeroCounts()): ObjectTagRow {
  return {
    id: t.id,
    version: t.version,
    name: t.name,
    type: tagTypeFromCode(t.type),
    typeCode: t.type,
    allow: allowOf(t),
    assigned: counts,
    updatedBy: t.updated_by,
    updatedAt: t.updated_at,
  };
}

/** The tag, if it is the tenant's. */
const findTag = (k: K, tenantId: number, id: number) =>
  k.selectFrom('object_tag').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

async function requireTag(k: K, tenantId: number, id: number, field = 'id'): Promise<TagRecord> {
  const t = await findTag(k, tenantId, id);
  if (!t)
    throw new ServiceError(
      'NOT_FOUND',
      `There is no object tag with ID ${id} in this tenant (another console may have deleted it).`,
      field,
    );
  return t;
}

async function countsOf(k: K, tagId: number): Promise<Record<TaggableObjectType, number>> {
  const rows = await k
    .selectFrom('object_tag_mapping')
    .select(['object_type', (eb) => eb.fn.countAll<number>().as('n')])
    .where('object_tag_id', '=', tagId)
    .groupBy('object_type')
    .execute();
  const out = zeroCounts();
  for (const r of rows) out[objectTypeFromCode(r.object_type)] = Number(r.n);
  return out;
}

/** Object IDs assigned to the tag for one object type, with their names (first `max` by ID). */
async function assignedNames(
  k: K,
  tenantId: number,
  tagId: number,
  t: TaggableObjectType,
  max: number,
): Promise<string[]> {
  const ids = await k
    .selectFrom('object_tag_mapping')
    .select('object_id')
    .where('object_tag_id', '=', tagId)
    .where('object_type', '=', objectTypeCode(t))
    .orderBy('object_id')
    .limit(max)
    .execute();
  const names = await namesOf(
    k,
    tenantId,
    t,
    ids.map((r) => r.object_id),
  );
  return ids.map((r) => names.get(r.object_id) ?? `ID ${r.object_id}`);
}

/** Labels of object-valued Data (the named agent, service group, …), by value. */
async function valueLabels(
  k: K,
  tenantId: number,
  type: ObjectTagType,
  values: readonly string[],
): Promise<(v: string) => string | null> {
  const dataType = objectTagDataType(type);
  if (!dataType) return (v) => v;
  const ids = values.map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const names = await namesOf(k, tenantId, dataType, ids);
  return (v) => names.get(Number(v)) ?? null;
}

/**
 * Serializes the "at most 50 per tenant" check with concurrent creates on PostgreSQL by
 * locking the tenant row; SQLite writers are serialized by the database already.
 */
async function lockTenant(w: Work, engine: 'sqlite' | 'postgres', tenantId: number) {
  if (engine === 'postgres') await sql`select id from tenant where id = ${tenantId} for update`.execute(w.tx);
}

/** Object tags, their assignments, dialed numbers and the Lookup (seed 001, OBJECT TAGS), always within the caller's working tenant. */
export function createObjectTagsService(data: DataContext): ServiceImpl<typeof Contract> {
  const k = () => data.require().kysely;
  const tenantOf = (ctx: CallContext) => identityOf(ctx).tenantId;
  const run = <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => transact(data.require(), actorOf(ctx), data, fn);

  async function rowOf(kk: K, tenantId: number, id: number): Promise<ObjectTagRow> {
    const t = await requireTag(kk, tenantId, id);
    return toRow(t, await countsOf(kk, id));
  }

  /** Refuses a definition whose name and type another tag of the tenant already has. */
  async function assertUniqueNameType(kk: K, tenantId: number, def: ObjectTagDefinition, exceptId?: number) {
    let q = kk
      .selectFrom('object_tag')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('name', '=', def.name)
      .where('type', '=', tagTypeCode(def.type));
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new ServiceError('CONFLICT', duplicateTagMessage(def.name, def.type), 'name');
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

  async function usageOfTag(kk: K, tenantId: number, tagId: number): Promise<ObjectTagUsage> {
    const counts = await countsOf(kk, tagId);
    const groups = [];
    for (const t of TAGGABLE) {
      if (counts[t] === 0) continue;
      groups.push({
        label: counts[t] === 1 ? TAGGABLE_OBJECT_LABEL[t].one : TAGGABLE_OBJECT_LABEL[t].many,
        count: counts[t],
        names: await assignedNames(kk, tenantId, tagId, t, USAGE_NAMES),
      });
    }
    return { total: TAGGABLE.reduce((n, t) => n + counts[t], 0), groups };
  }

  const findDialedNumber = (kk: K, tenantId: number, id: number) =>
    kk
      .selectFrom('dialed_number')
      .select(['id', 'number', 'version'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();

  async function requireDialedNumber(kk: K, tenantId: number, id: number) {
    const d = await findDialedNumber(kk, tenantId, id);
    if (!d)
      throw new ServiceError(
        'NOT_FOUND',
        `There is no dialed number with ID ${id} in this tenant (another console may have deleted it).`,
        'id',
      );
    return d;
  }

  /** A dialed number's tag assignments (all tags are the tenant's: the mapping's tag decides the tenant). */
  const dialedNumberMappings = (kk: K, tenantId: number, id: number) =>
    kk
      .selectFrom('object_tag_mapping as m')
      .innerJoin('object_tag as t', 't.id', 'm.object_tag_id')
      .select(['t.id as tagId', 't.name', 't.type', 'm.object_tag_value as value'])
      .where('t.tenant_id', '=', tenantId)
      .where('m.object_type', '=', objectTypeCode('dialedNumber'))
      .where('m.object_id', '=', id)
      .orderBy('t.name')
      .execute();

  async function dialedNumberRow(kk: K, tenantId: number, id: number) {
    const d = await requireDialedNumber(kk, tenantId, id);
    return {
      id: d.id,
      version: d.version,
      number: d.number,
      assignments: (await dialedNumberMappings(kk, tenantId, id)).length,
    };
  }

  async function assertUniqueDialedNumber(kk: K, tenantId: number, number: string, exceptId?: number) {
    let q = kk.selectFrom('dialed_number').select('id').where('tenant_id', '=', tenantId).where('number', '=', number);
    if (exceptId !== undefined) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new ServiceError('CONFLICT', duplicateDialedNumberMessage(number), 'number');
  }

  /** Turns a unique-key race (two consoles at once) into the same message the pre-check gives. */
  const uniqueAs = async <T>(fn: () => Promise<T>, message: string, field: string): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (isUniqueViolation(err)) throw new ServiceError('CONFLICT', message, field);
      throw err;
    }
  };

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
            if (refusal) throw new ServiceError('INVALID', refusal, 'name');
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
            `“${t.name}” now has ${usage.total} assignments, not the ${expectedAssignments} you confirmed: another console changed them. Review and confirm again.`,
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

    async dialedNumbers(_args, ctx) {
      const tenantId = tenantOf(ctx);
      const kk = k();
      const [rows, counts] = await Promise.all([
        kk
          .selectFrom('dialed_number')
          .select(['id', 'number', 'version'])
          .where('tenant_id', '=', tenantId)
          .orderBy('number')
          .execute(),
        kk
          .selectFrom('object_tag_mapping as m')
          .innerJoin('object_tag as t', 't.id', 'm.object_tag_id')
          .select(['m.object_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('t.tenant_id', '=', tenantId)
          .where('m.object_type', '=', objectTypeCode('dialedNumber'))
          .groupBy('m.object_id')
          .execute(),
      ]);
      const byId = new Map(counts.map((c) => [c.object_id, Number(c.n)]));
      return rows.map((r) => ({ id: r.id, version: r.version, number: r.number, assignments: byId.get(r.id) ?? 0 }));
    },

    async addDialedNumber({ number }, ctx) {
      const tenantId = tenantOf(ctx);
      const id = await uniqueAs(
        () =>
          run(ctx, async (w) => {
            await assertUniqueDialedNumber(w.tx, tenantId, number);
            const { id } = await w.tx
              .insertInto('dialed_number')
              .values({ tenant_id: tenantId, number, updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            w.audit({
              tenantId,
              action: 'create',
              objectType: 'dialed-number',
              objectId: id,
              objectName: number,
              after: { number },
            });
            w.changed('dialed_number', tenantId, id);
            return id;
          }),
        duplicateDialedNumberMessage(number),
        'number',
      );
      return dialedNumberRow(k(), tenantId, id);
    },

    async updateDialedNumber({ id, expectedVersion, number }, ctx) {
      const tenantId = tenantOf(ctx);
      await uniqueAs(
        () =>
          run(ctx, async (w) => {
            const d = await requireDialedNumber(w.tx, tenantId, id);
            if (d.version !== expectedVersion)
              await updateVersioned(w, 'dialed_number', { column: 'id', value: id }, expectedVersion, {});
            await assertUniqueDialedNumber(w.tx, tenantId, number, id);
            await updateVersioned(w, 'dialed_number', { column: 'id', value: id }, expectedVersion, { number });
            w.audit({
              tenantId,
              action: 'update',
              objectType: 'dialed-number',
              objectId: id,
              objectName: number,
              before: { number: d.number },
              after: { number },
            });
            w.changed('dialed_number', tenantId, id);
          }),
        duplicateDialedNumberMessage(number),
        'number',
      );
      return dialedNumberRow(k(), tenantId, id);
    },

    async dialedNumberUsage({ id }, ctx) {
      const tenantId = tenantOf(ctx);
      await requireDialedNumber(k(), tenantId, id);
      const rows = await dialedNumberMappings(k(), tenantId, id);
      const label = new Map<number, (v: string) => string | null>();
      const names: string[] = [];
      for (const r of rows) {
        const type = tagTypeFromCode(r.type);
        if (!label.has(r.type))
          label.set(
            r.type,
            await valueLabels(
              k(),
              tenantId,
              type,
              rows.filter((x) => x.type === r.type).map((x) => x.value),
            ),
          );
        names.push(`${r.name} = ${label.get(r.type)!(r.value) ?? r.value}`);
      }
      return {
        total: rows.length,
        groups: rows.length
          ? [
              {
                label: rows.length === 1 ? 'object tag assignment' : 'object tag assignments',
                count: rows.length,
                names,
              },
            ]
          : [],
      };
    },

    async removeDialedNumber({ id, expectedVersion, expectedAssignments }, ctx) {
      const tenantId = tenantOf(ctx);
      return run(ctx, async (w) => {
        const d = await requireDialedNumber(w.tx, tenantId, id);
        if (d.version !== expectedVersion)
          await updateVersioned(w, 'dialed_number', { column: 'id', value: id }, expectedVersion, {});
        const mappings = await dialedNumberMappings(w.tx, tenantId, id);
        if (mappings.length !== expectedAssignments) {
          throw new ServiceError(
            'CONFLICT',
            `“${d.number}” now has ${mappings.length} tag assignments, not the ${expectedAssignments} you confirmed: another console changed them. Review and confirm again.`,
          );
        }
        // object_tag_mapping.object_id names objects of four tables, so no foreign key can
        // cascade: the dialed number's assignments go explicitly, in the same transaction.
        const removed = await w.tx
          .deleteFrom('object_tag_mapping')
          .where('object_type', '=', objectTypeCode('dialedNumber'))
          .where('object_id', '=', id)
          .where('object_tag_id', 'in', (eb) =>
            eb.selectFrom('object_tag').select('id').where('tenant_id', '=', tenantId),
          )
          .executeTakeFirst();
        await w.tx.deleteFrom('dialed_number').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
        w.audit({
          tenantId,
          action: 'delete',
          objectType: 'dialed-number',
          objectId: id,
          objectName: d.number,
          before: { number: d.number, assignments: mappings.map((m) => ({ tag: m.name, value: m.value })) },
        });
        w.changed('dialed_number', tenantId, id);
        if (mappings.length > 0) w.changed('object_tag_mapping', tenantId, null);
        return { removedAssignments: Number(removed.numDeletedRows) };
      });
    },

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
