import type { Kysely } from 'kysely';
import type { ServiceGroupDoc, ServiceGroupFields, ServiceGroupRow, ServiceAccessRow } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import { bit, notFound } from './common';
import { removeTagAssignmentsOf } from '../objectTags';

type K = Kysely<Database>;

export async function listServiceGroups(k: K, tenantId: number): Promise<ServiceGroupRow[]> {
  const [groups, skills, accesses] = await Promise.all([
    k.selectFrom('service_group').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute(),
    k
      .selectFrom('service_group_skill as gs')
      .innerJoin('skill as s', 's.id', 'gs.skill_id')
      .select(['gs.service_group_id', 's.name'])
      .where('s.tenant_id', '=', tenantId)
      .orderBy('s.name')
      .execute(),
    k
      .selectFrom('service_access')
      .select((eb) => ['service_group_id', eb.fn.countAll<number | string>().as('n')])
      .where('tenant_id', '=', tenantId)
      .groupBy('service_group_id')
      .execute(),
  ]);
  const skillsOf = new Map<number, string[]>();
  for (const s of skills) skillsOf.set(s.service_group_id, [...(skillsOf.get(s.service_group_id) ?? []), s.name]);
  const accessOf = new Map(accesses.map((a) => [a.service_group_id, Number(a.n)]));
  return groups.map((g) => ({
    id: g.id,
    version: g.version,
    name: g.name,
    mediaType: g.media_type,
    routing: g.routing,
    personalCalls: g.personal_calls === 1,
    displayInDispatch: g.display_in_dispatch === 1,
    skills: skillsOf.get(g.id) ?? [],
    accessCount: accessOf.get(g.id) ?? 0,
  }));
}

export async function getServiceGroup(k: K, tenantId: number, id: number): Promise<ServiceGroupDoc> {
  const g = await k
    .selectFrom('service_group')
    .selectAll()
    .where('id', '=', id)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!g) throw notFound(`Service group ${id}`);
  const [skills, accesses] = await Promise.all([
    k
      .selectFrom('service_group_skill')
      .select('skill_id')
      .where('service_group_id', '=', id)
      .orderBy('skill_id')
      .execute(),
    k
      .selectFrom('service_access')
      .select(['id', 'name', 'bvd_number'])
      .where('service_group_id', '=', id)
      .orderBy('name')
      .execute(),
  ]);
  return {
    id: g.id,
    version: g.version,
    fields: {
      name: g.name,
      mediaType: g.media_type,
      routing: g.routing,
      personalCalls: g.personal_calls === 1,
      displayInDispatch: g.display_in_dispatch === 1,
      maxWaitPersonalSec: g.max_wait_personal_sec,
      openRule: g.open_rule,
      skillIds: skills.map((s) => s.skill_id),
      responseFileId: g.response_file_id,
      callerIdId: g.caller_id_id,
      agentsMayChangeCallerId: g.agents_may_change_caller_id === 1,
    },
    accesses: accesses.map((a) => ({ id: a.id, name: a.name, bvdNumber: a.bvd_number })),
    updatedBy: g.updated_by,
    updatedAt: g.updated_at,
  };
}

/** Every reference the group makes must be one of this tenant's rows. */
async function assertReferences(w: Work, tenantId: number, f: ServiceGroupFields): Promise<void> {
  const { tx } = w;
  if (f.skillIds.length > 0) {
    const found = await tx
      .selectFrom('skill')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', f.skillIds)
      .execute();
    const missing = f.skillIds.filter((id) => !found.some((s) => s.id === id));
    if (missing.length > 0)
      throw new ServiceError(
        'INVALID',
        `Skills required: skill ${missing.join(', ')} does not exist in this tenant.`,
        'fields.skillIds',
      );
  }
  if (f.responseFileId !== null) {
    const rf = await tx
      .selectFrom('response_file')
      .select('id')
      .where('id', '=', f.responseFileId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!rf)
      throw new ServiceError(
        'INVALID',
        `Response file ${f.responseFileId} does not exist in this tenant.`,
        'fields.responseFileId',
      );
  }
  if (f.callerIdId !== null) {
    const c = await tx
      .selectFrom('caller_id')
      .select('id')
      .where('id', '=', f.callerIdId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!c)
      throw new ServiceError(
        'INVALID',
        `Outgoing caller ID ${f.callerIdId} does not exist in this tenant.`,
        'fields.callerIdId',
      );
  }
}

