import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  CLIP_LIMIT,
  DIALOGFLOW_API_URL,
  GOOGLE_TOKEN_URL,
  GRAPH_URL,
  MS_AUTHORITY_URL,
  SpeechConfig,
  VaAction,
  type CalendarDoc,
  type ClipRow,
  type RestClientRow,
  type VaActionRow,
  type VaAgentRow,
  type VaProfileInput,
  type VaProfileRow,
  type webManagerService as Contract,
} from '../../contract/services/webManager';
import type { Database } from '../../connectors/db/schema';
import { transact, updateVersioned, type Work } from '../../connectors/db/unitOfWork';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { actorOf, identityOf, tenantFor } from '../scope';
import { dialogflowTest, parseServiceAccountKey } from './google';
import { calendarTest } from './msGraph';
import { generateToken } from './tokens';
import './schema';

type ProfileRow = Selectable<Database['va_profile']>;

/** Keychain entries. A profile's secrets are bound to the profile id; the Google key also to its fingerprint. */
export const secretKeys = {
  restClient: (id: number) => `webmanager:rest-sdk:${id}`,
  clientToken: (id: number) => `webmanager:va:${id}:client-token`,
  connectorToken: (id: number) => `webmanager:va:${id}:connector-token`,
  defaultPassword: (id: number) => `webmanager:va:${id}:default-agent-password`,
  gcpKey: (id: number, fingerprint: string) => `webmanager:va:${id}:gcp-key:${fingerprint}`,
  /** Bound to the app registration: another Client ID or Tenant Id has no secret until one is entered. */
  calendar: (tenantId: number, clientId: string, directoryTenantId: string) =>
    `webmanager:calendar:${tenantId}:${clientId.toLowerCase()}:${directoryTenantId.toLowerCase()}`,
};

/**
 * Virtual Agents and REST SDK clients serve the whole installation (seed: "a SYSTEM wide
 * configuration", set by the Master Administrator): only a host administrator changes them.
 */
function assertHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError(
      'FORBIDDEN',
      `Only a host administrator can change ${what}: it applies to the whole installation, every tenant.`,
    );
}

const uniqueViolation = (err: unknown): string | null => {
  const e = err as { code?: string; message?: string; constraint?: string };
  if (e?.code === '23505') return `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (/UNIQUE constraint failed/i.test(e?.message ?? '')) return e.message ?? '';
  return null;
};

const notFound = (what: string, field = 'id') =>
  new ServiceError('NOT_FOUND', `${what} does not exist (another console may have deleted it).`, field);

function staleOnCreate(expectedVersion: number): void {
  if (expectedVersion !== 0)
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match: a new item starts at version 0.`,
      { expectedVersion, version: 0 },
    );
}

async function deleteVersioned(
  w: Work,
  table: 'wm_rest_client' | 'wm_clip' | 'va_profile' | 'va_action',
  id: number,
  expectedVersion: number,
  current: { version: number; updated_by: string; updated_at: string; name: string },
): Promise<void> {
  const res = await w.tx
    .deleteFrom(table)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) !== 1)
    throw staleVersionError(
      `The version you supplied [${expectedVersion}] does not match the current version [${current.version}]: ` +
        `${current.updated_by} changed ${current.name} at ${current.updated_at}. Reload first.`,
      {
        expectedVersion,
        version: Number(current.version),
        updatedBy: current.updated_by,
        updatedAt: `${current.updated_at}`,
      },
    );
}

/** Why a user cannot be a virtual agent, in the seed's words; null = can. */
export function virtualAgentRefusal(u: {
  password_type: string;
  automatic_post_processing: number;
  mandatory_wrap_up_reason: number;
}): string | null {
  if (u.password_type === 'windows')
    return 'uses Windows logon (Virtual Agents support only the OpenScape Contact Center password type)';
  if (u.password_type === 'saml2')
    return 'uses SAML2 SSO (Virtual Agents support only the OpenScape Contact Center password type)';
  if (u.automatic_post_processing === 1) return 'has Automatic Post-processing set (not supported by Virtual Agent)';
  if (u.mandatory_wrap_up_reason === 1) return 'has Mandatory wrap-up reason set (not supported by Virtual Agent)';
  return null;
}

const originOf = (url: string): string => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};
const sameOrigin = (a: string, b: string) => originOf(a) === originOf(b);

