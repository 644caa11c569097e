import { sql } from 'kysely';
import type { ServiceImpl } from '../../ipc/router';
import type { ssoService as Contract } from '../../contract';
import { transact, updateVersioned } from '../../connectors/db/unitOfWork';
import {
  applicationServerOf,
  buildSpMetadata,
  certificateInfo,
  normalizeCertificate,
  normalizeHostUrl,
  normalizePublicKey,
} from '../../domain/sso';
import { ServiceError, staleVersionError } from '../../ipc/errors';
import type { ServiceDeps } from '../deps';
import { actorOf } from '../scope';
import { isUniqueViolation, listSps } from './samlRepo';
import { requireHostAdmin, field, duplicateSp } from './common';

type Impl = ServiceImpl<typeof Contract>;

/** SAML Service Providers (system-wide, one per Application Server): list, save, delete, the SP metadata. */
export function serviceProviderMethods(
  deps: ServiceDeps,
): Pick<Impl, 'listServiceProviders' | 'saveServiceProvider' | 'deleteServiceProvider' | 'serviceProviderMetadata'> {
  const { data } = deps;
  const k = () => data.require().kysely;

  return {
    listServiceProviders: () => listSps(k()),

    async saveServiceProvider(args, ctx) {
      requireHostAdmin(ctx, 'Service Providers');
      const hostUrl = field('hostUrl', 'Host url', () => normalizeHostUrl(args.hostUrl));
      const certificate = args.certificate
        ? field('certificate', 'Certificate', () => normalizeCertificate(args.certificate!))
        : null;
      const publicKey = args.publicKey
        ? field('publicKey', 'Public key', () => normalizePublicKey(args.publicKey!, certificate))
        : null;
      let id = args.id;
      try {
        await transact(data.require(), actorOf(ctx), data, async (w) => {
          // Seed 000: each Service Provider is a role of a different Application Server —
          // one per scheme + host + port, whatever the path. PostgreSQL: saves of Service
          // Providers take turns, so two consoles cannot both pass the check (SQLite's single
          // writer already refuses the second).
          if (!w.sqlite) await sql`lock table saml_service_provider in share row exclusive mode`.execute(w.tx);
          const server = applicationServerOf(hostUrl);
          const others = await w.tx.selectFrom('saml_service_provider').select(['id', 'host_url']).execute();
          const clash = others.find((o) => o.id !== id && applicationServerOf(o.host_url) === server);
          if (clash) throw duplicateSp(hostUrl, clash.host_url);
          const after = {
            hostUrl,
            certificate: certificate ? certificateInfo(certificate, new Date()).subject : null,
            publicKey: publicKey ? 'set' : null,
          };
          if (id === undefined) {
            id = (
              await w.tx
                .insertInto('saml_service_provider')
                .values({
                  host_url: hostUrl,
                  certificate,
                  public_key: publicKey,
                  updated_at: w.now,
                  updated_by: w.actor.logonId,
                })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
            w.audit({
              tenantId: null,
              action: 'create',
              objectType: 'saml-service-provider',
              objectId: id,
              objectName: hostUrl,
              after,
            });
          } else {
            const before = await w.tx
              .selectFrom('saml_service_provider')
              .select(['host_url'])
              .where('id', '=', id)
              .executeTakeFirst();
            if (!before)
              throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists: another console deleted it.');
            await updateVersioned(w, 'saml_service_provider', { column: 'id', value: id }, args.expectedVersion ?? -1, {
              host_url: hostUrl,
              certificate,
              public_key: publicKey,
            });
            w.audit({
              tenantId: null,
              action: 'update',
              objectType: 'saml-service-provider',
              objectId: id,
              objectName: hostUrl,
              before: { hostUrl: before.host_url },
              after,
            });
          }
          w.changed('saml_service_provider', null, id);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateSp(hostUrl, hostUrl);
        throw err;
      }
      return (await listSps(k())).find((s) => s.id === id)!;
    },

    async deleteServiceProvider({ id, expectedVersion }, ctx) {
      requireHostAdmin(ctx, 'Service Providers');
      await transact(data.require(), actorOf(ctx), data, async (w) => {
        const row = await w.tx
          .selectFrom('saml_service_provider')
          .select(['host_url', 'version'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (!row) throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists.');
        if (row.version !== expectedVersion)
          throw staleVersionError(
            `The version you supplied [${expectedVersion}] does not match the current version [${row.version}]: ` +
              `reload.`,
            { expectedVersion: expectedVersion, version: Number(row.version) },
          );
        await w.tx.deleteFrom('saml_service_provider').where('id', '=', id).execute();
        w.audit({
          tenantId: null,
          action: 'delete',
          objectType: 'saml-service-provider',
          objectId: id,
          objectName: row.host_url,
          before: { hostUrl: row.host_url },
        });
        w.changed('saml_service_provider', null, id);
      });
      return {};
    },

    async serviceProviderMetadata({ id }) {
      const r = await k()
        .selectFrom('saml_service_provider')
        .select(['host_url', 'certificate'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!r) throw new ServiceError('NOT_FOUND', 'The Service Provider no longer exists.');
      const host = new URL(r.host_url).hostname.replace(/[^A-Za-z0-9.-]/g, '_');
      return {
        xml: buildSpMetadata({ hostUrl: r.host_url, certificate: r.certificate }),
        fileName: `OSCC_${host}_metadata.xml`,
      };
    },
  };
}
