import type { ServiceImpl } from '../../ipc/router';
import type { CircuitConfig, ssoService as Contract } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceDeps } from '../deps';
import { actorOf, tenantFor } from '../scope';
import { httpsUrl, tenantName, circuitSecretKey } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** A tenant's Circuit configuration; the client secret lives in the OS keychain (circuitSecretKey). */
export function circuitMethods(deps: ServiceDeps): Pick<Impl, 'getCircuit' | 'saveCircuit'> {
  const { data } = deps;
  const k = () => data.require().kysely;

  async function circuitOf(tenantId: number): Promise<CircuitConfig> {
    const name = await tenantName(k(), tenantId);
    const r = await k().selectFrom('circuit_config').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    const users = await k()
      .selectFrom('cc_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', tenantId)
      .where('deleted', '=', 0)
      .where('circuit_user', 'is not', null)
      .executeTakeFirstOrThrow();
    // An unavailable keychain reads as "not set".
    const secretSet = await deps.secrets.has(circuitSecretKey(data.status().profileId, tenantId)).catch(() => false);
    return {
      tenantId,
      tenantName: name,
      enabled: r?.enabled === 1,
      clientId: r?.client_id ?? '',
      clientSecretSet: secretSet,
      agentPortalUrl: r?.agent_portal_url ?? '',
      circuitLoginUrl: r?.circuit_login_url ?? '',
      circuitUsers: Number(users.n),
      version: r?.version ?? 0,
    };
  }

  return {
    getCircuit: (args, ctx) => circuitOf(tenantFor(ctx, args.tenantId)),

    async saveCircuit(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      const agentPortalUrl = args.agentPortalUrl
        ? httpsUrl(args.agentPortalUrl, 'Agent Portal URL', 'agentPortalUrl')
        : '';
      if (agentPortalUrl && !/^https:\/\/[^/]+\/agentportal\/?$/i.test(agentPortalUrl)) {
        throw new ServiceError(
          'INVALID',
          'Agent Portal URL follows the pattern https://<yourDomain>/agentportal.',
          'agentPortalUrl',
        );
      }
      const circuitLoginUrl = args.circuitLoginUrl
        ? httpsUrl(args.circuitLoginUrl, 'Circuit Login URL', 'circuitLoginUrl')
        : '';
      const key = circuitSecretKey(data.status().profileId, tenantId);
      const secretWillBeSet =
        args.clientSecret === undefined ? await deps.secrets.has(key).catch(() => false) : args.clientSecret !== '';
      if (args.enabled) {
        if (!args.clientId)
          throw new ServiceError('INVALID', 'Client ID is required to enable Circuit Sign-on.', 'clientId');
        if (!secretWillBeSet)
          throw new ServiceError('INVALID', 'Client secret is required to enable Circuit Sign-on.', 'clientSecret');
        if (!agentPortalUrl)
          throw new ServiceError(
            'INVALID',
            'Agent Portal URL is required to enable Circuit Sign-on.',
            'agentPortalUrl',
          );
        if (!circuitLoginUrl)
          throw new ServiceError(
            'INVALID',
            'Circuit Login URL is required to enable Circuit Sign-on.',
            'circuitLoginUrl',
          );
      }
      const name = await tenantName(k(), tenantId);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('circuit_config')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .executeTakeFirst();
        const values = {
          enabled: args.enabled ? 1 : 0,
          client_id: args.clientId || null,
          agent_portal_url: agentPortalUrl || null,
          circuit_login_url: circuitLoginUrl || null,
        };
        const after = {
          enabled: args.enabled,
          clientId: values.client_id,
          agentPortalUrl: values.agent_portal_url,
          circuitLoginUrl: values.circuit_login_url,
          clientSecret: args.clientSecret === undefined ? 'unchanged' : args.clientSecret ? 'set' : 'removed',
        };
        if (!row) {
          if (args.expectedVersion !== 0)
            throw staleVersionError(
              `The version you supplied [${args.expectedVersion}] does not match the current version [0]: reload.`,
              { expectedVersion: args.expectedVersion, version: 0 },
            );
          await w.tx
            .insertInto('circuit_config')
            .values({ tenant_id: tenantId, ...values, updated_at: w.now, updated_by: w.actor.logonId })
            .execute();
          w.audit({
            tenantId,
            action: 'create',
            objectType: 'circuit-sign-on',
            objectId: tenantId,
            objectName: name,
            after,
          });
        } else {
          await updateVersioned(
            w,
            'circuit_config',
            { column: 'tenant_id', value: tenantId },
            args.expectedVersion,
            values,
          );
          w.audit({
            tenantId,
            action: 'update',
            objectType: 'circuit-sign-on',
            objectId: tenantId,
            objectName: name,
            before: {
              enabled: row.enabled === 1,
              clientId: row.client_id,
              agentPortalUrl: row.agent_portal_url,
              circuitLoginUrl: row.circuit_login_url,
            },
            after,
          });
        }
        w.changed('circuit_config', tenantId, tenantId);
        // Last, inside the transaction: if the keychain refuses, nothing is saved (no plaintext fallback).
        try {
          if (args.clientSecret) await deps.secrets.set(key, args.clientSecret);
          else if (args.clientSecret === '') await deps.secrets.clear(key);
        } catch (err) {
          throw new ServiceError(
            'UNAVAILABLE',
            `The client secret could not be stored in the OS keychain, so nothing was saved: ${(err as Error).message}`,
            'clientSecret',
          );
        }
      });
      return circuitOf(tenantId);
    },
  };
}
