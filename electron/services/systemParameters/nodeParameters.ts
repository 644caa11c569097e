import { hostname as osHostname } from 'node:os';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  SecureCertificate,
  cloudAuthProblems,
  defaultBaseUrl,
  webServerProblems,
  type CloudAuthDoc,
  type FieldProblem,
  type SecureCertificateDoc,
  type WebServerDoc,
  type systemParametersService as Contract,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import type { SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import type { CallContext, ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { identityOf } from '../scope';
import { certificateKeyName, generateSecureCertificate, type StoredCertificate } from './secureCertificate';
import { readPage, writePage } from './store';

/**
 * Secure communications certificate, Cloud services authentication data and Web server settings:
 * installation-wide rows in system_node (migration 029). Read with System read; changed only by a
 * host administrator with System write (as the proxy). Secrets (the certificate's private key, the
 * Client secret) go to this computer's keychain only: never the database, the audit, a log or the
 * renderer.
 */

type K = Kysely<Database>;
type Node = Pick<
  ServiceImpl<typeof Contract>,
  | 'getSecureCertificate'
  | 'exportSecureCertificate'
  | 'generateSecureCertificate'
  | 'getCloudAuth'
  | 'saveCloudAuth'
  | 'forgetCloudAuth'
  | 'getWebServer'
  | 'saveWebServer'
  | 'forgetWebServer'
>;

const StoredCert = z.object({ certificate: SecureCertificate.extend({ pem: z.string() }).nullable() });
const StoredCloud = z.object({ clientId: z.string().nullable() });
const StoredWeb = z.object({ baseUrl: z.string().nullable() });
type StoredCert = z.infer<typeof StoredCert>;

const readCert = (k: K) => readPage(k, null, 'secureCertificate', StoredCert, { certificate: null }, 'system_node');
const readCloud = (k: K) => readPage(k, null, 'cloudAuth', StoredCloud, { clientId: null }, 'system_node');
const readWeb = (k: K) => readPage(k, null, 'webServer', StoredWeb, { baseUrl: null }, 'system_node');

/** The Client secret's keychain entry, bound to the Client ID it was saved with. */
export const cloudSecretKey = (clientId: string) => `cloud-auth:${clientId}`;

/** Installation-wide settings: a host administrator's, whatever the System permission. */
function assertHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError(
      'FORBIDDEN',
      `Only a host administrator can change ${what}: it applies to the whole installation, every tenant.`,
    );
}

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0)
    throw new ServiceError('INVALID', problems[0]!.message, problems[0]!.field, { rule: 'field' });
}

async function keychainReady(secrets: SecretStore, what: string): Promise<void> {
  const ok = await secrets.available();
  if (!ok.ok) throw new ServiceError('UNAVAILABLE', `The keychain is not available, so ${what}: ${ok.reason}`);
}

/** The public part of a stored certificate, for the audit (no PEM: it is long and says nothing more). */
const auditCert = (c: StoredCert['certificate']) => (c ? { ...c, pem: undefined } : null);

