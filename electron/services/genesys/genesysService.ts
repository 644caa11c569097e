import type { Kysely, Selectable } from 'kysely';
import {
  GenesysConfigInput,
  loginHostOf,
  type GenesysConfigDoc,
  type SyncRecord,
  type genesysService as Contract,
} from '../../contract/services/genesys';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, tenantFor } from '../scope';
import { assertMayChangeUser } from '../users';
import { GenesysApiError, GenesysConnectionError, provision } from './client';
import { checkDialGroupSelection, createDialGroupService } from './dialGroups';
import { createSmsService, smsClientKey, smsWebhookKey } from './smsService';
import { genesysSecretKey, type GenesysSync } from './sync';

type Row = Selectable<Database['genesys_config']>;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

const toConfig = (r: Row): GenesysConfigInput =>
  GenesysConfigInput.parse({
    enabled: r.enabled === 1,
    adminEmail: r.admin_email,
    orgShortName: r.org_short_name,
    region: r.region,
    syncUsers: r.sync_users === 1,
    syncAdvanced: r.sync_advanced === 1,
    browserClientApps: JSON.parse(r.browser_client_apps) as string[],
    dialGroups: JSON.parse(r.dial_groups) as string[],
  });

const columns = (c: GenesysConfigInput) => ({
  enabled: c.enabled ? 1 : 0,
  admin_email: c.adminEmail,
  org_short_name: c.orgShortName,
  region: c.region,
  sync_users: c.syncUsers ? 1 : 0,
  sync_advanced: c.syncAdvanced ? 1 : 0,
  browser_client_apps: JSON.stringify(c.browserClientApps),
  dial_groups: JSON.stringify(c.dialGroups),
});

/**
 * The console's rows that belong to one Genesys Cloud organization: the per-record sync status and
 * queue membership, SMS Provisioning and Manage Client Configuration. They go when the configuration
 * is removed and when the region changes (another region is another organization: "Synced" would be
 * about the old one). The numbers stay provisioned in Genesys Cloud; a new configuration lists them
 * again on Refresh. Returns the SMS numbers, whose keychain entries the caller clears after the commit.
 */
async function dropOrganizationRows(
  tx: Kysely<Database>,
  t: number,
): Promise<{ phone_number: string; mo_url: string }[]> {
  await tx.deleteFrom('genesys_sync_status').where('tenant_id', '=', t).execute();
  await tx.deleteFrom('genesys_queue_member_status').where('tenant_id', '=', t).execute();
  const sms = await tx
    .selectFrom('genesys_sms_number')
    .select(['phone_number', 'mo_url'])
    .where('tenant_id', '=', t)
    .execute();
  await tx.deleteFrom('genesys_sms_number').where('tenant_id', '=', t).execute();
  await tx.deleteFrom('genesys_sms_client').where('tenant_id', '=', t).execute();
  return sms;
}

