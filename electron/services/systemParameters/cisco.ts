import type { Kysely } from 'kysely';
import {
  CiscoTelephony,
  DEFAULT_CISCO,
  SHA256_FINGERPRINT,
  ciscoProblems,
  isHostName,
  type CiscoDraft,
  type FieldProblem,
  type systemParametersService as Contract,
} from '../../contract';
import type { Database } from '../../connectors/db/schema';
import type { SecretStore } from '../../connectors/keychain/secretStore';
import { ServiceError } from '../../ipc/errors';
import type { ServiceImpl } from '../../ipc/router';
import type { ServiceDeps } from '../deps';
import { tenantFor } from '../scope';
import { readServerCertificate, testAxl } from './ciscoAxl';
import { readPage, writePage } from './store';

type K = Kysely<Database>;
type Cisco = Pick<
  ServiceImpl<typeof Contract>,
  'getCiscoTelephony' | 'saveCiscoTelephony' | 'testCiscoAxl' | 'fetchCiscoCertificate'
>;

export const readCisco = (k: K, tenantId: number) =>
  readPage(k, tenantId, 'ciscoTelephony', CiscoTelephony, DEFAULT_CISCO, 'system_cisco');

/** The CallManager Password's keychain key: bound to the tenant, the host:port it is sent to and the user. */
export const ciscoSecretKey = (tenantId: number, s: Pick<CiscoTelephony, 'pbxAddress' | 'axlPort' | 'axlUsername'>) =>
  `cisco-axl:${tenantId}:${s.pbxAddress.trim().toLowerCase()}:${s.axlPort ?? ''}:${s.axlUsername}`;

function refuse(problems: FieldProblem[]): void {
  if (problems.length > 0)
    throw new ServiceError('INVALID', problems[0]!.message, problems[0]!.field, { rule: 'field' });
}

/** Server-side rules beyond the page's: the trusted certificate belongs to this host:port. */
function trustProblems(d: CiscoDraft): FieldProblem[] {
  const t = d.trusted;
  if (!t) return [];
  if (!SHA256_FINGERPRINT.test(t.sha256))
    return [{ field: 'trusted', message: 'The trusted certificate must be a SHA-256 fingerprint (32 hex pairs).' }];
  if (t.host.toLowerCase() !== d.pbxAddress.trim().toLowerCase() || t.port !== d.axlPort)
    return [
      {
        field: 'trusted',
        message:
          `The trusted certificate is for ${t.host}:${t.port}: ` +
          `download the certificate of ${d.pbxAddress.trim()}:${d.axlPort ?? ''} or remove the trust.`,
      },
    ];
  return [];
}

async function tenantName(k: K, tenantId: number): Promise<string> {
  const t = await k.selectFrom('tenant').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return t.name;
}

/**
 * The password a draft sends: the one typed, else the stored one only when host, port and
 * username are those it was stored for (a stored secret goes only to its own host); otherwise
 * refused at the password field.
 */
async function passwordFor(
  secrets: SecretStore,
  tenantId: number,
  stored: CiscoTelephony,
  d: CiscoDraft,
): Promise<string | null> {
  if (d.password) return d.password;
  if (!d.axlUsername) return null;
  const oldKey = ciscoSecretKey(tenantId, stored);
  const had = stored.axlUsername !== '' && (await secrets.has(oldKey).catch(() => false));
  if (had && oldKey !== ciscoSecretKey(tenantId, d))
    throw new ServiceError(
      'INVALID',
      `Enter the CallManager Password again: the stored one is for ${stored.axlUsername} at ` +
        `${stored.pbxAddress}:${stored.axlPort ?? ''} only.`,
      'password',
      { rule: 'secretHost' },
    );
  return had ? await secrets.get(oldKey) : null;
}

