import { sql, type Kysely } from 'kysely';
import type { DialGroupRow, genesysService as Contract } from '../../contract/services/genesys';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, tenantFor } from '../scope';

type Methods = 'dialGroupList' | 'saveDialGroup' | 'deleteDialGroup';

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

const WHERE_SELECTED = 'Currently Selected Dial Groups on the Genesys Cloud Dial Groups tab';

/**
 * Locks the tenant's genesys_config row (PostgreSQL; SQLite runs one write transaction at a time).
 * Every transaction that reads or writes the selection together with dial groups takes this row
 * first, then the dial group rows, so they cannot deadlock.
 */
async function lockConfig(w: Work, t: number): Promise<void> {
  if (w.sqlite) return;
  await w.tx.selectFrom('genesys_config').select('tenant_id').where('tenant_id', '=', t).forUpdate().execute();
}

const selectionOf = async (w: Work, t: number): Promise<string[]> => {
  const r = await w.tx.selectFrom('genesys_config').select('dial_groups').where('tenant_id', '=', t).executeTakeFirst();
  return r ? (JSON.parse(r.dial_groups) as string[]) : [];
};

/**
 * The rule of the Dial Groups tab, run by `genesys.save` after it wrote the configuration row (so
 * the row lock comes first): every selected name is one of the tenant's dial groups (ignoring
 * case; stored with the dial group's own spelling), none twice. The dial groups are locked
 * FOR SHARE so a delete running now finishes first (and the name is then refused) or waits.
 * Returns the selection as stored.
 */
export async function checkDialGroupSelection(w: Work, t: number, names: string[]): Promise<string[]> {
  if (names.length === 0) return names;
  const lower = names.map((n) => n.toLowerCase());
  const rows = await w.tx
    .selectFrom('genesys_dial_group')
    .select(['id', 'name'])
    .where('tenant_id', '=', t)
    .where((eb) => eb(eb.fn('lower', ['name']), 'in', lower))
    .$if(!w.sqlite, (q) => q.forShare())
    .execute();
  const byLower = new Map(rows.map((r) => [r.name.toLowerCase(), r.name]));
  const seen = new Set<string>();
  return names.map((n, i) => {
    const l = n.toLowerCase();
    const field = `config.dialGroups.${i}`;
    if (seen.has(l))
      throw new ServiceError('INVALID', `Dial group ${n} is selected twice.`, field, { rule: 'duplicate' });
    seen.add(l);
    const name = byLower.get(l);
    if (!name)
      throw new ServiceError(
        'INVALID',
        `There is no dial group named ${n} in this tenant: select one of the Available Dial Groups.`,
        field,
        { rule: 'unknownDialGroup' },
      );
    return name;
  });
}

/**
 * The tenant's dial groups (seed 004 "Configure Genesys Cloud Dial Groups", Available Dial Groups):
 * the console is the server-side configuration store, so it keeps the list. Deleting a selected
 * dial group is refused, naming where it is selected; renaming one renames it in the selection too.
 */
