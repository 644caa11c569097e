import type { Kysely, Selectable } from 'kysely';
import {
  loginHostOf,
  SMS_NUMBER_TYPES,
  smsNumberTypeOf,
  smsSearchPattern,
  type SmsClientInput,
  type SmsNumberRow,
  type genesysService as Contract,
} from '../../contract/services/genesys';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, tenantFor } from '../scope';
import { GenesysApiError, GenesysConnectionError, provisionedRoleDivisions, type GenesysClient } from './client';
import type { GenesysSync } from './sync';

type NumberRow = Selectable<Database['genesys_sms_number']>;
type ClientRow = Selectable<Database['genesys_sms_client']>;
type SmsMethods =
  | 'smsNumbers'
  | 'smsSearch'
  | 'smsProvision'
  | 'smsUpdate'
  | 'smsDelete'
  | 'smsClient'
  | 'smsClientSave'
  | 'smsClientDelete';

const NUMBERS = '/api/v2/routing/sms/phonenumbers';

/**
 * The webhook password of a number, bound to the MO URL's host: a password is only kept for the
 * webhook host it was entered for (another host needs it entered again).
 */
export const smsWebhookKey = (tenantId: number, phoneNumber: string, moUrl: string) =>
  `genesys:${tenantId}:sms:${phoneNumber}:${new URL(moUrl).host}:webhook-password`;
/** The SMS OAuth client's secret, bound to the region's login host. */
export const smsClientKey = (tenantId: number, region: string) =>
  `genesys:${tenantId}:${loginHostOf(region)}:sms-client-secret`;

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};

/**
 * SMS Provisioning and Manage Client Configuration (seed 004). The numbers' list and status come
 * from Genesys Cloud (the Platform API's SMS routes, through the tenant's OAuth client); the console
 * keeps what only it knows (E-Mail, Comment, webhook username, MO / DR URLs) and the secrets in the
 * keychain.
 */