export function createCiscoImpl(deps: ServiceDeps): Cisco {
  const { data, secrets } = deps;
  const k = () => data.require().kysely;
  const doc = async (tenantId: number) => {
    const s = await readCisco(k(), tenantId);
    const passwordSet =
      s.settings.axlUsername !== '' && (await secrets.has(ciscoSecretKey(tenantId, s.settings)).catch(() => false));
    return { tenantId, ...s, passwordSet };
  };
  const clean = (d: CiscoDraft): CiscoTelephony => ({
    systemName: d.systemName.trim(),
    pbxAddress: d.pbxAddress.trim(),
    failoverAddress: d.failoverAddress.trim(),
    voicemailNumber: d.voicemailNumber.trim(),
    mwiAddress: d.mwiAddress.trim(),
    axlUsername: d.axlUsername,
    axlPort: d.axlPort,
    axlVersion: d.axlVersion.trim(),
    roles: d.roles,
    trusted: d.trusted,
  });

  return {
    async getCiscoTelephony(args, ctx) {
      const tenantId = tenantFor(ctx, args.tenantId);
      await tenantName(k(), tenantId);
      return doc(tenantId);
    },

    async saveCiscoTelephony({ tenantId: asked, expectedVersion, draft }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      await tenantName(k(), tenantId);
      const before = (await readCisco(k(), tenantId)).settings;
      const password = await passwordFor(secrets, tenantId, before, draft);
      refuse(ciscoProblems(draft, password !== null));
      refuse(trustProblems(draft));
      if (draft.password) {
        const ok = await secrets.available();
        if (!ok.ok)
          throw new ServiceError(
            'UNAVAILABLE',
            `The keychain is not available, so the CallManager Password cannot be saved: ${ok.reason}`,
          );
      }
      const settings = clean(draft);
      await writePage(data, ctx, {
        tenantId,
        page: 'ciscoTelephony',
        expectedVersion,
        settings,
        objectType: 'cisco-telephony',
        objectName: 'Cisco IP Telephony parameters',
        // Whether the password changed, never the password.
        audit: { before, after: { ...settings, newLogonEntered: draft.password !== null } },
        table: 'system_cisco',
      });
      // After the commit: the keychain follows the stored row.
      const oldKey = ciscoSecretKey(tenantId, before);
      const newKey = ciscoSecretKey(tenantId, settings);
      if (!settings.axlUsername) await secrets.clear(newKey).catch(() => {});
      else if (password && (draft.password || oldKey !== newKey)) await secrets.set(newKey, password);
      if (oldKey !== newKey) await secrets.clear(oldKey).catch(() => {});
      return doc(tenantId);
    },

    async testCiscoAxl({ tenantId: asked, draft }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      await tenantName(k(), tenantId);
      const stored = (await readCisco(k(), tenantId)).settings;
      const password = await passwordFor(secrets, tenantId, stored, draft);
      refuse(ciscoProblems(draft, password !== null));
      refuse(trustProblems(draft));
      if (!draft.axlUsername)
        throw new ServiceError('INVALID', 'Enter the CallManager Username to test AXL.', 'axlUsername', {
          rule: 'field',
        });
      return testAxl({
        host: draft.pbxAddress.trim(),
        port: draft.axlPort!,
        version: draft.axlVersion.trim(),
        username: draft.axlUsername,
        password: password ?? '',
        pinnedSha256: draft.trusted?.sha256 ?? null,
      });
    },

    async fetchCiscoCertificate({ tenantId: asked, host, port }, ctx) {
      const tenantId = tenantFor(ctx, asked);
      await tenantName(k(), tenantId);
      const h = host.trim();
      if (!isHostName(h))
        throw new ServiceError('INVALID', 'PBX address must be an IP address or DNS name only.', 'pbxAddress', {
          rule: 'field',
        });
      try {
        return await readServerCertificate(h, port);
      } catch (e) {
        throw new ServiceError(
          'UNAVAILABLE',
          `Could not read the certificate of ${h}:${port}: ${(e as Error).message}`,
          'pbxAddress',
        );
      }
    },
  };
}
