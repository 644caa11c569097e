import type { Kysely } from 'kysely';
import type { IdentityProviderRow, ServiceProviderRow } from '../../contract';
import type { Database } from '../../connectors/db/schema';
import { certificateInfo, spEndpoints } from '../../domain/sso';

type K = Kysely<Database>;

export async function listSps(k: K): Promise<ServiceProviderRow[]> {
  const rows = await k.selectFrom('saml_service_provider').selectAll().orderBy('host_url').execute();
  const now = new Date();
  return rows.map((r) => {
    const e = spEndpoints(r.host_url);
    return {
      id: r.id,
      hostUrl: r.host_url,
      entityId: e.entityId,
      acsUrl: e.acs,
      sloUrl: e.slo,
      certificate: r.certificate ? certificateInfo(r.certificate, now) : null,
      publicKey: r.public_key,
      version: r.version,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    };
  });
}

export async function listIdps(k: K): Promise<IdentityProviderRow[]> {
  const rows = await k.selectFrom('saml_identity_provider').selectAll().orderBy('entity_id').execute();
  const uses = await k
    .selectFrom('saml_tenant')
    .innerJoin('tenant', 'tenant.id', 'saml_tenant.tenant_id')
    .select(['saml_tenant.idp_id', 'tenant.name'])
    .where('saml_tenant.idp_id', 'is not', null)
    .execute();
  const now = new Date();
  return rows.map((r) => ({
    id: r.id,
    entityId: r.entity_id,
    ssoUrl: r.sso_url,
    usernameMatch: r.username_match,
    sloUrl: r.slo_url,
    sloResponseUrl: r.slo_response_url,
    effectiveSloResponseUrl: r.slo_response_url ?? r.slo_url,
    certificates: (JSON.parse(r.certificates) as string[]).map((c) => certificateInfo(c, now)),
    fingerprint: r.fingerprint,
    fingerprintAlgorithm: r.fingerprint_algorithm,
    source: r.source,
    metadataSigned: r.metadata_signed === 1,
    usedBy: uses.filter((u) => u.idp_id === r.id).map((u) => u.name),
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

export const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/i.test(e?.message ?? '');
};
export const isForeignKeyViolation = (err: unknown) => {
  const e = err as { code?: string; message?: string };
  return e?.code === '23503' || /FOREIGN KEY constraint failed/i.test(e?.message ?? '');
};