function profileInput(r: ProfileRow): VaProfileInput {
  return {
    name: r.name,
    type: r.type as VaProfileInput['type'],
    url: r.url,
    projectId: r.project_id,
    tokenEndpoint: r.token_endpoint || GOOGLE_TOKEN_URL,
    apiEndpoint: r.api_endpoint || DIALOGFLOW_API_URL,
    fallbackMessage: r.fallback_message,
    sessionTimeoutMin: r.session_timeout_min,
    timeoutMessage: r.timeout_message,
    speech: SpeechConfig.parse(JSON.parse(r.speech)),
  };
}

const profileColumns = (p: VaProfileInput) => ({
  name: p.name,
  type: p.type,
  url: p.type === 'dialogflow' ? p.url : '',
  project_id: p.type === 'dialogflowV2' ? p.projectId : '',
  token_endpoint: p.type === 'dialogflowV2' ? p.tokenEndpoint : '',
  api_endpoint: p.type === 'dialogflowV2' ? p.apiEndpoint : '',
  fallback_message: p.fallbackMessage,
  session_timeout_min: p.sessionTimeoutMin,
  timeout_message: p.timeoutMessage,
  speech: JSON.stringify(p.speech),
});

function actionOf(r: Selectable<Database['va_action']>): VaAction {
  return VaAction.parse({ ...JSON.parse(r.config), kind: r.kind, name: r.name });
}
const actionConfig = (a: VaAction) => {
  const { kind, name, ...rest } = a;
  void kind;
  void name;
  return JSON.stringify(rest);
};

export interface WebManagerOptions {
  /** The Dialogflow session id of a Test (random by default). */
  sessionId?: () => string;
}

