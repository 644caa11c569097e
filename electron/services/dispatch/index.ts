import type { dispatchService as Contract } from '../../contract';
import { transact } from '../../connectors/db/unitOfWork';
import type { ServiceImpl } from '../../ipc/router';
import type { DataContext } from '../data';
import { defineFeature } from '../feature';
import { seedDispatchDemo } from './demo';
import { dispatchMigration } from './migrations/004_dispatch';
import { actorOf, assertUserInScope, tenantFor } from '../scope';
import { agentRow, agentsPage, saveAgent } from './agents';
import { refusingDuplicates } from './common';
import { agentView, configurationCheck, preview } from './insight';
import {
  autoLogon,
  deleteCallManager,
  deletePhoneAgentLogon,
  listCallManagers,
  saveCallManager,
  savePhoneAgentLogon,
} from './phoneAgents';
import {
  deleteServiceAccess,
  deleteServiceGroup,
  getServiceGroup,
  listServiceAccesses,
  listServiceGroups,
  saveServiceAccess,
  saveServiceGroup,
} from './serviceGroups';
import { getSettings, licencesUsed, saveSettings } from './settings';

// For other features (they import a feature only through its index.ts).
export { assertDispatchLicences } from './licences';

/** The dispatch feature (issue 5): plain request/response. */
export const dispatchFeature = defineFeature({
  name: 'dispatch',
  start: ({ data }) => ({ impl: createDispatchService(data) }),
  migrations: { '004_dispatch': dispatchMigration },
  demo: seedDispatchDemo,
});