export function createDialGroupService(deps: ServiceDeps): Pick<ServiceImpl<typeof Contract>, Methods> {
  const { data } = deps;
  const k = (): Kysely<Database> => data.require().kysely;
  const tx = <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => transact(data.require(), actorOf(ctx), data, fn);

  const list = async (t: number): Promise<DialGroupRow[]> => {
    const cfg = await k()
      .selectFrom('genesys_config')
      .select('dial_groups')
      .where('tenant_id', '=', t)
      .executeTakeFirst();
    const selected = new Set((cfg ? (JSON.parse(cfg.dial_groups) as string[]) : []).map((n) => n.toLowerCase()));
    const rows = await k()
      .selectFrom('genesys_dial_group')
      .select(['id', 'name', 'version'])
      .where('tenant_id', '=', t)
      .orderBy(sql`lower(name)`)
      .execute();
    return rows.map((r) => ({ ...r, selected: selected.has(r.name.toLowerCase()) }));
  };

  const lockGroup = async (w: Work, t: number, id: number) => {
    const cur = await w.tx
      .selectFrom('genesys_dial_group')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', t)
      .$if(!w.sqlite, (q) => q.forUpdate())
      .executeTakeFirst();
    if (!cur) throw new ServiceError('NOT_FOUND', `Dial group ${id} is not in this tenant.`, 'id');
    return cur;
  };

  return {
    async dialGroupList(_a, ctx) {
      return list(tenantFor(ctx));
    },

    async saveDialGroup({ id, expectedVersion, name }, ctx) {
      const t = tenantFor(ctx);
      const duplicate = () =>
        new ServiceError('CONFLICT', `A dial group named ${name} already exists in this tenant.`, 'name', {
          rule: 'duplicate',
        });
      const taken = await k()
        .selectFrom('genesys_dial_group')
        .select('id')
        .where('tenant_id', '=', t)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      if (taken && taken.id !== id) throw duplicate();
      let savedId = id ?? 0;
      try {
        await tx(ctx, async (w) => {
          if (id === null) {
            const r = await w.tx
              .insertInto('genesys_dial_group')
              .values({ tenant_id: t, name, updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            savedId = r.id;
            w.audit({
              tenantId: t,
              action: 'genesysDialGroup.create',
              objectType: 'genesys_dial_group',
              objectId: savedId,
              objectName: name,
              after: { name },
            });
          } else {
            await lockConfig(w, t);
            const cur = await lockGroup(w, t, id);
            await updateVersioned(w, 'genesys_dial_group', { column: 'id', value: id }, expectedVersion, { name });
            // The selection follows the rename (the configuration's version moves on with it).
            const sel = await selectionOf(w, t);
            const i = sel.findIndex((n) => n.toLowerCase() === cur.name.toLowerCase());
            if (i >= 0 && sel[i] !== name) {
              sel[i] = name;
              await w.tx
                .updateTable('genesys_config')
                .set({
                  dial_groups: JSON.stringify(sel),
                  version: sql`version + 1`,
                  updated_at: w.now,
                  updated_by: w.actor.logonId,
                })
                .where('tenant_id', '=', t)
                .execute();
              w.changed('genesys_config', t, t);
            }
            w.audit({
              tenantId: t,
              action: 'genesysDialGroup.update',
              objectType: 'genesys_dial_group',
              objectId: id,
              objectName: name,
              before: { name: cur.name },
              after: { name, selectionRenamed: i >= 0 },
            });
          }
          w.changed('genesys_dial_group', t, savedId);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate();
        throw err;
      }
      return (await list(t)).find((r) => r.id === savedId)!;
    },

    async deleteDialGroup({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, async (w) => {
        await lockConfig(w, t);
        const cur = await lockGroup(w, t, id);
        if (cur.version !== expectedVersion)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${cur.version}].`,
            { expectedVersion, version: cur.version, updatedBy: cur.updated_by, updatedAt: cur.updated_at },
          );
        // Read after the locks: a first configuration saved meanwhile is seen here.
        if ((await selectionOf(w, t)).some((n) => n.toLowerCase() === cur.name.toLowerCase()))
          throw new ServiceError(
            'CONFLICT',
            `Dial group ${cur.name} is in use: it is selected in ${WHERE_SELECTED}. ` +
              'Remove it there and Apply, then delete it.',
            'id',
            { rule: 'inUse' },
          );
        await w.tx.deleteFrom('genesys_dial_group').where('id', '=', id).execute();
        w.audit({
          tenantId: t,
          action: 'genesysDialGroup.delete',
          objectType: 'genesys_dial_group',
          objectId: id,
          objectName: cur.name,
          before: { name: cur.name },
        });
        w.changed('genesys_dial_group', t, id);
      });
      return { ok: true };
    },
  };
}