export function createWebManagerService(deps: ServiceDeps, opts: WebManagerOptions = {}): ServiceImpl<typeof Contract> {
  const { data, secrets, log } = deps;
  const k = (): Kysely<Database> => data.require().kysely;
  const has = (key: string) => secrets.has(key).catch(() => false);

  const needKeychain = async (field: string) => {
    const ok = await secrets.available();
    if (!ok.ok)
      throw new ServiceError(
        'UNAVAILABLE',
        `The OS keychain is not available, so the secret cannot be stored (nothing was saved): ${ok.reason}`,
        field,
      );
  };
  const storeSecrets = async (pairs: Array<[string, string | undefined, string]>) => {
    for (const [key, value, field] of pairs) {
      if (value === undefined) continue;
      try {
        await secrets.set(key, value);
      } catch (err) {
        throw new ServiceError(
          'UNAVAILABLE',
          `Saved, but the OS keychain refused the secret: ${err instanceof Error ? err.message : String(err)}`,
          field,
        );
      }
    }
  };
  const readSecret = async (key: string, field: string, what: string) => {
    try {
      return await secrets.get(key);
    } catch (err) {
      throw new ServiceError(
        'UNAVAILABLE',
        `The OS keychain is not available, so the stored ${what} cannot be read: ` +
          `${err instanceof Error ? err.message : String(err)}`,
        field,
      );
    }
  };

  // ─── REST SDK ───
  const restRow = async (r: Selectable<Database['wm_rest_client']>): Promise<RestClientRow> => ({
    id: r.id,
    version: r.version,
    name: r.name,
    tokenSet: await has(secretKeys.restClient(r.id)),
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  });
  const findRest = async (id: number) => {
    const r = await k().selectFrom('wm_rest_client').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound(`REST SDK client ${id}`);
    return r;
  };

  // ─── CLIP ───
  const findClip = async (tenantId: number, id: number) => {
    const r = await k()
      .selectFrom('wm_clip')
      .selectAll()
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!r) throw notFound(`CLIP number ${id}`);
    return r;
  };

  // ─── Virtual Agents ───
  const findProfile = async (id: number, field = 'id'): Promise<ProfileRow> => {
    const r = await k().selectFrom('va_profile').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound(`Virtual Agent profile ${id}`, field);
    return r;
  };
  const profileRow = async (r: ProfileRow): Promise<VaProfileRow> => {
    const count = async (table: 'va_agent' | 'va_action') =>
      Number(
        (
          await k()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('profile_id', '=', r.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      id: r.id,
      version: r.version,
      profile: profileInput(r),
      clientTokenSet: r.type === 'dialogflow' && (await has(secretKeys.clientToken(r.id))),
      connectorTokenSet: r.type === 'connector' && (await has(secretKeys.connectorToken(r.id))),
      keySet:
        r.type === 'dialogflowV2' && !!r.key_fingerprint && (await has(secretKeys.gcpKey(r.id, r.key_fingerprint))),
      keyClientEmail: r.key_client_email,
      keyId: r.key_id,
      defaultPasswordSet: await has(secretKeys.defaultPassword(r.id)),
      agents: await count('va_agent'),
      actions: await count('va_action'),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  };
  const clearProfileSecrets = async (r: ProfileRow) => {
    const keys = [secretKeys.clientToken(r.id), secretKeys.connectorToken(r.id), secretKeys.defaultPassword(r.id)];
    if (r.key_fingerprint) keys.push(secretKeys.gcpKey(r.id, r.key_fingerprint));
    for (const key of keys) await secrets.clear(key).catch(() => {});
  };

  // ─── Exchange Calendar ───
  const calendarDoc = async (tenantId: number): Promise<CalendarDoc> => {
    const r = await k().selectFrom('wm_calendar').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!r)
      return {
        version: 0,
        settings: {
          enabled: false,
          clientId: '',
          directoryTenantId: '',
          authorityUrl: MS_AUTHORITY_URL,
          graphUrl: GRAPH_URL,
        },
        secretSet: false,
        updatedBy: '',
        updatedAt: '',
      };
    return {
      version: r.version,
      settings: {
        enabled: r.enabled === 1,
        clientId: r.client_id,
        directoryTenantId: r.directory_tenant_id,
        authorityUrl: r.authority_url,
        graphUrl: r.graph_url,
      },
      secretSet: await has(secretKeys.calendar(tenantId, r.client_id, r.directory_tenant_id)),
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  };

  return {
    // ───────────── REST SDK ─────────────
    async listRestClients() {
      const rows = await k().selectFrom('wm_rest_client').selectAll().orderBy('name').execute();
      return Promise.all(rows.map(restRow));
    },

    async generateToken(_args, ctx) {
      assertHostAdmin(ctx, 'tokens');
      return { token: generateToken() };
    },

    async saveRestClient({ id, expectedVersion, name, token }, ctx) {
      assertHostAdmin(ctx, 'REST SDK clients');
      if (id === null && token === undefined)
        throw new ServiceError('INVALID', 'Client Token is mandatory: type one or generate one with Reload.', 'token');
      if (token !== undefined) await needKeychain('token');
      let rowId: number;
      try {
        rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          let before: Selectable<Database['wm_rest_client']> | undefined;
          let saved: number;
          if (id === null) {
            staleOnCreate(expectedVersion);
            saved = Number(
              (
                await w.tx
                  .insertInto('wm_rest_client')
                  .values({ name, updated_at: w.now, updated_by: w.actor.logonId })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
            );
          } else {
            before = await w.tx.selectFrom('wm_rest_client').selectAll().where('id', '=', id).executeTakeFirst();
            if (!before) throw notFound(`REST SDK client ${id}`);
            await updateVersioned(w, 'wm_rest_client', { column: 'id', value: id }, expectedVersion, { name });
            saved = id;
          }
          w.audit({
            tenantId: null,
            action: before ? 'update' : 'create',
            objectType: 'rest-sdk-client',
            objectId: String(saved),
            objectName: name,
            before: before ? { name: before.name } : undefined,
            after: { name, tokenChanged: token !== undefined },
          });
          w.changed('wm_rest_client', null, saved);
          return saved;
        });
      } catch (err) {
        if (uniqueViolation(err))
          throw new ServiceError(
            'CONFLICT',
            `A REST SDK client named ${name} already exists (names ignore case).`,
            'name',
            {
              rule: 'duplicate',
            },
          );
        throw err;
      }
      await storeSecrets([[secretKeys.restClient(rowId), token, 'token']]);
      return restRow(await findRest(rowId));
    },

    async deleteRestClient({ id, expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'REST SDK clients');
      const r = await findRest(id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await deleteVersioned(w, 'wm_rest_client', id, expectedVersion, r);
        w.audit({
          tenantId: null,
          action: 'delete',
          objectType: 'rest-sdk-client',
          objectId: String(id),
          objectName: r.name,
        });
        w.changed('wm_rest_client', null, id);
      });
      await secrets.clear(secretKeys.restClient(id)).catch(() => {});
      return { ok: true };
    },

    // ───────────── CLIP ─────────────
    async listClip({ tenantId }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const rows = await k()
        .selectFrom('wm_clip')
        .select(['id', 'version', 'number', 'name'])
        .where('tenant_id', '=', t)
        .orderBy('slot')
        .execute();
      return { items: rows, limit: CLIP_LIMIT };
    },

    async saveClip({ tenantId, id, expectedVersion, item }, ctx): Promise<ClipRow> {
      const t = tenantFor(ctx, tenantId);
      try {
        const rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          let before: Selectable<Database['wm_clip']> | undefined;
          let saved: number;
          if (id === null) {
            staleOnCreate(expectedVersion);
            const used = new Set(
              (await w.tx.selectFrom('wm_clip').select('slot').where('tenant_id', '=', t).execute()).map((r) => r.slot),
            );
            const slot = Array.from({ length: CLIP_LIMIT }, (_, i) => i + 1).find((s) => !used.has(s));
            if (slot === undefined)
              throw new ServiceError(
                'INVALID',
                `This tenant already has ${CLIP_LIMIT} CLIP numbers: you can add up to ten numbers per tenant.`,
                'number',
                { rule: 'max_items', limit: CLIP_LIMIT },
              );
            saved = Number(
              (
                await w.tx
                  .insertInto('wm_clip')
                  .values({ tenant_id: t, slot, ...item, updated_at: w.now, updated_by: w.actor.logonId })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
            );
          } else {
            before = await w.tx
              .selectFrom('wm_clip')
              .selectAll()
              .where('id', '=', id)
              .where('tenant_id', '=', t)
              .executeTakeFirst();
            if (!before) throw notFound(`CLIP number ${id}`);
            await updateVersioned(w, 'wm_clip', { column: 'id', value: id }, expectedVersion, item);
            saved = id;
          }
          w.audit({
            tenantId: t,
            action: before ? 'update' : 'create',
            objectType: 'clip-number',
            objectId: String(saved),
            objectName: item.name,
            before: before ? { number: before.number, name: before.name } : undefined,
            after: item,
          });
          w.changed('wm_clip', t, saved);
          return saved;
        });
        const r = await findClip(t, rowId);
        return { id: r.id, version: r.version, number: r.number, name: r.name };
      } catch (err) {
        const u = uniqueViolation(err);
        if (u && /number/.test(u))
          throw new ServiceError(
            'CONFLICT',
            `The CLIP number ${item.number} is already in this tenant's list.`,
            'number',
            {
              rule: 'duplicate',
            },
          );
        if (u)
          throw new ServiceError(
            'CONFLICT',
            'Another console added a CLIP number at the same time; reload the list and try again.',
            'number',
            { rule: 'max_items', limit: CLIP_LIMIT },
          );
        throw err;
      }
    },

    async deleteClip({ tenantId, id, expectedVersion }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const r = await findClip(t, id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await deleteVersioned(w, 'wm_clip', id, expectedVersion, r);
        w.audit({
          tenantId: t,
          action: 'delete',
          objectType: 'clip-number',
          objectId: String(id),
          objectName: r.name,
          before: { number: r.number, name: r.name },
        });
        w.changed('wm_clip', t, id);
      });
      return { ok: true };
    },

    // ───────────── Virtual Agents ─────────────
    async listProfiles() {
      const rows = await k().selectFrom('va_profile').selectAll().orderBy('name').execute();
      return Promise.all(rows.map(profileRow));
    },

    async saveProfile(
      { id, expectedVersion, profile, clientToken, connectorToken, keyFile, defaultAgentPassword },
      ctx,
    ) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const before = id === null ? undefined : await findProfile(id);
      const setNow = async (key: (id: number) => string) => (before ? has(key(before.id)) : false);
      // Secrets for another type are refused, not silently dropped.
      if (clientToken !== undefined && profile.type !== 'dialogflow')
        throw new ServiceError('INVALID', 'A Client Token is only for Dialogflow profiles.', 'clientToken');
      if (connectorToken !== undefined && profile.type !== 'connector')
        throw new ServiceError('INVALID', 'A Connector Token is only for Connector profiles.', 'connectorToken');
      if (keyFile !== undefined && profile.type !== 'dialogflowV2')
        throw new ServiceError('INVALID', 'A token file is only for Dialogflow V2 profiles.', 'keyFile');
      if (defaultAgentPassword === undefined && !(await setNow(secretKeys.defaultPassword)))
        throw new ServiceError('INVALID', 'Default Agent Password is mandatory.', 'defaultAgentPassword');
      if (profile.type === 'dialogflow' && clientToken === undefined && !(await setNow(secretKeys.clientToken)))
        throw new ServiceError('INVALID', 'Client Token is mandatory for a Dialogflow profile.', 'clientToken');
      if (profile.type === 'connector' && connectorToken === undefined && !(await setNow(secretKeys.connectorToken)))
        throw new ServiceError('INVALID', 'Connector Token is mandatory: generate one with Reload.', 'connectorToken');

      // A stored secret is only sent to the host it was stored for: moving the token endpoint
      // (where the key-signed assertion goes) or the Dialogflow URL (where the Client Token goes)
      // to another host needs the secret entered again.
      if (before && before.type === profile.type) {
        const prior = profileInput(before);
        if (
          profile.type === 'dialogflowV2' &&
          keyFile === undefined &&
          !sameOrigin(prior.tokenEndpoint, profile.tokenEndpoint)
        )
          throw new ServiceError(
            'INVALID',
            `Token endpoint: the stored token file is only sent to ${originOf(prior.tokenEndpoint)}; ` +
              'add the token file again to use another endpoint.',
            'keyFile',
            { rule: 'secretHost' },
          );
        if (profile.type === 'dialogflow' && clientToken === undefined && !sameOrigin(prior.url, profile.url))
          throw new ServiceError(
            'INVALID',
            `URL: the stored Client Token is only sent to ${originOf(prior.url)}; type the Client Token again ` +
              'to use another URL.',
            'clientToken',
            { rule: 'secretHost' },
          );
      }

      // Dialogflow V2: the key, validated; the Project ID must be the key's.
      const key = keyFile !== undefined ? parseServiceAccountKey(keyFile) : undefined;
      const keptKey =
        !key && before?.type === 'dialogflowV2' && before.key_fingerprint
          ? { fingerprint: before.key_fingerprint, projectId: before.project_id }
          : undefined;
      if (profile.type === 'dialogflowV2') {
        if (!key && !keptKey)
          throw new ServiceError(
            'INVALID',
            'A Dialogflow V2 profile needs its token file (Add Token File).',
            'keyFile',
          );
        if (key && key.projectId !== profile.projectId)
          throw new ServiceError(
            'INVALID',
            `Project ID ${profile.projectId} differs from the token file's project_id ${key.projectId}: ` +
              'the key belongs to another Google Cloud project.',
            'projectId',
          );
        if (!key && keptKey && keptKey.projectId !== profile.projectId)
          throw new ServiceError(
            'INVALID',
            `Project ID ${profile.projectId} differs from the stored token file's project (${keptKey.projectId}): ` +
              'add the token file of that project.',
            'projectId',
          );
      }
      if (clientToken !== undefined || connectorToken !== undefined || key || defaultAgentPassword !== undefined)
        await needKeychain(key ? 'keyFile' : 'defaultAgentPassword');

      let rowId: number;
      try {
        rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          const cols = {
            ...profileColumns(profile),
            ...(profile.type !== 'dialogflowV2'
              ? { key_fingerprint: null, key_client_email: null, key_id: null }
              : key
                ? { key_fingerprint: key.fingerprint, key_client_email: key.clientEmail, key_id: key.privateKeyId }
                : {}),
          };
          let saved: number;
          if (!before) {
            staleOnCreate(expectedVersion);
            saved = Number(
              (
                await w.tx
                  .insertInto('va_profile')
                  .values({
                    key_fingerprint: null,
                    key_client_email: null,
                    key_id: null,
                    ...cols,
                    updated_at: w.now,
                    updated_by: w.actor.logonId,
                  })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
            );
          } else {
            await updateVersioned(w, 'va_profile', { column: 'id', value: before.id }, expectedVersion, cols);
            saved = before.id;
          }
          w.audit({
            tenantId: null,
            action: before ? 'update' : 'create',
            objectType: 'virtual-agent-profile',
            objectId: String(saved),
            objectName: profile.name,
            before: before ? profileInput(before) : undefined,
            // Which secrets changed, never the secrets (the key only by its fingerprint).
            after: {
              ...profile,
              keyFingerprint: key?.fingerprint ?? keptKey?.fingerprint ?? null,
              clientTokenChanged: clientToken !== undefined,
              connectorTokenChanged: connectorToken !== undefined,
              keyFileChanged: key !== undefined,
              defaultAgentPasswordChanged: defaultAgentPassword !== undefined,
            },
          });
          w.changed('va_profile', null, saved);
          return saved;
        });
      } catch (err) {
        const u = uniqueViolation(err);
        if (u && /ux_va_profile_key|key_fingerprint/.test(u))
          throw new ServiceError(
            'CONFLICT',
            'This token file is already used by another Virtual Agent profile: each profile must be configured ' +
              'with a different GCP token.',
            'keyFile',
            { rule: 'duplicate' },
          );
        if (u)
          throw new ServiceError(
            'CONFLICT',
            `A Virtual Agent profile named ${profile.name} already exists (names ignore case).`,
            'name',
            { rule: 'duplicate' },
          );
        throw err;
      }
      // Secrets of the old type, or of a replaced key, are removed.
      if (before) {
        if (profile.type !== 'dialogflow') await secrets.clear(secretKeys.clientToken(rowId)).catch(() => {});
        if (profile.type !== 'connector') await secrets.clear(secretKeys.connectorToken(rowId)).catch(() => {});
        if (
          before.key_fingerprint &&
          (profile.type !== 'dialogflowV2' || (key && key.fingerprint !== before.key_fingerprint))
        )
          await secrets.clear(secretKeys.gcpKey(rowId, before.key_fingerprint)).catch(() => {});
      }
      await storeSecrets([
        [secretKeys.clientToken(rowId), clientToken, 'clientToken'],
        [secretKeys.connectorToken(rowId), connectorToken, 'connectorToken'],
        [secretKeys.defaultPassword(rowId), defaultAgentPassword, 'defaultAgentPassword'],
        ...(key ? [[secretKeys.gcpKey(rowId, key.fingerprint), keyFile, 'keyFile'] as [string, string, string]] : []),
      ]);
      return profileRow(await findProfile(rowId));
    },

    async deleteProfile({ id, expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const r = await findProfile(id);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await w.tx.deleteFrom('va_agent').where('profile_id', '=', id).execute();
        await w.tx.deleteFrom('va_action').where('profile_id', '=', id).execute();
        await deleteVersioned(w, 'va_profile', id, expectedVersion, r);
        w.audit({
          tenantId: null,
          action: 'delete',
          objectType: 'virtual-agent-profile',
          objectId: String(id),
          objectName: r.name,
          before: profileInput(r),
        });
        w.changed('va_profile', null, id);
      });
      await clearProfileSecrets(r);
      return { ok: true };
    },

    async testProfile({ id, text }, ctx) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const r = await findProfile(id);
      if (r.type !== 'dialogflowV2' || !r.key_fingerprint)
        throw new ServiceError('INVALID', 'Test is for Dialogflow V2 profiles with a token file.', 'id');
      const stored = await readSecret(secretKeys.gcpKey(r.id, r.key_fingerprint), 'keyFile', 'token file');
      if (!stored) throw new ServiceError('INVALID', `No token file is stored for ${r.name}: add it again.`, 'keyFile');
      const p = profileInput(r);
      const started = Date.now();
      try {
        return await dialogflowTest(parseServiceAccountKey(stored), {
          projectId: p.projectId,
          tokenEndpoint: p.tokenEndpoint,
          apiEndpoint: p.apiEndpoint,
          text,
          sessionId: opts.sessionId?.() ?? randomUUID(),
        });
      } catch (err) {
        log.info('dialogflow test failed', {
          profile: r.name,
          ms: Date.now() - started,
          code: err instanceof ServiceError ? err.code : 'error',
        });
        throw err;
      }
    },

    async listAgents({ filter }): Promise<VaAgentRow[]> {
      let q = k()
        .selectFrom('cc_user as u')
        .innerJoin('tenant as t', 't.id', 'u.tenant_id')
        .innerJoin('agent_group as g', 'g.id', 'u.agent_group_id')
        .leftJoin('va_agent as a', 'a.user_id', 'u.id')
        .leftJoin('va_profile as p', 'p.id', 'a.profile_id')
        .select([
          'u.id',
          'u.logon_id',
          'u.first_name',
          'u.last_name',
          'u.password_type',
          'u.automatic_post_processing',
          'u.mandatory_wrap_up_reason',
          't.name as tenant',
          'g.name as agent_group',
          'a.profile_id',
          'p.name as profile_name',
        ])
        .where('u.deleted', '=', 0);
      const f = filter.trim().toLowerCase();
      if (f) {
        const like = `%${f.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['u.logon_id']), 'like', like),
            eb(eb.fn('lower', ['u.first_name']), 'like', like),
            eb(eb.fn('lower', ['u.last_name']), 'like', like),
            eb(eb.fn('lower', ['g.name']), 'like', like),
          ]),
        );
      }
      const rows = await q.orderBy('t.name').orderBy('u.logon_id').limit(1000).execute();
      return rows.map((u) => ({
        userId: u.id,
        logonId: u.logon_id,
        name: [u.first_name, u.last_name].filter(Boolean).join(' ') || u.logon_id,
        tenant: u.tenant,
        agentGroup: u.agent_group,
        profileId: u.profile_id ?? null,
        profileName: u.profile_name ?? null,
        refusal: virtualAgentRefusal(u),
      }));
    },

    async setAgents({ profileId, expectedVersion, userIds }, ctx) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const p = await findProfile(profileId, 'profileId');
      const ids = [...new Set(userIds)];
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const users = ids.length
          ? await w.tx
              .selectFrom('cc_user as u')
              .leftJoin('va_agent as a', 'a.user_id', 'u.id')
              .leftJoin('va_profile as p', 'p.id', 'a.profile_id')
              .select([
                'u.id',
                'u.logon_id',
                'u.deleted',
                'u.password_type',
                'u.automatic_post_processing',
                'u.mandatory_wrap_up_reason',
                'a.profile_id',
                'p.name as profile_name',
              ])
              .where('u.id', 'in', ids)
              // PostgreSQL: a user save running now (its guard, virtualAgentGuard.ts) finishes first, and one
              // starting now waits for this one; SQLite runs one write transaction at a time.
              .$if(!w.sqlite, (q) => q.forShare('u'))
              .execute()
          : [];
        const byId = new Map(users.map((u) => [u.id, u]));
        const refusals: string[] = [];
        let firstField: string | undefined;
        userIds.forEach((uid, i) => {
          const u = byId.get(uid);
          const why = !u || u.deleted === 1 ? null : virtualAgentRefusal(u);
          if (!u || u.deleted === 1) refusals.push(`user ${uid} does not exist`);
          else if (why) refusals.push(`${u.logon_id} ${why}`);
          else if (u.profile_id != null && u.profile_id !== profileId)
            refusals.push(
              `${u.logon_id} is already a virtual agent of ${u.profile_name} (an agent belongs to one profile)`,
            );
          else return;
          firstField ??= `userIds.${i}`;
        });
        if (refusals.length)
          throw new ServiceError('INVALID', `Cannot assign as virtual agents: ${refusals.join('; ')}.`, firstField);
        const current = (
          await w.tx.selectFrom('va_agent').select('user_id').where('profile_id', '=', profileId).execute()
        ).map((r) => r.user_id);
        await updateVersioned(w, 'va_profile', { column: 'id', value: profileId }, expectedVersion, {});
        const removed = current.filter((u) => !ids.includes(u));
        const added = ids.filter((u) => !current.includes(u));
        if (removed.length) await w.tx.deleteFrom('va_agent').where('user_id', 'in', removed).execute();
        if (added.length)
          await w.tx
            .insertInto('va_agent')
            .values(added.map((user_id) => ({ user_id, profile_id: profileId })))
            .execute();
        w.audit({
          tenantId: null,
          action: 'update',
          objectType: 'virtual-agent-profile',
          objectId: String(profileId),
          objectName: p.name,
          before: { agents: current },
          after: { agents: ids, added, removed },
        });
        w.changed('va_profile', null, profileId);
        w.changed('va_agent', null, profileId);
      }).catch((err: unknown) => {
        if (uniqueViolation(err))
          throw new ServiceError(
            'CONFLICT',
            'Another console assigned one of these agents to another profile at the same time; reload and try again.',
            'userIds',
            { rule: 'duplicate' },
          );
        throw err;
      });
      return profileRow(await findProfile(profileId));
    },

    async listActions({ profileId }): Promise<VaActionRow[]> {
      await findProfile(profileId, 'profileId');
      const rows = await k()
        .selectFrom('va_action')
        .selectAll()
        .where('profile_id', '=', profileId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ id: r.id, version: r.version, action: actionOf(r) }));
    },

    async saveAction({ profileId, id, expectedVersion, action }, ctx) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const p = await findProfile(profileId, 'profileId');
      if (action.kind === 'requeueSpeech' && p.type !== 'dialogflowV2')
        throw new ServiceError(
          'INVALID',
          'A Speech requeue action is only for Dialogflow V2 profiles (speech).',
          'action.kind',
        );
      try {
        const rowId = await transact(data.require(), actorOf(ctx), data, async (w) => {
          let before: Selectable<Database['va_action']> | undefined;
          let saved: number;
          const cols = { name: action.name, kind: action.kind, config: actionConfig(action) };
          if (id === null) {
            staleOnCreate(expectedVersion);
            saved = Number(
              (
                await w.tx
                  .insertInto('va_action')
                  .values({ profile_id: profileId, ...cols, updated_at: w.now, updated_by: w.actor.logonId })
                  .returning('id')
                  .executeTakeFirstOrThrow()
              ).id,
            );
          } else {
            before = await w.tx
              .selectFrom('va_action')
              .selectAll()
              .where('id', '=', id)
              .where('profile_id', '=', profileId)
              .executeTakeFirst();
            if (!before) throw notFound(`Action ${id}`);
            await updateVersioned(w, 'va_action', { column: 'id', value: id }, expectedVersion, cols);
            saved = id;
          }
          w.audit({
            tenantId: null,
            action: before ? 'update' : 'create',
            objectType: 'virtual-agent-action',
            objectId: String(saved),
            objectName: `${p.name} › ${action.name}`,
            before: before ? actionOf(before) : undefined,
            after: action,
          });
          w.changed('va_action', null, saved);
          return saved;
        });
        const r = await k().selectFrom('va_action').selectAll().where('id', '=', rowId).executeTakeFirstOrThrow();
        return { id: r.id, version: r.version, action: actionOf(r) };
      } catch (err) {
        if (uniqueViolation(err))
          throw new ServiceError(
            'CONFLICT',
            `${p.name} already has an action named ${action.name} (names ignore case).`,
            'action.name',
            { rule: 'duplicate' },
          );
        throw err;
      }
    },

    async deleteAction({ profileId, id, expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'Virtual Agents');
      const r = await k()
        .selectFrom('va_action')
        .selectAll()
        .where('id', '=', id)
        .where('profile_id', '=', profileId)
        .executeTakeFirst();
      if (!r) throw notFound(`Action ${id}`);
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        await deleteVersioned(w, 'va_action', id, expectedVersion, r);
        w.audit({
          tenantId: null,
          action: 'delete',
          objectType: 'virtual-agent-action',
          objectId: String(id),
          objectName: r.name,
          before: actionOf(r),
        });
        w.changed('va_action', null, id);
      });
      return { ok: true };
    },

    // ───────────── Exchange Calendar ─────────────
    async getCalendar({ tenantId }, ctx) {
      return calendarDoc(tenantFor(ctx, tenantId));
    },

    async saveCalendar({ tenantId, expectedVersion, settings, clientSecret }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const before = await calendarDoc(t);
      if (clientSecret !== undefined) {
        if (!settings.clientId || !settings.directoryTenantId)
          throw new ServiceError('INVALID', 'Enter the Client ID and Tenant Id the secret belongs to.', 'clientId');
        await needKeychain('clientSecret');
      }
      const cols = {
        enabled: settings.enabled ? 1 : 0,
        client_id: settings.clientId,
        directory_tenant_id: settings.directoryTenantId,
        authority_url: settings.authorityUrl,
        graph_url: settings.graphUrl,
      };
      const moved =
        before.version > 0 &&
        (before.settings.clientId.toLowerCase() !== settings.clientId.toLowerCase() ||
          before.settings.directoryTenantId.toLowerCase() !== settings.directoryTenantId.toLowerCase() ||
          // The secret goes to the authority's token endpoint: another authority needs it entered again.
          !sameOrigin(before.settings.authorityUrl, settings.authorityUrl));
      const secretAfter = clientSecret !== undefined || (!moved && before.secretSet);
      if (settings.enabled && !secretAfter)
        throw new ServiceError('INVALID', 'Client secret value is mandatory to enable the calendar.', 'clientSecret');
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        if (before.version === 0) {
          staleOnCreate(expectedVersion);
          await w.tx
            .insertInto('wm_calendar')
            .values({ tenant_id: t, ...cols, updated_at: w.now, updated_by: w.actor.logonId })
            .execute();
        } else {
          await updateVersioned(w, 'wm_calendar', { column: 'tenant_id', value: t }, expectedVersion, cols);
        }
        w.audit({
          tenantId: t,
          action: before.version === 0 ? 'create' : 'update',
          objectType: 'exchange-calendar',
          objectId: String(t),
          objectName: 'Exchange Calendar',
          before: before.version === 0 ? undefined : before.settings,
          after: { ...settings, clientSecretChanged: clientSecret !== undefined },
        });
        w.changed('wm_calendar', t, t);
      }).catch((err: unknown) => {
        if (uniqueViolation(err))
          throw staleVersionError('Another console saved these settings first. Reload first.', {
            expectedVersion,
            version: 1,
          });
        throw err;
      });
      if (moved)
        await secrets
          .clear(secretKeys.calendar(t, before.settings.clientId, before.settings.directoryTenantId))
          .catch(() => {});
      await storeSecrets([
        [secretKeys.calendar(t, settings.clientId, settings.directoryTenantId), clientSecret, 'clientSecret'],
      ]);
      return calendarDoc(t);
    },

    async testCalendar({ tenantId, upn }, ctx) {
      const t = tenantFor(ctx, tenantId);
      const doc = await calendarDoc(t);
      const s = doc.settings;
      if (!s.clientId || !s.directoryTenantId)
        throw new ServiceError('INVALID', 'Save the Client ID and Tenant Id first.', 'clientId');
      const secret = await readSecret(
        secretKeys.calendar(t, s.clientId, s.directoryTenantId),
        'clientSecret',
        'client secret',
      );
      if (!secret)
        throw new ServiceError('INVALID', 'No client secret value is stored: enter it and save.', 'clientSecret');
      return calendarTest({ ...s, clientSecret: secret, upn });
    },
  };
}