export function createDispatchService(data: DataContext): ServiceImpl<typeof Contract> {
  const k = () => data.require().kysely;
  const tx = <T>(ctx: Parameters<typeof actorOf>[0], fn: Parameters<typeof transact<T>>[3]) =>
    transact(data.require(), actorOf(ctx), data, fn);

  return {
    async lookups(_a, ctx) {
      const t = tenantFor(ctx);
      const db = k();
      const [skills, responseFiles, callerIds, groups, accesses, cms] = await Promise.all([
        db.selectFrom('skill').select(['id', 'name']).where('tenant_id', '=', t).orderBy('name').execute(),
        db.selectFrom('response_file').select(['id', 'name']).where('tenant_id', '=', t).orderBy('name').execute(),
        db
          .selectFrom('caller_id')
          .select(['id', 'name', 'caller_id', 'is_default'])
          .where('tenant_id', '=', t)
          .orderBy('name')
          .execute(),
        db
          .selectFrom('service_group')
          .select(['id', 'name', 'media_type', 'routing', 'personal_calls'])
          .where('tenant_id', '=', t)
          .orderBy('name')
          .execute(),
        db
          .selectFrom('service_access')
          .select(['id', 'name', 'bvd_number', 'service_group_id'])
          .where('tenant_id', '=', t)
          .orderBy('name')
          .execute(),
        db.selectFrom('site_server_param').select(['id', 'name']).where('tenant_id', '=', t).orderBy('name').execute(),
      ]);
      return {
        skills,
        responseFiles,
        callerIds: callerIds.map((c) => ({
          id: c.id,
          name: c.name,
          callerId: c.caller_id,
          isDefault: c.is_default === 1,
        })),
        serviceGroups: groups.map((g) => ({
          id: g.id,
          name: g.name,
          mediaType: g.media_type,
          routing: g.routing,
          personalCalls: g.personal_calls === 1,
        })),
        serviceAccesses: accesses.map((a) => ({
          id: a.id,
          name: a.name,
          bvdNumber: a.bvd_number,
          serviceGroupId: a.service_group_id,
        })),
        callManagers: cms,
      };
    },

    getSettings: (_a, ctx) => getSettings(k(), tenantFor(ctx)),
    async saveSettings({ expectedVersion, settings, callerIds }, ctx) {
      const t = tenantFor(ctx);
      await refusingDuplicates('A caller ID name', 'callerIds', () =>
        tx(ctx, (w) => saveSettings(w, t, expectedVersion, settings, callerIds)),
      );
      return getSettings(k(), t);
    },

    listServiceGroups: (_a, ctx) => listServiceGroups(k(), tenantFor(ctx)),
    getServiceGroup: ({ id }, ctx) => getServiceGroup(k(), tenantFor(ctx), id),
    async saveServiceGroup({ id, expectedVersion, fields }, ctx) {
      const t = tenantFor(ctx);
      const saved = await refusingDuplicates(`The service group name "${fields.name}"`, 'fields.name', () =>
        tx(ctx, (w) => saveServiceGroup(w, t, id, expectedVersion, fields)),
      );
      return getServiceGroup(k(), t, saved);
    },
    async deleteServiceGroup({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, (w) => deleteServiceGroup(w, t, id, expectedVersion));
      return { ok: true as const };
    },

    listServiceAccesses: (_a, ctx) => listServiceAccesses(k(), tenantFor(ctx)),
    async saveServiceAccess({ id, expectedVersion, fields }, ctx) {
      const t = tenantFor(ctx);
      const saved = await refusingDuplicates(`BVD number ${fields.bvdNumber} (or the name)`, 'fields.bvdNumber', () =>
        tx(ctx, (w) => saveServiceAccess(w, t, id, expectedVersion, fields)),
      );
      return (await listServiceAccesses(k(), t, saved))[0]!;
    },
    async deleteServiceAccess({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, (w) => deleteServiceAccess(w, t, id, expectedVersion));
      return { ok: true as const };
    },

    async agentsPage(q, ctx) {
      const t = tenantFor(ctx);
      const db = k();
      const [page, pool, used] = await Promise.all([
        agentsPage(db, t, q),
        db.selectFrom('tenant').select('dispatch_licences').where('id', '=', t).executeTakeFirstOrThrow(),
        licencesUsed(db, t),
      ]);
      return { ...page, licences: { pool: pool.dispatch_licences, used } };
    },
    async saveAgent({ id, expectedVersion, fields }, ctx) {
      const t = tenantFor(ctx);
      await refusingDuplicates(`Directory Number ${fields.directoryNumber ?? ''}`, 'fields.directoryNumber', () =>
        tx(ctx, (w) =>
          saveAgent(w, t, id, expectedVersion, fields, (groupId, name) => assertUserInScope(ctx, groupId, name), {
            hostAdmin: ctx.principal.identity?.hostAdmin ?? false,
            permissions: ctx.principal.permissions,
          }),
        ),
      );
      return agentRow(k(), t, id);
    },

    preview: (a, ctx) => preview(k(), tenantFor(ctx), a),
    checkConfiguration: (_a, ctx) => configurationCheck(k(), tenantFor(ctx)),
    agentView: ({ agentId }, ctx) => agentView(k(), tenantFor(ctx), agentId),

    autoLogon: ({ limit }, ctx) => autoLogon(k(), tenantFor(ctx), limit),
    async savePhoneAgentLogon({ fields, replace }, ctx) {
      const t = tenantFor(ctx);
      return tx(ctx, (w) => savePhoneAgentLogon(w, t, fields, replace));
    },
    async deletePhoneAgentLogon({ agentId }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, (w) => deletePhoneAgentLogon(w, t, agentId));
      return { ok: true as const };
    },

    listCallManagers: (_a, ctx) => listCallManagers(k(), tenantFor(ctx)),
    async saveCallManager({ id, expectedVersion, fields }, ctx) {
      const t = tenantFor(ctx);
      const saved = await refusingDuplicates(`The call manager name "${fields.name}"`, 'fields.name', () =>
        tx(ctx, (w) => saveCallManager(w, t, id, expectedVersion, fields)),
      );
      return (await listCallManagers(k(), t, saved))[0]!;
    },
    async deleteCallManager({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, (w) => deleteCallManager(w, t, id, expectedVersion));
      return { ok: true as const };
    },
  };
}