export function createGenesysService(deps: ServiceDeps, sync: GenesysSync): ServiceImpl<typeof Contract> {
  const { data, secrets } = deps;
  const k = (): Kysely<Database> => data.require().kysely;
  const tx = <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => transact(data.require(), actorOf(ctx), data, fn);

  const find = (t: number) =>
    k().selectFrom('genesys_config').selectAll().where('tenant_id', '=', t).executeTakeFirst() as Promise<
      Row | undefined
    >;
  const has = (key: string) => secrets.has(key).catch(() => false);
  const docOf = async (r: Row): Promise<GenesysConfigDoc> => ({
    config: toConfig(r),
    version: r.version,
    passwordSet: await has(genesysSecretKey(r.tenant_id, r.region, 'admin-password')),
    provisioned:
      r.provisioned_at && r.client_id
        ? { at: r.provisioned_at, orgId: r.org_id ?? '', orgName: r.org_name ?? '', clientId: r.client_id }
        : null,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  });
  const clearSecrets = async (t: number, region: string) => {
    for (const w of ['admin-password', 'client-secret'] as const)
      await secrets.clear(genesysSecretKey(t, region, w)).catch(() => {});
  };
  const keychainAvailable = async (field: string) => {
    if (!(await secrets.available().catch(() => ({ ok: false }))).ok)
      throw new ServiceError(
        'UNAVAILABLE',
        'The OS keychain is not available: the administrator’s password is kept only there, so it cannot be saved.',
        field,
      );
  };

  return {
    ...createSmsService(deps, sync),
    ...createDialGroupService(deps),

    async get(_a, ctx) {
      const r = await find(tenantFor(ctx));
      return r ? docOf(r) : null;
    },

    async save({ expectedVersion, config, password }, ctx) {
      const t = tenantFor(ctx);
      const before = await find(t);
      if (config.enabled) {
        if (!config.adminEmail)
          throw new ServiceError(
            'INVALID',
            'Administrator Email is required to enable the integration.',
            'config.adminEmail',
          );
        if (!config.orgShortName)
          throw new ServiceError(
            'INVALID',
            'Organization Short Name is required to enable the integration.',
            'config.orgShortName',
          );
        const stored = await has(genesysSecretKey(t, config.region, 'admin-password'));
        if (!password && !stored)
          throw new ServiceError(
            'INVALID',
            `Enter the administrator’s password for ${loginHostOf(config.region)} ` +
              '(a password is kept for its region only).',
            'password',
          );
      }
      if (password) await keychainAvailable('password');
      const regionChanged = before !== undefined && before.region !== config.region;
      const cols = columns(config);
      let droppedSms: { phone_number: string; mo_url: string }[] = [];
      await tx(ctx, async (w) => {
        if (expectedVersion === 0) {
          if (before)
            throw staleVersionError(
              'Another console saved a Genesys Cloud configuration for this tenant first. Reload, overwrite, or merge.',
              {
                expectedVersion: 0,
                version: before.version,
                updatedBy: before.updated_by,
                updatedAt: before.updated_at,
              },
            );
          await w.tx
            .insertInto('genesys_config')
            .values({ tenant_id: t, ...cols, updated_at: w.now, updated_by: w.actor.logonId })
            .execute();
        } else {
          await updateVersioned(w, 'genesys_config', { column: 'tenant_id', value: t }, expectedVersion, {
            ...cols,
            // Another region is another organization: provisioning starts over.
            ...(regionChanged ? { provisioned_at: null, org_id: null, org_name: null, client_id: null } : {}),
          });
          if (regionChanged) {
            droppedSms = await dropOrganizationRows(w.tx, t);
            w.changed('genesys_sync_status', t, null);
          }
        }
        // After the row is written (its lock first): the selection names the tenant's dial groups.
        const stored = await checkDialGroupSelection(w, t, config.dialGroups);
        if (stored.some((n, i) => n !== config.dialGroups[i]))
          await w.tx
            .updateTable('genesys_config')
            .set({ dial_groups: JSON.stringify(stored) })
            .where('tenant_id', '=', t)
            .execute();
        w.audit({
          tenantId: t,
          action: before ? 'genesys.update' : 'genesys.create',
          objectType: 'genesys_config',
          objectId: t,
          objectName: config.orgShortName || null,
          before: before ? { ...toConfig(before) } : null,
          // Whether the credentials changed, never the password.
          after: { ...config, credentialsChanged: password !== undefined },
        });
        w.changed('genesys_config', t, t);
      });
      // No longer watched: a connection alarm raised for it is cleared (it would stay up for good).
      if (before && before.enabled === 1 && (!config.enabled || regionChanged))
        await sync.stopWatching(
          t,
          before.region,
          before.org_short_name,
          regionChanged ? 'the region changed' : 'the integration was disabled',
        );
      if (regionChanged && before) {
        await clearSecrets(t, before.region);
        await secrets.clear(smsClientKey(t, before.region)).catch(() => {});
        for (const n of droppedSms) await secrets.clear(smsWebhookKey(t, n.phone_number, n.mo_url)).catch(() => {});
        sync.reset(t);
      }
      if (password) {
        await secrets.set(genesysSecretKey(t, config.region, 'admin-password'), password);
        sync.reset(t);
      }
      return docOf((await find(t))!);
    },

    async apply(_a, ctx) {
      const t = tenantFor(ctx);
      const r = await find(t);
      if (!r) throw new ServiceError('NOT_FOUND', 'Save the configuration first.', 'enabled');
      if (r.enabled !== 1) throw new ServiceError('INVALID', 'Enable Genesys Cloud Integration first.', 'enabled');
      let password: string | null;
      try {
        password = await secrets.get(genesysSecretKey(t, r.region, 'admin-password'));
      } catch {
        throw new ServiceError(
          'UNAVAILABLE',
          'The OS keychain is not available, so the password cannot be read.',
          'password',
        );
      }
      if (!password)
        throw new ServiceError(
          'INVALID',
          `Enter the administrator’s password for ${loginHostOf(r.region)}.`,
          'password',
        );
      const tenant = await k().selectFrom('tenant').select('name').where('id', '=', t).executeTakeFirst();
      let res: Awaited<ReturnType<typeof provision>>;
      try {
        res = await provision({
          region: r.region,
          adminEmail: r.admin_email,
          password,
          orgShortName: r.org_short_name,
          clientName: `Contact Center Console (${tenant?.name ?? t})`,
          previousClientId: r.client_id,
        });
      } catch (err) {
        if (err instanceof GenesysConnectionError)
          throw new ServiceError('UNAVAILABLE', `Genesys Cloud cannot be reached: ${err.message}`, 'region');
        if (err instanceof GenesysApiError) {
          const field = /organization/i.test(err.message)
            ? 'config.orgShortName'
            : /invalid_grant|credentials/i.test(err.message)
              ? 'password'
              : undefined;
          throw new ServiceError('INVALID', `Genesys Cloud refused the provisioning: ${err.message}`, field);
        }
        throw err;
      }
      await secrets.set(genesysSecretKey(t, r.region, 'client-secret'), res.secret);
      await tx(ctx, async (w) => {
        await updateVersioned(w, 'genesys_config', { column: 'tenant_id', value: t }, r.version, {
          provisioned_at: w.now,
          org_id: res.orgId,
          org_name: res.orgName,
          client_id: res.clientId,
        });
        w.audit({
          tenantId: t,
          action: 'genesys.provision',
          objectType: 'genesys_config',
          objectId: t,
          objectName: r.org_short_name,
          after: {
            orgId: res.orgId,
            orgName: res.orgName,
            clientId: res.clientId,
            region: r.region,
            previousClientId: r.client_id,
            ...(res.previousDeleteError ? { previousClientDeleteError: res.previousDeleteError } : {}),
          },
        });
        w.changed('genesys_config', t, t);
      });
      sync.reset(t);
      sync.schedule(t, 'all');
      return {
        orgId: res.orgId,
        orgName: res.orgName,
        clientId: res.clientId,
        message:
          `The Genesys Cloud integration was configured: organization ${res.orgName}, ` +
          `OAuth client ${res.clientId}.` +
          (res.previousDeleteError
            ? ` The previous OAuth client ${r.client_id} could not be deleted (${res.previousDeleteError}): ` +
              'delete it in Genesys Cloud › Admin › OAuth.'
            : ''),
      };
    },

    async remove({ expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      const r = await find(t);
      if (!r)
        throw new ServiceError('NOT_FOUND', 'There is no Genesys Cloud configuration to remove.', 'expectedVersion');
      let smsNumbers: { phone_number: string; mo_url: string }[] = [];
      await tx(ctx, async (w) => {
        const res = await w.tx
          .deleteFrom('genesys_config')
          .where('tenant_id', '=', t)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${r.version}].`,
            { expectedVersion, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at },
          );
        smsNumbers = await dropOrganizationRows(w.tx, t);
        w.audit({
          tenantId: t,
          action: 'genesys.remove',
          objectType: 'genesys_config',
          objectId: t,
          objectName: r.org_short_name,
          before: toConfig(r),
        });
        w.changed('genesys_config', t, t);
        w.changed('genesys_sync_status', t, null);
      });
      await sync.stopWatching(t, r.region, r.org_short_name, 'the configuration was removed');
      // The console's OAuth client goes with the configuration (it deletes itself: its role allows it).
      // Unreachable or refused: the configuration is removed all the same, and the log says so.
      if (r.client_id) {
        const gone = await sync.deleteOwnClient(t, r.region, r.client_id);
        if (gone !== true)
          deps.log.warn('genesys: the OAuth client could not be deleted in Genesys Cloud', {
            tenantId: t,
            clientId: r.client_id,
            error: gone,
          });
      }
      await clearSecrets(t, r.region);
      await secrets.clear(smsClientKey(t, r.region)).catch(() => {});
      for (const n of smsNumbers) await secrets.clear(smsWebhookKey(t, n.phone_number, n.mo_url)).catch(() => {});
      sync.reset(t);
      return { ok: true };
    },

    async forceSync(_a, ctx) {
      const t = tenantFor(ctx);
      const r = await find(t);
      if (!r || r.enabled !== 1)
        throw new ServiceError('INVALID', 'Enable Genesys Cloud Integration first.', 'enabled');
      if (!r.client_id) throw new ServiceError('INVALID', 'Apply (provision) the configuration first.', 'enabled');
      // The console that synchronizes the tenant may be another one: it hears this on the change feed.
      await tx(ctx, async (w) => {
        w.audit({
          tenantId: t,
          action: 'genesys.forceSync',
          objectType: 'genesys_config',
          objectId: t,
          objectName: r.org_short_name,
        });
        w.changed('genesys_config', t, t);
      });
      sync.schedule(t, 'all');
      return { started: true };
    },

    async records({ kind, objectId }, ctx) {
      const t = tenantFor(ctx);
      const db = k();
      let objects: { id: number; name: string }[];
      if (kind === 'queueMembers') {
        let gq = db.selectFrom('agent_group').select(['id', 'name']).where('tenant_id', '=', t);
        if (objectId !== undefined) gq = gq.where('id', '=', objectId);
        const groups = await gq.orderBy('name').execute();
        const ms = new Map(
          (await db.selectFrom('genesys_queue_member_status').selectAll().where('tenant_id', '=', t).execute()).map(
            (r) => [r.agent_group_id, r],
          ),
        );
        return groups.map((g): SyncRecord => {
          const m = ms.get(g.id);
          return {
            kind,
            objectId: g.id,
            name: m?.status === 'Synced' ? `${g.name} (${m.members} members)` : g.name,
            status: m?.status ?? 'Not synced',
            message: m?.message ?? null,
            lastSynchronized: m?.last_synced_at ?? null,
          };
        });
      }
      if (kind === 'user') {
        // Deleted users are listed while their deactivation in Genesys Cloud has a status.
        let q = db
          .selectFrom('cc_user as u')
          .select(['u.id', 'u.logon_id', 'u.deleted'])
          .where('u.tenant_id', '=', t)
          .where((eb) =>
            eb.or([
              eb('u.deleted', '=', 0),
              eb.exists(
                eb
                  .selectFrom('genesys_sync_status as g')
                  .select('g.object_id')
                  .whereRef('g.object_id', '=', 'u.id')
                  .where('g.kind', '=', 'user')
                  .where('g.tenant_id', '=', t),
              ),
            ]),
          );
        if (objectId !== undefined) q = q.where('u.id', '=', objectId);
        objects = (await q.orderBy('u.logon_id').execute()).map((u) => ({
          id: u.id,
          name: u.deleted === 1 ? `${u.logon_id} (deleted)` : u.logon_id,
        }));
      } else {
        const table = kind === 'workgroup' ? 'agent_group' : kind === 'skill' ? 'skill' : 'wrapup_code';
        let q = db.selectFrom(table).select(['id', 'name']).where('tenant_id', '=', t);
        if (objectId !== undefined) q = q.where('id', '=', objectId);
        objects = await q.orderBy('name').execute();
      }
      let sq = db
        .selectFrom('genesys_sync_status')
        .select(['object_id', 'status', 'message', 'last_synced_at', 'object_name'])
        .where('tenant_id', '=', t)
        .where('kind', '=', kind as Exclude<typeof kind, 'queueMembers'>);
      if (objectId !== undefined) sq = sq.where('object_id', '=', objectId);
      const status = new Map((await sq.execute()).map((s) => [s.object_id, s]));
      if (kind === 'user') {
        // A user deleted for good: the record of its deactivation in Genesys Cloud, by its last name.
        const known = new Set(objects.map((o) => o.id));
        for (const st of status.values())
          if (!known.has(st.object_id))
            objects.push({ id: st.object_id, name: `${st.object_name ?? `#${st.object_id}`} (deleted)` });
      }
      return objects.map((o): SyncRecord => {
        const s = status.get(o.id);
        return {
          kind,
          objectId: o.id,
          name: o.name,
          status: s?.status ?? 'Not synced',
          message: s?.message ?? null,
          lastSynchronized: s?.last_synced_at ?? null,
        };
      });
    },

    async health(_a, ctx) {
      return sync.health(tenantFor(ctx));
    },

    async userProfiles(_a, ctx) {
      const t = tenantFor(ctx);
      const rows = await k()
        .selectFrom('cc_user as u')
        .leftJoin('genesys_user_profile as p', 'p.user_id', 'u.id')
        .select(['u.id', 'u.logon_id', 'p.business_email', 'p.display_name'])
        .where('u.tenant_id', '=', t)
        .where('u.deleted', '=', 0)
        .orderBy('u.logon_id')
        .execute();
      return rows.map((r) => ({
        userId: r.id,
        logonId: r.logon_id,
        businessEmail: r.business_email ?? '',
        displayName: r.display_name ?? '',
      }));
    },

    async setUserProfile({ userId, businessEmail, displayName }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, async (w) => {
        const u = await w.tx
          .selectFrom('cc_user')
          .select(['id', 'logon_id', 'user_type_id'])
          .where('id', '=', userId)
          .where('tenant_id', '=', t)
          .executeTakeFirst();
        if (!u) throw new ServiceError('NOT_FOUND', `User ${userId} is not in this tenant.`, 'userId');
        if (u.logon_id.toLowerCase() === 'purecloudadmin')
          throw new ServiceError(
            'INVALID',
            'PureCloudAdmin is the integration’s own user: do not modify it.',
            'userId',
          );
        // The same rule as every users write: never change a user whose type grants more than the caller's.
        await assertMayChangeUser(
          w.tx,
          t,
          { hostAdmin: ctx.principal.identity?.hostAdmin ?? false, permissions: ctx.principal.permissions },
          u,
        );
        const before = await w.tx
          .selectFrom('genesys_user_profile')
          .select(['business_email', 'display_name'])
          .where('user_id', '=', userId)
          .executeTakeFirst();
        await w.tx
          .insertInto('genesys_user_profile')
          .values({ user_id: userId, business_email: businessEmail, display_name: displayName })
          .onConflict((oc) =>
            oc.column('user_id').doUpdateSet({ business_email: businessEmail, display_name: displayName }),
          )
          .execute();
        w.audit({
          tenantId: t,
          action: 'genesys.userProfile',
          objectType: 'user',
          objectId: userId,
          objectName: u.logon_id,
          before: before ?? null,
          after: { business_email: businessEmail, display_name: displayName },
        });
        w.changed('genesys_user_profile', t, userId);
      });
      return { ok: true };
    },

    async skills(_a, ctx) {
      const t = tenantFor(ctx);
      const rows = await k()
        .selectFrom('skill as s')
        .leftJoin('genesys_skill_option as o', 'o.skill_id', 's.id')
        .select(['s.id', 's.name', 'o.treat_as_language'])
        .where('s.tenant_id', '=', t)
        .orderBy('s.name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, treatAsLanguage: r.treat_as_language === 1 }));
    },

    async setSkillLanguage({ skillId, treatAsLanguage }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, async (w) => {
        const s = await w.tx
          .selectFrom('skill')
          .select(['id', 'name'])
          .where('id', '=', skillId)
          .where('tenant_id', '=', t)
          .executeTakeFirst();
        if (!s) throw new ServiceError('NOT_FOUND', `Skill ${skillId} is not in this tenant.`, 'skillId');
        const v = treatAsLanguage ? 1 : 0;
        await w.tx
          .insertInto('genesys_skill_option')
          .values({ skill_id: skillId, treat_as_language: v })
          .onConflict((oc) => oc.column('skill_id').doUpdateSet({ treat_as_language: v }))
          .execute();
        w.audit({
          tenantId: t,
          action: 'genesys.skillLanguage',
          objectType: 'skill',
          objectId: skillId,
          objectName: s.name,
          after: { treatAsLanguage },
        });
        w.changed('genesys_skill_option', t, skillId);
      });
      return { ok: true };
    },

    async wrapupCodes(_a, ctx) {
      const t = tenantFor(ctx);
      return k()
        .selectFrom('wrapup_code')
        .select(['id', 'name', 'version'])
        .where('tenant_id', '=', t)
        .orderBy('name')
        .execute();
    },

    async saveWrapupCode({ id, expectedVersion, name }, ctx) {
      const t = tenantFor(ctx);
      const duplicate = () =>
        new ServiceError('CONFLICT', `A wrap-up code named ${name} already exists in this tenant.`, 'name', {
          rule: 'duplicate',
        });
      const taken = await k()
        .selectFrom('wrapup_code')
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
              .insertInto('wrapup_code')
              .values({ tenant_id: t, name, updated_at: w.now, updated_by: w.actor.logonId })
              .returning('id')
              .executeTakeFirstOrThrow();
            savedId = r.id;
          } else {
            const cur = await w.tx
              .selectFrom('wrapup_code')
              .select('id')
              .where('id', '=', id)
              .where('tenant_id', '=', t)
              .executeTakeFirst();
            if (!cur) throw new ServiceError('NOT_FOUND', `Wrap-up code ${id} is not in this tenant.`, 'id');
            await updateVersioned(w, 'wrapup_code', { column: 'id', value: id }, expectedVersion, { name });
          }
          w.audit({
            tenantId: t,
            action: id === null ? 'wrapupCode.create' : 'wrapupCode.update',
            objectType: 'wrapup_code',
            objectId: savedId,
            objectName: name,
            after: { name },
          });
          w.changed('wrapup_code', t, savedId);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicate();
        throw err;
      }
      return k()
        .selectFrom('wrapup_code')
        .select(['id', 'name', 'version'])
        .where('id', '=', savedId)
        .executeTakeFirstOrThrow();
    },

    async deleteWrapupCode({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      await tx(ctx, async (w) => {
        const cur = await w.tx
          .selectFrom('wrapup_code')
          .selectAll()
          .where('id', '=', id)
          .where('tenant_id', '=', t)
          .executeTakeFirst();
        if (!cur) throw new ServiceError('NOT_FOUND', `Wrap-up code ${id} is not in this tenant.`, 'id');
        if (cur.version !== expectedVersion)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${cur.version}].`,
            { expectedVersion, version: cur.version, updatedBy: cur.updated_by, updatedAt: cur.updated_at },
          );
        await w.tx.deleteFrom('wrapup_code').where('id', '=', id).execute();
        w.audit({
          tenantId: t,
          action: 'wrapupCode.delete',
          objectType: 'wrapup_code',
          objectId: id,
          objectName: cur.name,
          before: { name: cur.name },
        });
        w.changed('wrapup_code', t, id);
      });
      return { ok: true };
    },
  };
}
