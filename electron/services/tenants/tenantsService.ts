import type { tenantsService as tenantsContract } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import type { ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data';
import { actorOf, identityOf, tenantFor } from '../scope';
import { listTenants, policyColumns, tenantPolicy } from './tenantRepo';

export function createTenantsService(data: DataContext): ServiceImpl<typeof tenantsContract> {
  return {
    async list(_args, ctx) {
      const id = identityOf(ctx);
      const all = await listTenants(data.require().kysely);
      return id.hostAdmin ? all : all.filter((t) => t.id === id.tenantId);
    },
    async getPolicy({ tenantId }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const p = await tenantPolicy(data.require().kysely, t);
      return { tenantId: t, version: p.version, policy: p.policy, updatedBy: p.updatedBy, updatedAt: p.updatedAt };
    },
    async savePolicy({ tenantId, expectedVersion, policy }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const db = data.require();
      const before = await tenantPolicy(db.kysely, t);
      await transact(db, actorOf(ctx), data, async (w) => {
        await updateVersioned(w, 'tenant', { column: 'id', value: t }, expectedVersion, policyColumns(policy));
        w.audit({
          tenantId: t,
          action: 'update',
          objectType: 'password-policy',
          objectId: t,
          objectName: before.name,
          before: before.policy,
          after: policy,
        });
        w.changed('tenant', t, t);
      });
      const p = await tenantPolicy(db.kysely, t);
      return { tenantId: t, version: p.version, policy: p.policy, updatedBy: p.updatedBy, updatedAt: p.updatedAt };
    },
  };
}
