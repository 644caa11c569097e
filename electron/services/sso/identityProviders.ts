import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ssoService as Contract } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  certificatesToPin,
  certificateInfo,
  checkEntityIdUrl,
  normalizeCertificate,
  normalizeFingerprint,
  parseIdpMetadata,
  SsoInputError,
} from '../../domain/sso';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceDeps } from '../deps';
import { actorOf } from '../scope';
import { isForeignKeyViolation, isUniqueViolation, listIdps } from './samlRepo';
import { requireHostAdmin, field, httpsUrl, refuseUnusable, duplicateIdp } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** SAML Identity Providers (system-wide): typed in or imported from metadata, previewed, deleted. */
export function identityProviderMethods(
  deps: ServiceDeps,
): Pick<
  Impl,
  | 'listIdentityProviders'
  | 'saveIdentityProvider'
  | 'previewMetadata'
  | 'importIdentityProvider'
  | 'deleteIdentityProvider'
> {
  const { data } = deps;
  const k = () => data.require().kysely;

  return {
    listIdentityProviders: () => listIdps(k()),

    async saveIdentityProvider(args, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      const entityId = field('entityId', 'Entity ID', () => checkEntityIdUrl(args.entityId));
      const ssoUrl = httpsUrl(args.ssoUrl, 'SSO url', 'ssoUrl');
      if (!args.usernameMatch)
        throw new ServiceError(
          'INVALID',
          'Username match is required (the claim the IdP returns to compare with the contact center user name).',
          'usernameMatch',
        );
      const sloUrl = args.sloUrl ? httpsUrl(args.sloUrl, 'Single logout service url', 'sloUrl') : null;
      const sloResponseUrl = args.sloResponseUrl
        ? httpsUrl(args.sloResponseUrl, 'Single logout service response url', 'sloResponseUrl')
        : null;
      if (sloResponseUrl && !sloUrl)
        throw new ServiceError(
          'INVALID',
          'Single logout service response url needs a Single logout service url.',
          'sloResponseUrl',
        );
      let certificates: string[] = [];
      let fingerprint: string | null = null;
      let algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null = null;
      if (args.trust.kind === 'certificate') {
        const c = args.trust.certificate;
        const cert = field('certificate', 'Public x509 certificate', () => normalizeCertificate(c));
        refuseUnusable(cert, 'certificate', 'Public x509 certificate');
        certificates = [cert];
      } else {
        const t = args.trust;
        fingerprint = field('fingerprint', 'Certificate fingerprint', () =>
          normalizeFingerprint(t.fingerprint, t.algorithm),
        );
        algorithm = t.algorithm;
      }
      const values = {
        entity_id: entityId,
        sso_url: ssoUrl,
        username_match: args.usernameMatch,
        slo_url: sloUrl,
        slo_response_url: sloResponseUrl,
        certificates: JSON.stringify(certificates),
        fingerprint,
        fingerprint_algorithm: algorithm,
      };
      const id = await saveIdp(ctx, args.id, args.expectedVersion, values, 'manual', false);
      return (await listIdps(k())).find((i) => i.id === id)!;
    },

    async previewMetadata({ metadata, metadataSigningCertificate }) {
      const m = readMetadata(metadata, metadataSigningCertificate);
      const existing = await k()
        .selectFrom('saml_identity_provider')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', m.entityId.toLowerCase()))
        .executeTakeFirst();
      return { ...m, existingId: existing?.id ?? null };
    },

    async importIdentityProvider({ usernameMatch, metadata, metadataSigningCertificate }, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      if (!usernameMatch)
        throw new ServiceError(
          'INVALID',
          'Username match is required before importing (the claim the IdP returns to compare with the contact ' +
            'center user name).',
          'usernameMatch',
        );
      const m = readMetadata(metadata, metadataSigningCertificate);
      // Only usable certificates are pinned (the preview lists the others as not usable); none usable refuses.
      let pinned: string[];
      try {
        pinned = certificatesToPin(m.certificates);
      } catch (err) {
        throw new ServiceError('INVALID', (err as Error).message, 'metadata');
      }
      const existing = await k()
        .selectFrom('saml_identity_provider')
        .select(['id', 'version'])
        .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', m.entityId.toLowerCase()))
        .executeTakeFirst();
      const values = {
        entity_id: m.entityId,
        sso_url: m.ssoUrl,
        username_match: usernameMatch,
        slo_url: m.sloUrl,
        slo_response_url: m.sloResponseUrl,
        certificates: JSON.stringify(pinned),
        fingerprint: null,
        fingerprint_algorithm: null,
      };
      // Re-importing the same IdP's metadata updates it: that is how a certificate rollover arrives.
      const id = await saveIdp(ctx, existing?.id, existing?.version, values, 'metadata', m.signature === 'valid');
      return (await listIdps(k())).find((i) => i.id === id)!;
    },

    async deleteIdentityProvider({ id, expectedVersion }, ctx) {
      requireHostAdmin(ctx, 'Identity Providers');
      const users = (await listIdps(k())).find((i) => i.id === id)?.usedBy ?? [];
      if (users.length > 0)
        throw new ServiceError(
          'INVALID',
          `The Identity Provider is used by ${users.length === 1 ? 'tenant' : 'tenants'} ${users.join(', ')}; ` +
            `choose another one there first.`,
        );
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          const row = await w.tx
            .selectFrom('saml_identity_provider')
            .select(['entity_id', 'version'])
            .where('id', '=', id)
            .executeTakeFirst();
          if (!row) throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists.');
          if (row.version !== expectedVersion)
            throw staleVersionError(
              `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: ` +
                `reload.`,
              { expectedVersion: expectedVersion, version: Number(row.version) },
            );
          await w.tx.deleteFrom('saml_identity_provider').where('id', '=', id).execute();
          w.audit({
            tenantId: null,
            action: 'delete',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: row.entity_id,
            before: { entityId: row.entity_id },
          });
          w.changed('saml_identity_provider', null, id);
        });
      } catch (err) {
        if (isForeignKeyViolation(err))
          throw new ServiceError(
            'INVALID',
            'The Identity Provider is used by a tenant; choose another one there first.',
          );
        throw err;
      }
      return {};
    },
  };

  function readMetadata(metadata: string, signingCert: string | undefined) {
    if (!metadata.trim())
      throw new ServiceError('INVALID', 'Metadata Content is empty: upload the metadata file or paste it.', 'metadata');
    const cert = signingCert
      ? field('metadataSigningCertificate', 'Metadata signing certificate', () => normalizeCertificate(signingCert))
      : null;
    if (cert) refuseUnusable(cert, 'metadataSigningCertificate', 'Metadata signing certificate');
    try {
      return parseIdpMetadata(metadata, new Date(), { metadataSigningCertificate: cert });
    } catch (err) {
      if (err instanceof SsoInputError) throw new ServiceError('INVALID', err.message, 'metadata');
      throw err;
    }
  }

  async function saveIdp(
    ctx: CallContext,
    id: number | undefined,
    expectedVersion: number | undefined,
    values: {
      entity_id: string;
      sso_url: string;
      username_match: string;
      slo_url: string | null;
      slo_response_url: string | null;
      certificates: string;
      fingerprint: string | null;
      fingerprint_algorithm: 'SHA1' | 'SHA256' | 'SHA384' | 'SHA512' | null;
    },
    source: 'manual' | 'metadata',
    signed: boolean,
  ): Promise<number> {
    const after = {
      entityId: values.entity_id,
      ssoUrl: values.sso_url,
      usernameMatch: values.username_match,
      sloUrl: values.slo_url,
      sloResponseUrl: values.slo_response_url,
      certificates: (JSON.parse(values.certificates) as string[]).map((c) => certificateInfo(c, new Date()).sha256),
      fingerprint: values.fingerprint,
      source,
    };
    try {
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const clash = await w.tx
          .selectFrom('saml_identity_provider')
          .select('id')
          .where((eb) => eb(eb.fn('lower', ['entity_id']), '=', values.entity_id.toLowerCase()))
          .executeTakeFirst();
        if (clash && clash.id !== id) throw duplicateIdp(values.entity_id);
        if (id === undefined) {
          id = (
            await w.tx
              .insertInto('saml_identity_provider')
              .values({
                ...values,
                source,
                metadata_signed: signed ? 1 : 0,
                updated_at: w.now,
                updated_by: w.actor.logonId,
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
          w.audit({
            tenantId: null,
            action: 'create',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: values.entity_id,
            after,
          });
        } else {
          const before = await w.tx
            .selectFrom('saml_identity_provider')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          if (!before)
            throw new ServiceError('NOT_FOUND', 'The Identity Provider no longer exists: another console deleted it.');
          await updateVersioned(w, 'saml_identity_provider', { column: 'id', value: id }, expectedVersion ?? -1, {
            ...values,
            source,
            metadata_signed: signed ? 1 : 0,
          });
          w.audit({
            tenantId: null,
            action: 'update',
            objectType: 'saml-identity-provider',
            objectId: id,
            objectName: values.entity_id,
            before: {
              entityId: before.entity_id,
              ssoUrl: before.sso_url,
              usernameMatch: before.username_match,
              sloUrl: before.slo_url,
              certificates: (JSON.parse(before.certificates) as string[]).length,
            },
            after,
          });
        }
        w.changed('saml_identity_provider', null, id);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicateIdp(values.entity_id);
      throw err;
    }
    return id!;
  }
}
