import { ServiceError } from '../../ipc/errors';
import type { UserDeleteGuard, UserSaveGuard } from '../users';

/** The integration's own CIC user (the guide: "Do not modify or delete the PureCloudAdmin user"). */
export const PURECLOUD_ADMIN_LOGON = 'PureCloudAdmin';
const isAdmin = (logonId: string) => logonId.toLowerCase() === PURECLOUD_ADMIN_LOGON.toLowerCase();

/** Only while the tenant has a Genesys Cloud configuration: otherwise it is a user like another. */
const configured = async (tx: Parameters<UserSaveGuard>[0], tenantId: number) =>
  (await tx.selectFrom('genesys_config').select('tenant_id').where('tenant_id', '=', tenantId).executeTakeFirst()) !==
  undefined;

/** Renaming PureCloudAdmin is refused (the bridge signs in with that name). */
export const pureCloudAdminSaveGuard: UserSaveGuard = async (tx, change) => {
  if (!isAdmin(change.before.logonId) || isAdmin(change.after.logonId)) return;
  if (!(await configured(tx, change.tenantId))) return;
  throw new ServiceError(
    'INVALID',
    'PureCloudAdmin is the Genesys Cloud integration’s own user: its Logon ID cannot be changed while the ' +
      'integration is configured.',
    'logonId',
  );
};

/** Deleting PureCloudAdmin is refused, and with it the whole delete (nothing is deleted). */
export const pureCloudAdminDeleteGuard: UserDeleteGuard = async (tx, tenantId, users) => {
  if (!users.some((u) => isAdmin(u.logonId))) return;
  if (!(await configured(tx, tenantId))) return;
  throw new ServiceError(
    'INVALID',
    'PureCloudAdmin is the Genesys Cloud integration’s own user: it cannot be deleted while the integration is ' +
      'configured, so no user was deleted.',
  );
};
