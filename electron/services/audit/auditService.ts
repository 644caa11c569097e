import type { AuditFilter, auditService as auditContract, AuditRow } from '../../contract';
import type { ServiceImpl, CallContext } from '../../ipc/router';
import type { DataContext } from '../data';
import { identityOf } from '../scope';
import { csvLine } from './csv';

const MAX_EXPORT = 100_000;

export function createAuditService(data: DataContext): ServiceImpl<typeof auditContract> {
  const query = (f: AuditFilter, ctx: CallContext) => {
    const id = identityOf(ctx);
    let q = data.require().kysely.selectFrom('audit_log as a').leftJoin('tenant as t', 't.id', 'a.tenant_id');
    // Tenant users see their tenant's entries; host administrators see all (or one tenant).
    if (!id.hostAdmin) q = q.where('a.tenant_id', '=', id.tenantId);
    else if (f.tenantId !== undefined) q = q.where('a.tenant_id', '=', f.tenantId);
    if (f.actor) q = q.where((eb) => eb(eb.fn('lower', ['a.actor']), '=', f.actor!.toLowerCase()));
    if (f.action) q = q.where('a.action', '=', f.action);
    if (f.objectType) q = q.where('a.object_type', '=', f.objectType);
    if (f.from) q = q.where('a.at', '>=', f.from);
    if (f.to) q = q.where('a.at', '<=', f.to);
    if (f.text) {
      const like = `%${f.text.toLowerCase()}%`;
      q = q.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['a.object_name']), 'like', like),
          eb(eb.fn('lower', ['a.after_json']), 'like', like),
          eb(eb.fn('lower', ['a.before_json']), 'like', like),
        ]),
      );
    }
    return q;
  };
  const rows = (f: AuditFilter, ctx: CallContext, offset: number, limit: number) =>
    query(f, ctx)
      .select([
        'a.id',
        'a.at',
        'a.tenant_id',
        't.name as tenant',
        'a.actor',
        'a.origin',
        'a.action',
        'a.object_type',
        'a.object_id',
        'a.object_name',
        'a.before_json',
        'a.after_json',
      ])
      .orderBy('a.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute()
      .then((rs) =>
        rs.map((r): AuditRow => ({
          id: r.id,
          at: r.at,
          tenantId: r.tenant_id,
          tenant: r.tenant,
          actor: r.actor,
          origin: r.origin,
          action: r.action,
          objectType: r.object_type,
          objectId: r.object_id,
          objectName: r.object_name,
          before: r.before_json,
          after: r.after_json,
        })),
      );

  return {
    async query(args, ctx) {
      const { offset, limit, ...filter } = args;
      const [count, list] = await Promise.all([
        query(filter, ctx)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
        rows(filter, ctx, offset, limit),
      ]);
      return { total: Number(count.n), rows: list };
    },
    async exportCsv(filter, ctx) {
      const list = await rows(filter, ctx, 0, MAX_EXPORT);
      const lines = [
        csvLine([
          'Time (UTC)',
          'Tenant',
          'User',
          'Origin',
          'Action',
          'Object type',
          'Object ID',
          'Object',
          'Before',
          'After',
        ]),
      ];
      for (const r of list)
        lines.push(
          csvLine([
            r.at,
            r.tenant,
            r.actor,
            r.origin,
            r.action,
            r.objectType,
            r.objectId,
            r.objectName,
            r.before,
            r.after,
          ]),
        );
      return { csv: lines.join('\r\n') + '\r\n', rows: list.length };
    },
  };
}
