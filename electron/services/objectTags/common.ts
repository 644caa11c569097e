import { sql, type Kysely, type Selectable } from 'kysely';
import {
  objectTagDataType,
  TAGGABLE_OBJECT_LABEL,
  type ObjectTagAllow,
  type ObjectTagRow,
  type ObjectTagType,
  type ObjectTagUsage,
  type TaggableObjectType,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { transact, type Work } from '../../connectors/db/unitOfWork';
import { objectTypeCode, objectTypeFromCode, TAGGABLE, tagTypeFromCode } from '../../domain/objectTags';
import { ServiceError } from '../../ipc/errors';
import type { CallContext } from '../../ipc/router';
import type { DataContext } from '../data';
import { actorOf, identityOf } from '../scope';
import { namesOf } from './objects';

export type K = Kysely<Database>;
export type TagRecord = Selectable<Database['object_tag']>;

const USAGE_NAMES = 20;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

export const allowOf = (t: TagRecord): ObjectTagAllow => ({
  serviceAccess: t.sa_enabled === 1,
  serviceGroup: t.sg_enabled === 1,
  agent: t.agent_enabled === 1,
  dialedNumber: t.dialednumber_enabled === 1,
});

export const zeroCounts = (): Record<TaggableObjectType, number> => ({
  serviceAccess: 0,
  serviceGroup: 0,
  agent: 0,
  dialedNumber: 0,
});

export function toRow(t: TagRecord, counts = zeroCounts()): ObjectTagRow {
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

export async function requireTag(k: K, tenantId: number, id: number, field = 'id'): Promise<TagRecord> {
  const t = await findTag(k, tenantId, id);
  if (!t)
    throw new ServiceError(
      'NOT_FOUND',
      `There is no object tag with ID ${id} in this tenant (another console may have deleted it).`,
      field,
    );
  return t;
}

export async function countsOf(k: K, tagId: number): Promise<Record<TaggableObjectType, number>> {
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
export async function assignedNames(
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
export async function valueLabels(
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
export async function lockTenant(w: Work, engine: 'sqlite' | 'postgres', tenantId: number) {
  if (engine === 'postgres') await sql`select id from tenant where id = ${tenantId} for update`.execute(w.tx);
}

export const tenantOf = (ctx: CallContext) => identityOf(ctx).tenantId;

export async function rowOf(kk: K, tenantId: number, id: number): Promise<ObjectTagRow> {
  const t = await requireTag(kk, tenantId, id);
  return toRow(t, await countsOf(kk, id));
}

export async function usageOfTag(kk: K, tenantId: number, tagId: number): Promise<ObjectTagUsage> {
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

/** Turns a unique-key race (two consoles at once) into the same message the pre-check gives. */
export const uniqueAs = async <T>(fn: () => Promise<T>, message: string, field: string): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ServiceError('CONFLICT', message, field, { rule: 'duplicate' });
    throw err;
  }
};

/** What every resource's methods share: the data context and one transaction per save. */
export interface ObjectTagsEnv {
  data: DataContext;
  k: () => K;
  run: <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => Promise<T>;
}

export function objectTagsEnv(data: DataContext): ObjectTagsEnv {
  return {
    data,
    k: () => data.require().kysely,
    run: (ctx, fn) => transact(data.require(), actorOf(ctx), data, fn),
  };
}