export function createSmsService(deps: ServiceDeps, sync: GenesysSync): Pick<ServiceImpl<typeof Contract>, SmsMethods> {
  const { data, secrets } = deps;
  const k = (): Kysely<Database> => data.require().kysely;
  const tx = <T>(ctx: CallContext, fn: (w: Work) => Promise<T>) => transact(data.require(), actorOf(ctx), data, fn);
  const has = (key: string) => secrets.has(key).catch(() => false);

  const clientOf = async (t: number): Promise<{ client: GenesysClient; region: string }> => {
    const cfg = await k()
      .selectFrom('genesys_config')
      .select(['region', 'enabled', 'client_id'])
      .where('tenant_id', '=', t)
      .executeTakeFirst();
    const client = cfg?.client_id ? await sync.apiClient(t) : null;
    if (!cfg || cfg.enabled !== 1 || !client)
      throw new ServiceError(
        'INVALID',
        'Enable the Genesys Cloud integration and Apply (provision) it first: SMS provisioning uses its organization.',
        'enabled',
      );
    return { client, region: cfg.region };
  };
  /** The API's answer as a refusal naming the field it is about. */
  const api = async <T>(fn: () => Promise<T>, field?: string): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GenesysConnectionError)
        throw new ServiceError('UNAVAILABLE', `Genesys Cloud cannot be reached: ${err.message}`);
      if (err instanceof GenesysApiError)
        throw new ServiceError(err.status === 409 ? 'CONFLICT' : 'INVALID', `Genesys Cloud: ${err.message}`, field);
      throw err;
    }
  };
  const keychainAvailable = async (field: string) => {
    if (!(await secrets.available().catch(() => ({ ok: false }))).ok)
      throw new ServiceError(
        'UNAVAILABLE',
        'The OS keychain is not available: the secret is kept only there, so it cannot be saved.',
        field,
      );
  };

  const rowOf = async (r: NumberRow, remote?: { id: string; phoneNumberStatus?: string }): Promise<SmsNumberRow> => ({
    id: r.id,
    version: r.version,
    accountId: r.remote_id,
    number: r.phone_number,
    type: r.number_type,
    status: remote ? (remote.phoneNumberStatus ?? 'unknown') : 'Not in Genesys Cloud',
    email: r.email,
    comment: r.comment,
    webhookUsername: r.webhook_username,
    webhookPasswordSet: await has(smsWebhookKey(r.tenant_id, r.phone_number, r.mo_url)),
    moUrl: r.mo_url,
    drUrl: r.dr_url,
  });
  const findNumber = (t: number, id: number) =>
    k()
      .selectFrom('genesys_sms_number')
      .selectAll()
      .where('tenant_id', '=', t)
      .where('id', '=', id)
      .executeTakeFirst() as Promise<NumberRow | undefined>;
  const findClient = (t: number) =>
    k().selectFrom('genesys_sms_client').selectAll().where('tenant_id', '=', t).executeTakeFirst() as Promise<
      ClientRow | undefined
    >;
  const clientDoc = async (r: ClientRow, region: string) => ({
    config: {
      serviceName: r.service_name,
      durationSeconds: r.duration_seconds,
      status: r.status,
      description: r.description,
    },
    clientId: r.client_id,
    secretSet: await has(smsClientKey(r.tenant_id, region)),
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  });
  const regionOf = async (t: number) =>
    (await k().selectFrom('genesys_config').select('region').where('tenant_id', '=', t).executeTakeFirst())?.region ??
    '';
  // PUT replaces the whole client in Genesys Cloud, so both create and Apply send its role.
  const clientBody = async (client: GenesysClient, c: SmsClientInput) => ({
    name: c.serviceName,
    description: c.description,
    accessTokenValiditySeconds: c.durationSeconds,
    state: c.status,
    authorizedGrantType: 'CLIENT-CREDENTIALS',
    roleDivisions: await provisionedRoleDivisions(client),
  });

  return {
    async smsNumbers(_a, ctx) {
      const t = tenantFor(ctx);
      const { client } = await clientOf(t);
      const remote = await api(() =>
        client.all<{ id: string; phoneNumber: string; phoneNumberType: string; phoneNumberStatus?: string }>(
          NUMBERS,
          100,
        ),
      );
      const local = (await k()
        .selectFrom('genesys_sms_number')
        .selectAll()
        .where('tenant_id', '=', t)
        .orderBy('phone_number')
        .execute()) as NumberRow[];
      const byId = new Map(remote.map((r) => [r.id, r]));
      const out: SmsNumberRow[] = [];
      for (const r of local) out.push(await rowOf(r, r.remote_id ? byId.get(r.remote_id) : undefined));
      const mine = new Set(local.map((r) => r.remote_id));
      // Provisioned in Genesys Cloud by someone else: listed, without the console's details.
      for (const r of remote)
        if (!mine.has(r.id))
          out.push({
            id: null,
            version: null,
            accountId: r.id,
            number: r.phoneNumber,
            type: smsNumberTypeOf(r.phoneNumberType),
            status: r.phoneNumberStatus ?? 'unknown',
            email: '',
            comment: '',
            webhookUsername: '',
            webhookPasswordSet: false,
            moUrl: '',
            drUrl: '',
          });
      return out;
    },

    async smsSearch(v, ctx) {
      // Genesys Cloud's search (GET /api/v2/routing/sms/availablephonenumbers) takes country, type, region,
      // city, area code and a pattern, and its answers carry no postal code: a Postal Code cannot be honoured,
      // so it is refused rather than silently ignored.
      if (v.postalCode)
        throw new ServiceError(
          'INVALID',
          'Genesys Cloud’s number search has no Postal Code filter: search by City, State or Area Code instead.',
          'postalCode',
        );
      const t = tenantFor(ctx);
      const { client } = await clientOf(t);
      const q = new URLSearchParams({
        countryCode: v.country.toUpperCase(),
        phoneNumberType: SMS_NUMBER_TYPES[v.numberType],
      });
      if (v.state) q.set('region', v.state);
      if (v.city) q.set('city', v.city);
      if (v.areaCode) q.set('areaCode', v.areaCode);
      const pattern = smsSearchPattern(v);
      if (pattern) q.set('pattern', pattern);
      const r = await api(() =>
        client.request<{
          entities?: {
            phoneNumber: string;
            countryCode: string;
            region?: string | null;
            city?: string | null;
            addressRequirement?: string | null;
          }[];
        }>('GET', `/api/v2/routing/sms/availablephonenumbers?${q.toString()}`),
      );
      return (r.json.entities ?? []).slice(0, v.maxResults).map((e) => ({
        phoneNumber: e.phoneNumber,
        countryCode: e.countryCode,
        region: e.region ?? null,
        city: e.city ?? null,
        addressRequirement: e.addressRequirement ?? null,
      }));
    },

    async smsProvision(v, ctx) {
      const t = tenantFor(ctx);
      const { client } = await clientOf(t);
      const taken = await k()
        .selectFrom('genesys_sms_number')
        .select('id')
        .where('tenant_id', '=', t)
        .where('phone_number', '=', v.phoneNumber)
        .executeTakeFirst();
      if (taken)
        throw new ServiceError('CONFLICT', `${v.phoneNumber} is already provisioned for this tenant.`, 'phoneNumber', {
          rule: 'duplicate',
        });
      if (v.webhookPassword) await keychainAvailable('webhookPassword');
      const remote = await api(
        () =>
          client.request<{ id: string; phoneNumberStatus?: string }>('POST', NUMBERS, {
            phoneNumber: v.phoneNumber,
            phoneNumberType: SMS_NUMBER_TYPES[v.numberType],
            countryCode: v.country.toUpperCase(),
            name: v.comment || v.phoneNumber,
          }),
        'phoneNumber',
      );
      let id = 0;
      try {
        await tx(ctx, async (w) => {
          const r = await w.tx
            .insertInto('genesys_sms_number')
            .values({
              tenant_id: t,
              phone_number: v.phoneNumber,
              number_type: v.numberType,
              country: v.country.toUpperCase(),
              remote_id: remote.json.id,
              email: v.email,
              comment: v.comment,
              webhook_username: v.webhookUsername,
              mo_url: v.moUrl,
              dr_url: v.drUrl,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          id = r.id;
          w.audit({
            tenantId: t,
            action: 'genesys.smsProvision',
            objectType: 'genesys_sms_number',
            objectId: id,
            objectName: v.phoneNumber,
            after: {
              phoneNumber: v.phoneNumber,
              numberType: v.numberType,
              email: v.email,
              comment: v.comment,
              webhookUsername: v.webhookUsername,
              moUrl: v.moUrl,
              drUrl: v.drUrl,
              accountId: remote.json.id,
              // Whether a webhook password was entered, never the password.
              webhookPasswordChanged: !!v.webhookPassword,
            },
          });
          w.changed('genesys_sms_number', t, id);
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new ServiceError('CONFLICT', `${v.phoneNumber} is already provisioned for this tenant.`, 'phoneNumber');
        throw err;
      }
      if (v.webhookPassword) await secrets.set(smsWebhookKey(t, v.phoneNumber, v.moUrl), v.webhookPassword);
      return rowOf((await findNumber(t, id))!, remote.json);
    },

    async smsUpdate(v, ctx) {
      const t = tenantFor(ctx);
      const cur = await findNumber(t, v.id);
      if (!cur) throw new ServiceError('NOT_FOUND', `SMS number ${v.id} is not in this tenant.`, 'id');
      if (cur.version !== v.expectedVersion)
        throw staleVersionError(
          `The version you supplied [${v.expectedVersion}] does not match the current version [${cur.version}].`,
          {
            expectedVersion: v.expectedVersion,
            version: cur.version,
            updatedBy: cur.updated_by,
            updatedAt: cur.updated_at,
          },
        );
      const oldKey = smsWebhookKey(t, cur.phone_number, cur.mo_url);
      const newKey = smsWebhookKey(t, cur.phone_number, v.moUrl);
      // The password is bound to the MO URL's host: another host needs it entered again.
      if (oldKey !== newKey && !v.webhookPassword && (await has(oldKey)))
        throw new ServiceError(
          'INVALID',
          `Enter the Webhook Password again for ${new URL(v.moUrl).host}: ` +
            'a password is kept for its webhook host only.',
          'webhookPassword',
        );
      if (v.webhookPassword) await keychainAvailable('webhookPassword');
      const { client } = await clientOf(t);
      let remote: { id: string; phoneNumberStatus?: string } | undefined;
      if (cur.remote_id) {
        const id = cur.remote_id;
        const now = await api(() => client.request<{ version: number }>('GET', `${NUMBERS}/${encodeURIComponent(id)}`));
        remote = (
          await api(() =>
            client.request<{ id: string; phoneNumberStatus?: string }>('PUT', `${NUMBERS}/${encodeURIComponent(id)}`, {
              name: v.comment || cur.phone_number,
              version: now.json.version,
            }),
          )
        ).json;
      }
      await tx(ctx, async (w) => {
        await updateVersioned(w, 'genesys_sms_number', { column: 'id', value: v.id }, v.expectedVersion, {
          email: v.email,
          comment: v.comment,
          webhook_username: v.webhookUsername,
          mo_url: v.moUrl,
          dr_url: v.drUrl,
        });
        w.audit({
          tenantId: t,
          action: 'genesys.smsUpdate',
          objectType: 'genesys_sms_number',
          objectId: v.id,
          objectName: cur.phone_number,
          before: {
            email: cur.email,
            comment: cur.comment,
            webhookUsername: cur.webhook_username,
            moUrl: cur.mo_url,
            drUrl: cur.dr_url,
          },
          after: {
            email: v.email,
            comment: v.comment,
            webhookUsername: v.webhookUsername,
            moUrl: v.moUrl,
            drUrl: v.drUrl,
            webhookPasswordChanged: !!v.webhookPassword,
          },
        });
        w.changed('genesys_sms_number', t, v.id);
      });
      if (oldKey !== newKey) await secrets.clear(oldKey).catch(() => {});
      if (v.webhookPassword) await secrets.set(newKey, v.webhookPassword);
      return rowOf((await findNumber(t, v.id))!, remote);
    },

    async smsDelete({ id, expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      const cur = await findNumber(t, id);
      if (!cur) throw new ServiceError('NOT_FOUND', `SMS number ${id} is not in this tenant.`, 'id');
      if (cur.version !== expectedVersion)
        throw staleVersionError(
          `The version you supplied [${expectedVersion}] does not match the current version [${cur.version}].`,
          { expectedVersion, version: cur.version, updatedBy: cur.updated_by, updatedAt: cur.updated_at },
        );
      const { client } = await clientOf(t);
      if (cur.remote_id) {
        const rid = cur.remote_id;
        await api(async () => {
          try {
            await client.request('DELETE', `${NUMBERS}/${encodeURIComponent(rid)}`);
          } catch (err) {
            // Already deprovisioned in Genesys Cloud.
            if (!(err instanceof GenesysApiError && err.status === 404)) throw err;
          }
        });
      }
      await tx(ctx, async (w) => {
        await w.tx.deleteFrom('genesys_sms_number').where('id', '=', id).execute();
        w.audit({
          tenantId: t,
          action: 'genesys.smsDelete',
          objectType: 'genesys_sms_number',
          objectId: id,
          objectName: cur.phone_number,
          before: { phoneNumber: cur.phone_number, email: cur.email, accountId: cur.remote_id },
        });
        w.changed('genesys_sms_number', t, id);
      });
      await secrets.clear(smsWebhookKey(t, cur.phone_number, cur.mo_url)).catch(() => {});
      return { ok: true };
    },

    async smsClient(_a, ctx) {
      const t = tenantFor(ctx);
      const r = await findClient(t);
      return r ? clientDoc(r, await regionOf(t)) : null;
    },

    async smsClientSave({ expectedVersion, config }, ctx) {
      const t = tenantFor(ctx);
      const before = await findClient(t);
      const stale = (r: ClientRow) =>
        staleVersionError(
          `The version you supplied [${expectedVersion}] does not match the current version [${r.version}].`,
          { expectedVersion, version: r.version, updatedBy: r.updated_by, updatedAt: r.updated_at },
        );
      if (expectedVersion === 0 && before) throw stale(before);
      if (expectedVersion > 0 && !before)
        throw new ServiceError('NOT_FOUND', 'There is no client configuration: Create it first.', 'expectedVersion');
      if (before && before.version !== expectedVersion) throw stale(before);
      const { client, region } = await clientOf(t);
      if (!before) {
        await keychainAvailable('config.serviceName');
        const r = await api(
          async () =>
            client.request<{ id: string; secret?: string }>(
              'POST',
              '/api/v2/oauth/clients',
              await clientBody(client, config),
            ),
          'config.serviceName',
        );
        if (!r.json.secret) throw new ServiceError('INVALID', 'Genesys Cloud did not answer a client secret.');
        await secrets.set(smsClientKey(t, region), r.json.secret);
        await tx(ctx, async (w) => {
          await w.tx
            .insertInto('genesys_sms_client')
            .values({
              tenant_id: t,
              service_name: config.serviceName,
              client_id: r.json.id,
              duration_seconds: config.durationSeconds,
              status: config.status,
              description: config.description,
              updated_at: w.now,
              updated_by: w.actor.logonId,
            })
            .execute();
          w.audit({
            tenantId: t,
            action: 'genesys.smsClientCreate',
            objectType: 'genesys_sms_client',
            objectId: t,
            objectName: config.serviceName,
            // The client's id, never its secret.
            after: { ...config, clientId: r.json.id },
          });
          w.changed('genesys_sms_client', t, t);
        });
      } else {
        const id = before.client_id;
        await api(
          async () =>
            client.request('PUT', `/api/v2/oauth/clients/${encodeURIComponent(id)}`, await clientBody(client, config)),
          'config.serviceName',
        );
        await tx(ctx, async (w) => {
          await updateVersioned(w, 'genesys_sms_client', { column: 'tenant_id', value: t }, expectedVersion, {
            service_name: config.serviceName,
            duration_seconds: config.durationSeconds,
            status: config.status,
            description: config.description,
          });
          w.audit({
            tenantId: t,
            action: 'genesys.smsClientUpdate',
            objectType: 'genesys_sms_client',
            objectId: t,
            objectName: config.serviceName,
            before: {
              serviceName: before.service_name,
              durationSeconds: before.duration_seconds,
              status: before.status,
              description: before.description,
            },
            after: { ...config },
          });
          w.changed('genesys_sms_client', t, t);
        });
      }
      return clientDoc((await findClient(t))!, region);
    },

    async smsClientDelete({ expectedVersion }, ctx) {
      const t = tenantFor(ctx);
      const before = await findClient(t);
      if (!before)
        throw new ServiceError('NOT_FOUND', 'There is no client configuration to delete.', 'expectedVersion');
      if (before.version !== expectedVersion)
        throw staleVersionError(
          `The version you supplied [${expectedVersion}] does not match the current version [${before.version}].`,
          { expectedVersion, version: before.version, updatedBy: before.updated_by, updatedAt: before.updated_at },
        );
      const { client, region } = await clientOf(t);
      const id = before.client_id;
      await api(async () => {
        try {
          await client.request('DELETE', `/api/v2/oauth/clients/${encodeURIComponent(id)}`);
        } catch (err) {
          if (!(err instanceof GenesysApiError && err.status === 404)) throw err;
        }
      });
      await tx(ctx, async (w) => {
        await w.tx.deleteFrom('genesys_sms_client').where('tenant_id', '=', t).execute();
        w.audit({
          tenantId: t,
          action: 'genesys.smsClientDelete',
          objectType: 'genesys_sms_client',
          objectId: t,
          objectName: before.service_name,
          before: { serviceName: before.service_name, clientId: before.client_id },
        });
        w.changed('genesys_sms_client', t, t);
      });
      await secrets.clear(smsClientKey(t, region)).catch(() => {});
      return { ok: true };
    },
  };
}
