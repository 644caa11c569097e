import type { Tx } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';

/**
 * Dispatch licences are a tenant pool: after any change that may give users dispatch
 * privilege (user save, copy, bulk edit, CSV import), call this inside the same
 * transaction; it refuses the whole save when the tenant now holds more privileged
 * (non-deleted) users than licences.
 */
export async function assertDispatchLicences(tx: Tx, tenantId: number): Promise<void> {
  const tenant = await tx
    .selectFrom('tenant')
    .select(['dispatch_licences'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  const pool = tenant?.dispatch_licences ?? null;
  if (pool === null) return;
  const row = await tx
    .selectFrom('cc_user')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('deleted', '=', 0)
    .where('dispatch_privilege', '=', 1)
    .executeTakeFirstOrThrow();
  const used = Number(row.n);
  if (used > pool) {
    throw new ServiceError(
      'INVALID',
      `Dispatch privilege: the tenant has ${pool} dispatch licence${pool === 1 ? '' : 's'} and this would use ` +
        `${used}. Remove the privilege from another agent or raise the pool.`,
      'dispatchPrivilege',
    );
  }
}