export function createNodeParametersImpl(deps: ServiceDeps): Node {
  const hostname = osHostname;
  const { data, secrets } = deps;
  const k = () => data.require().kysely;
  const mayChange = (ctx: CallContext) => identityOf(ctx).hostAdmin;
  const has = (key: string) => secrets.has(key).catch(() => false);

  const certDoc = async (ctx: CallContext): Promise<SecureCertificateDoc> => {
    const s = await readCert(k());
    const c = s.settings.certificate;
    return {
      certificate: c
        ? { commonName: c.commonName, validFrom: c.validFrom, validTo: c.validTo, sha256: c.sha256 }
        : null,
      hostname: hostname(),
      keyOnThisComputer: c ? await has(certificateKeyName(c.sha256)) : false,
      version: s.version,
      updatedBy: s.updatedBy,
      updatedAt: s.updatedAt,
      mayChange: mayChange(ctx),
    };
  };
  const cloudDoc = async (ctx: CallContext): Promise<CloudAuthDoc> => {
    const s = await readCloud(k());
    const id = s.settings.clientId;
    return {
      clientId: id,
      secretSet: id ? await has(cloudSecretKey(id)) : false,
      version: s.version,
      updatedBy: s.updatedBy,
      updatedAt: s.updatedAt,
      mayChange: mayChange(ctx),
    };
  };
  const webDoc = async (ctx: CallContext): Promise<WebServerDoc> => {
    const s = await readWeb(k());
    return {
      baseUrl: s.settings.baseUrl,
      defaultUrl: defaultBaseUrl(hostname()),
      version: s.version,
      updatedBy: s.updatedBy,
      updatedAt: s.updatedAt,
      mayChange: mayChange(ctx),
    };
  };

  return {
    getSecureCertificate: (_args, ctx) => certDoc(ctx),

    async exportSecureCertificate() {
      const c = (await readCert(k())).settings.certificate;
      if (!c)
        throw new ServiceError(
          'NOT_FOUND',
          'There is no secure communications certificate yet: a host administrator opening this page generates it.',
        );
      const safe = c.commonName.replace(/[^A-Za-z0-9._-]+/g, '_') || 'console';
      return { fileName: `${safe}-certificate.pem`, text: c.pem };
    },

    async generateSecureCertificate({ expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'the secure communications certificate');
      const before = (await readCert(k())).settings.certificate;
      await keychainReady(secrets, 'the certificate’s private key cannot be stored');
      const { certificate, keychainValue } = await generateSecureCertificate(hostname());
      const newKey = certificateKeyName(certificate.sha256);
      // The key first, under the new certificate's own name: a failed save then removes it again.
      await secrets.set(newKey, keychainValue);
      try {
        await writePage(data, ctx, {
          tenantId: null,
          page: 'secureCertificate',
          expectedVersion,
          settings: { certificate } satisfies { certificate: StoredCertificate },
          objectType: 'secure-certificate',
          objectName: 'Secure communications certificate',
          audit: { before: { certificate: auditCert(before) }, after: { certificate: auditCert(certificate) } },
          table: 'system_node',
        });
      } catch (e) {
        await secrets.clear(newKey).catch(() => {});
        throw e;
      }
      if (before) await secrets.clear(certificateKeyName(before.sha256)).catch(() => {});
      return certDoc(ctx);
    },

    getCloudAuth: (_args, ctx) => cloudDoc(ctx),

    async saveCloudAuth({ expectedVersion, draft }, ctx) {
      assertHostAdmin(ctx, 'the cloud services authentication data');
      refuse(cloudAuthProblems(draft));
      const stored = (await readCloud(k())).settings.clientId;
      if (stored !== null)
        throw new ServiceError(
          'INVALID',
          `Credentials are saved using Client ID ${stored}: Forget them first, then enter the new ones.`,
          'clientId',
          { rule: 'forgetFirst' },
        );
      await keychainReady(secrets, 'the Client secret cannot be saved');
      const clientId = draft.clientId.trim();
      const key = cloudSecretKey(clientId);
      await secrets.set(key, draft.clientSecret.trim());
      try {
        await writePage(data, ctx, {
          tenantId: null,
          page: 'cloudAuth',
          expectedVersion,
          settings: { clientId },
          objectType: 'cloud-auth',
          objectName: 'Cloud services authentication data',
          // Whether a secret was saved, never the secret.
          audit: { before: { clientId: null }, after: { clientId, keychainEntry: true } },
          table: 'system_node',
        });
      } catch (e) {
        await secrets.clear(key).catch(() => {});
        throw e;
      }
      return cloudDoc(ctx);
    },

    async forgetCloudAuth({ expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'the cloud services authentication data');
      const stored = (await readCloud(k())).settings.clientId;
      // Refuse before the row changes: a forgotten Client ID whose secret stays behind would be a lie.
      if (stored) await keychainReady(secrets, 'the Client secret cannot be removed');
      await writePage(data, ctx, {
        tenantId: null,
        page: 'cloudAuth',
        expectedVersion,
        settings: { clientId: null },
        objectType: 'cloud-auth',
        objectName: 'Cloud services authentication data',
        audit: { before: { clientId: stored }, after: { clientId: null, keychainEntry: false } },
        table: 'system_node',
      });
      // After the commit: the keychain follows the row.
      if (stored) await secrets.clear(cloudSecretKey(stored));
      return cloudDoc(ctx);
    },

    getWebServer: (_args, ctx) => webDoc(ctx),

    async saveWebServer({ expectedVersion, baseUrl }, ctx) {
      assertHostAdmin(ctx, 'the web server settings');
      refuse(webServerProblems(baseUrl));
      const before = (await readWeb(k())).settings;
      await writePage(data, ctx, {
        tenantId: null,
        page: 'webServer',
        expectedVersion,
        settings: { baseUrl: baseUrl.trim() },
        objectType: 'web-server-settings',
        objectName: 'Web server settings',
        audit: { before },
        table: 'system_node',
      });
      return webDoc(ctx);
    },

    async forgetWebServer({ expectedVersion }, ctx) {
      assertHostAdmin(ctx, 'the web server settings');
      const before = (await readWeb(k())).settings;
      await writePage(data, ctx, {
        tenantId: null,
        page: 'webServer',
        expectedVersion,
        settings: { baseUrl: null },
        objectType: 'web-server-settings',
        objectName: 'Web server settings',
        audit: { before },
        table: 'system_node',
      });
      return webDoc(ctx);
    },
  };
}