/** Names are unique in the tenant ignoring case (the DB key is exact; people type either way). */
async function assertNameFree(w: Work, tenantId: number, id: number | null, name: string): Promise<void> {
  const same = await w.tx
    .selectFrom('service_group')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
  if (same && same.id !== id)
    throw new ServiceError(
      'CONFLICT',
      `Name: a service group named "${name}" already exists in this tenant.`,
      'fields.name',
      { rule: 'duplicate', fieldMessage: `a service group named "${name}" already exists in this tenant.` },
    );
}

export async function saveServiceGroup(
  w: Work,
  tenantId: number,
  id: number | null,
  expectedVersion: number,
  f: ServiceGroupFields,
): Promise<number> {
  await assertReferences(w, tenantId, f);
  await assertNameFree(w, tenantId, id, f.name);
  const values = {
    name: f.name,
    media_type: f.mediaType,
    routing: f.routing,
    personal_calls: bit(f.personalCalls),
    display_in_dispatch: bit(f.displayInDispatch),
    max_wait_personal_sec: f.maxWaitPersonalSec,
    open_rule: f.openRule,
    response_file_id: f.responseFileId,
    caller_id_id: f.callerIdId,
    agents_may_change_caller_id: bit(f.agentsMayChangeCallerId),
  };
  let before: ServiceGroupDoc | undefined;
  if (id === null) {
    id = (
      await w.tx
        .insertInto('service_group')
        .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    before = await getServiceGroup(w.tx, tenantId, id);
    await updateVersioned(w, 'service_group', { column: 'id', value: id }, expectedVersion, values);
    await w.tx.deleteFrom('service_group_skill').where('service_group_id', '=', id).execute();
  }
  if (f.skillIds.length > 0)
    await w.tx
      .insertInto('service_group_skill')
      .values(f.skillIds.map((skill_id) => ({ service_group_id: id!, skill_id })))
      .execute();
  w.audit({
    tenantId,
    action: before ? 'update' : 'create',
    objectType: 'service-group',
    objectId: id,
    objectName: f.name,
    before: before?.fields,
    after: f,
  });
  w.changed('service_group', tenantId, id);
  return id;
}

export async function deleteServiceGroup(
  w: Work,
  tenantId: number,
  id: number,
  expectedVersion: number,
): Promise<void> {
  const before = await getServiceGroup(w.tx, tenantId, id);
  if (before.version !== expectedVersion) {
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match the current version [${before.version}]: ` +
        `${before.updatedBy} changed it at ${before.updatedAt}. Reload first.`,
      {
        expectedVersion: expectedVersion,
        version: Number(before.version),
        updatedBy: before.updatedBy,
        updatedAt: `${before.updatedAt}`,
      },
    );
  }
  if (before.accesses.length > 0) {
    throw new ServiceError(
      'INVALID',
      `"${before.fields.name}" cannot be deleted: ${before.accesses.length} service ` +
        `access${before.accesses.length === 1 ? '' : 'es'} route${before.accesses.length === 1 ? 's' : ''} to it ` +
        `(${before.accesses.map((a) => a.name).join(', ')}). Route them elsewhere first.`,
    );
  }
  // object_tag_mapping has no foreign key to the objects it tags: remove this group's assignments with it
  await removeTagAssignmentsOf(w.tx, tenantId, 'serviceGroup', [id]);
  await w.tx.deleteFrom('service_group').where('id', '=', id).execute();
  w.audit({
    tenantId,
    action: 'delete',
    objectType: 'service-group',
    objectId: id,
    objectName: before.fields.name,
    before: before.fields,
  });
  w.changed('service_group', tenantId, id);
}

export async function listServiceAccesses(k: K, tenantId: number, id?: number): Promise<ServiceAccessRow[]> {
  let q = k
    .selectFrom('service_access as a')
    .innerJoin('service_group as g', 'g.id', 'a.service_group_id')
    .select([
      'a.id',
      'a.version',
      'a.name',
      'a.bvd_number',
      'a.service_group_id',
      'g.name as group_name',
      'g.personal_calls',
    ])
    .where('a.tenant_id', '=', tenantId);
  if (id !== undefined) q = q.where('a.id', '=', id);
  const rows = await q.orderBy('a.name').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    bvdNumber: r.bvd_number,
    serviceGroupId: r.service_group_id,
    serviceGroup: r.group_name,
    personalCalls: r.personal_calls === 1,
  }));
}

export async function saveServiceAccess(
  w: Work,
  tenantId: number,
  id: number | null,
  expectedVersion: number,
  f: { name: string; bvdNumber: string; serviceGroupId: number },
): Promise<number> {
  const { tx } = w;
  const group = await tx
    .selectFrom('service_group')
    .select(['id', 'name'])
    .where('id', '=', f.serviceGroupId)
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!group)
    throw new ServiceError(
      'INVALID',
      `Service group: ${f.serviceGroupId} does not exist in this tenant.`,
      'fields.serviceGroupId',
    );
  const bvd = await tx
    .selectFrom('service_access')
    .select(['id', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('bvd_number', '=', f.bvdNumber)
    .executeTakeFirst();
  if (bvd && bvd.id !== id)
    throw new ServiceError(
      'CONFLICT',
      `BVD number ${f.bvdNumber} is already used by service access "${bvd.name}": a BVD number is unique in the ` +
        `tenant.`,
      'fields.bvdNumber',
      { rule: 'duplicate', holder: { kind: 'service_access', id: Number(bvd.id), name: bvd.name } },
    );
  const named = await tx
    .selectFrom('service_access')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', f.name.toLowerCase()))
    .executeTakeFirst();
  if (named && named.id !== id)
    throw new ServiceError(
      'CONFLICT',
      `Name: a service access named "${f.name}" already exists in this tenant.`,
      'fields.name',
      { rule: 'duplicate', fieldMessage: `a service access named "${f.name}" already exists in this tenant.` },
    );
  const values = { name: f.name, bvd_number: f.bvdNumber, service_group_id: f.serviceGroupId };
  let before: ServiceAccessRow | undefined;
  if (id === null) {
    id = (
      await tx
        .insertInto('service_access')
        .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    before = (await listServiceAccesses(tx, tenantId, id))[0];
    if (!before) throw notFound(`Service access ${id}`);
    await updateVersioned(w, 'service_access', { column: 'id', value: id }, expectedVersion, values);
  }
  w.audit({
    tenantId,
    action: before ? 'update' : 'create',
    objectType: 'service-access',
    objectId: id,
    objectName: f.name,
    before,
    after: { ...f, serviceGroup: group.name },
  });
  w.changed('service_access', tenantId, id);
  return id;
}

export async function deleteServiceAccess(
  w: Work,
  tenantId: number,
  id: number,
  expectedVersion: number,
): Promise<void> {
  const before = (await listServiceAccesses(w.tx, tenantId, id))[0];
  if (!before) throw notFound(`Service access ${id}`);
  if (before.version !== expectedVersion)
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match the current version [${before.version}]. ` +
        `Reload first.`,
      { expectedVersion: expectedVersion, version: Number(before.version) },
    );
  await removeTagAssignmentsOf(w.tx, tenantId, 'serviceAccess', [id]);
  await w.tx.deleteFrom('service_access').where('id', '=', id).execute();
  w.audit({ tenantId, action: 'delete', objectType: 'service-access', objectId: id, objectName: before.name, before });
  w.changed('service_access', tenantId, id);
}
