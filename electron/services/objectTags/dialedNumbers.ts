import type { objectTagsService as Contract } from '../../contract';
import { updateVersioned } from '../../connectors/db/unitOfWork';
import { duplicateDialedNumberMessage, objectTypeCode, tagTypeFromCode } from '../../domain/objectTags';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import { assertInternalNumber } from '../systemParameters';
import { type K, valueLabels, tenantOf, uniqueAs, type ObjectTagsEnv } from './common';

type Impl = ServiceImpl<typeof Contract>;

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
  if (await q.executeTakeFirst())
    throw new ServiceError('CONFLICT', duplicateDialedNumberMessage(number), 'number', { rule: 'duplicate' });
}

/** Dialed numbers (the fourth taggable object type, kept by this feature). */
export function dialedNumberMethods({
  k,
  run,
}: ObjectTagsEnv): Pick<
  Impl,
  'dialedNumbers' | 'addDialedNumber' | 'updateDialedNumber' | 'dialedNumberUsage' | 'removeDialedNumber'
> {
  return {
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
            await assertInternalNumber(w.tx, tenantId, number, 'number', 'Dialed number');
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
            await assertInternalNumber(w.tx, tenantId, number, 'number', 'Dialed number');
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
            `“${d.number}” now has ${mappings.length} tag assignments, not the ${expectedAssignments} you ` +
              `confirmed: another console changed them. Review and confirm again.`,
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
  };
}
