import { type Kysely } from 'kysely';
import type { CallContext } from '../../ipc/router';
import type { Database } from '../../connectors/db/schema';
import { unusableReason } from '../../domain/sso';
import { ServiceError } from '../../ipc/errors';
import { identityOf } from '../scope';

export type K = Kysely<Database>;

/**
 * Keychain key of a tenant's Circuit client secret: per connection profile too, so two
 * databases on one workstation (each with a tenant 1) do not share a secret.
 */
export const circuitSecretKey = (profileId: string | null, tenantId: number) =>
  `circuit:${profileId ?? 'none'}:${tenantId}`;

/** Service and identity providers are system-wide (the seed's Master Administrator). */
export function requireHostAdmin(ctx: CallContext, what: string): void {
  if (!identityOf(ctx).hostAdmin)
    throw new ServiceError('FORBIDDEN', `Only a host administrator can change ${what}: they apply to every tenant.`);
}

/** Wraps a domain rule's "is not a URL"-style message into a field error. */
export function field<T>(name: string, label: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    throw new ServiceError('INVALID', `${label} ${(err as Error).message}.`, name);
  }
}

export const httpsUrl = (value: string, label: string, name: string, opts: { loopbackHttp?: boolean } = {}) =>
  field(name, label, () => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new Error('is not a URL');
    }
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
    if (u.protocol !== 'https:' && !(opts.loopbackHttp && loopback && u.protocol === 'http:'))
      throw new Error('must be an https URL');
    return u.toString();
  });

export async function tenantName(k: K, tenantId: number): Promise<string> {
  const t = await k.selectFrom('tenant').select('name').where('id', '=', tenantId).executeTakeFirst();
  if (!t) throw new ServiceError('NOT_FOUND', `Tenant ${tenantId} does not exist.`, 'tenantId');
  return t.name;
}

export const duplicateSp = (hostUrl: string, existing: string) =>
  new ServiceError(
    'INVALID',
    existing === hostUrl
      ? `A Service Provider with Host url ${hostUrl} exists already; each Service Provider must be a role of a ` +
          `different Application Server.`
      : `A Service Provider on the same Application Server (${new URL(hostUrl).host}) exists already: ${existing}. ` +
          `Each Service Provider must be a role of a different Application Server.`,
    'hostUrl',
  );

/** An expired or not yet valid certificate is never trusted: refused when it is given (field error with why). */
export function refuseUnusable(base64: string, name: string, label: string): void {
  const why = unusableReason(base64, new Date());
  if (why)
    throw new ServiceError(
      'INVALID',
      `${label} is not usable: ${why.charAt(0).toLowerCase()}${why.slice(1)}. An expired or not yet valid ` +
        `certificate is never trusted; use the IdP’s current one.`,
      name,
    );
}
export const duplicateIdp = (entityId: string) =>
  new ServiceError('INVALID', `An Identity Provider with Entity ID ${entityId} exists already.`, 'entityId');
