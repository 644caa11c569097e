import type { Kysely } from 'kysely';
import type { PasswordPolicy, TenantRef } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import type { Tx } from '../../connectors/db/unitOfWork';
import { ServiceError } from '../../ipc/errors';

type Q = Kysely<Database> | Tx;

export async function listTenants(db: Q): Promise<TenantRef[]> {
  return db.selectFrom('tenant').select(['id', 'name']).orderBy('name').execute();
}

export async function tenantPolicy(
  db: Q,
  tenantId: number,
): Promise<{ policy: PasswordPolicy; version: number; updatedBy: string; updatedAt: string; name: string }> {
  const t = await db.selectFrom('tenant').selectAll().where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return {
    name: t.name,
    version: t.version,
    updatedBy: t.updated_by,
    updatedAt: t.updated_at,
    policy: {
      lockoutAfterAttempts: t.lockout_after_attempts,
      cannotReuseLast: t.cannot_reuse_last,
      expiresAfterDays: t.password_expires_days,
      warnDaysRemaining: t.password_warn_days,
    },
  };
}

export const policyColumns = (p: PasswordPolicy) => ({
  lockout_after_attempts: p.lockoutAfterAttempts,
  cannot_reuse_last: p.cannotReuseLast,
  password_expires_days: p.expiresAfterDays,
  password_warn_days: p.warnDaysRemaining,
});
